from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chibo.audit"
    label = "audit"

    def ready(self) -> None:
        # access sits below audit and records its own writes through this registration.
        from chibo.access import hooks

        from .recorder import record

        hooks.register_audit_recorder(record)
