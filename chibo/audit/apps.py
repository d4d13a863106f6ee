from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chibo.audit"
    label = "audit"

    def ready(self) -> None:
        # access sits below audit and records its own writes through this registration.
        from chibo.access import hooks

        from .recorder import record

        hooks.register_audit_recorder(record)

        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "audit",
            menu=[
                shell.MenuEntry(
                    shell.Group.ADMIN,
                    _("Nhật ký thao tác"),
                    "audit:events",
                    icon="journal-text",
                    perm="audit.view",
                    order=10,
                ),
                shell.MenuEntry(
                    shell.Group.ADMIN,
                    _("Nhật ký xem dữ liệu"),
                    "audit:reads",
                    icon="eye",
                    perm="audit.view",
                    order=20,
                ),
            ],
        )
