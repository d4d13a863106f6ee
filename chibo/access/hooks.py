"""How access's own writes reach the audit log without importing it.

`access` sits below `audit` (docs/architecture.md, "Layers": audit's reads are scoped by
`access.policy`), yet creating a user, granting a role or approving a grant must leave an audit
event like every other action. The audit app registers its recorder here from its
AppConfig.ready(); `access.actions` call `record`, inside their own transaction. An explicit
registration, not a signal (the pattern of `org.hooks`).
"""

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class AuditRecorder(Protocol):
    def __call__(
        self,
        *,
        actor: Any,
        action: str,
        target: Any,
        unit: Any,
        changes: dict[str, Any] | None = None,
    ) -> Any: ...


_recorders: list[AuditRecorder] = []


def register_audit_recorder(recorder: AuditRecorder) -> None:
    _recorders[:] = [recorder]


def record(
    *, actor: Any, action: str, target: Any, unit: Any, changes: dict[str, Any] | None = None
) -> Any:
    """Record one audit event through the registered recorder (`audit.recorder.record`)."""
    if not _recorders:
        raise ImproperlyConfigured("chibo.audit is not installed: access writes need its log.")
    return _recorders[0](actor=actor, action=action, target=target, unit=unit, changes=changes)
