"""Architecture rules of DESIGN.md that a reviewer would otherwise have to remember.

- House rule 3: `Model.objects` (or `_default_manager` / `_base_manager`) never appears in a
  `views.py` or `api.py` (nor in a `views/` or `api/` package): reads go through `queries.py`,
  writes through `actions.py`.
- Layout: dependencies point one way, `core, access, audit ← org ← members ←` everything else.
  A module may import from its own layer or a lower one, never from a higher one. String model
  references ("org.OrgUnit") and `apps.get_model("org", ...)` count as dependencies too, so the few
  that the design needs are listed in `ALLOWED_UPWARD` with the reason.

The checks read the source with `ast`; nothing is imported, so a broken module cannot hide.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

CHIBO = Path(__file__).resolve().parents[2]

LAYERS = {"core": 0, "access": 0, "audit": 0, "org": 1, "members": 2}
TOP_LAYER = 3  # every other module of chibo/
# Test support sits above everything: it builds personas with members, units and grants.
NOT_LAYERED = {"testing"}

MANAGER_ATTRIBUTES = {"objects", "_default_manager", "_base_manager"}

# (importing module, app it reaches above its layer): why the design allows it.
ALLOWED_UPWARD = {
    ("chibo.access.models", "org"): "Grant.unit is a string FK to 'org.OrgUnit'",
    ("chibo.audit.models", "org"): "AuditEvent.unit is a string FK to 'org.OrgUnit'",
    ("chibo.access.policy", "org"): (
        "policy resolves OrgUnit with apps.get_model and imports it for type hints only"
    ),
    ("chibo.access.policy", "members"): (
        "policy.member_of resolves the member record linked to a login with apps.get_model: "
        "the one place that answers 'whose record is mine' (foundations issue, finding 3)"
    ),
    ("chibo.access.queries", "org"): (
        "grant management finds a unit by code with apps.get_model, as policy does"
    ),
}

RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.message}"


def module_name(path: Path) -> str:
    rel = path.relative_to(CHIBO.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "chibo" else None


def layer_of(app: str) -> int:
    return LAYERS.get(app, TOP_LAYER)


def is_interface_module(module: str) -> bool:
    """views.py / api.py, or any module inside a views/ or api/ package."""
    return any(part in {"views", "api"} for part in module.split(".")[2:])


def is_test_module(module: str) -> bool:
    return "tests" in module.split(".") or module.split(".")[-1].startswith("test_")


def manager_violations(module: str, source: str) -> list[Violation]:
    tree = ast.parse(source)
    return [
        Violation(module, node.lineno, f"`.{node.attr}` in an interface module (house rule 3)")
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in MANAGER_ATTRIBUTES
    ]


def _resolve_from(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    # A package's own name is its base; a plain module's base is its package.
    keep = len(base) - node.level + (1 if is_package else 0)
    prefix = ".".join(base[:keep])
    return f"{prefix}.{node.module}" if node.module else prefix


def dependencies(module: str, source: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, app) for every chibo app this module depends on: imports, string FKs, get_model."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_from(module, node, is_package)
            targets = [base] if base != "chibo" else [f"chibo.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name == "get_model" and args and isinstance(args[0], str):
                label = args[0]
                targets = [f"chibo.{label.split('.')[0]}"]
            elif name in RELATION_FIELDS and args and isinstance(args[0], str) and "." in args[0]:
                targets = [f"chibo.{args[0].split('.')[0]}"]
        for target in targets:
            app = app_of(target)
            if app is not None:
                found.append((getattr(node, "lineno", 0), app))
    return found


def layer_violations(module: str, source: str, *, is_package: bool = False) -> list[Violation]:
    own = app_of(module)
    if own is None or own in NOT_LAYERED or is_test_module(module):
        return []
    violations = []
    for line, app in dependencies(module, source, is_package=is_package):
        if app in NOT_LAYERED and app != own:
            violations.append(Violation(module, line, f"production code depends on {app}"))
        elif layer_of(app) > layer_of(own) and (module, app) not in ALLOWED_UPWARD:
            violations.append(
                Violation(
                    module,
                    line,
                    f"{own} (layer {layer_of(own)}) depends on {app} (layer {layer_of(app)})",
                )
            )
    return violations


def chibo_sources() -> list[Path]:
    return sorted(p for p in CHIBO.rglob("*.py") if "migrations" not in p.parts)


# --- the rules, over the real code -------------------------------------------------------------


def test_sources_are_found():
    modules = {module_name(p) for p in chibo_sources()}
    assert {"chibo.org.views", "chibo.org.api", "chibo.access.policy"} <= modules


def test_views_and_api_never_touch_model_managers():
    violations = [
        v
        for path in chibo_sources()
        if is_interface_module(module_name(path))
        for v in manager_violations(module_name(path), path.read_text(encoding="utf-8"))
    ]
    assert not violations, "\n".join(map(str, violations))


def test_dependencies_point_one_way():
    violations = [
        v
        for path in chibo_sources()
        for v in layer_violations(
            module_name(path),
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
        )
    ]
    assert not violations, "\n".join(map(str, violations))


def test_allowed_exceptions_are_still_needed():
    """An allowance nobody uses any more must be removed, so it cannot cover a new violation."""
    used = set()
    for path in chibo_sources():
        module = module_name(path)
        for _line, app in dependencies(module, path.read_text(encoding="utf-8")):
            if (module, app) in ALLOWED_UPWARD:
                used.add((module, app))
    assert used == set(ALLOWED_UPWARD)


# --- the checker catches planted violations ----------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "from .models import OrgUnit\nunits = OrgUnit.objects.all()\n",
        "def view(request):\n    return Unit._default_manager.get(pk=1)\n",
        "x = type(obj).objects\n",
        "x = Member._base_manager.count()\n",
    ],
)
def test_manager_checker_catches_planted_violation(source):
    assert manager_violations("chibo.org.views", source)


def test_manager_checker_accepts_queries_calls():
    source = "from . import queries\nunits = queries.visible_units(request.user)\n"
    assert manager_violations("chibo.org.views", source) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("chibo.org.actions", "from chibo.members.models import Member\n"),
        ("chibo.org.queries", "import chibo.members.queries\n"),
        ("chibo.access.tokens", "from chibo.members import queries\n"),
        ("chibo.core.views", "from chibo.org.queries import top_units\n"),
        ("chibo.audit.queries", "from chibo import org\n"),
        ("chibo.members.actions", "from chibo.meetings.models import Meeting\n"),
        (
            "chibo.access.models",
            "from django.db import models\nm = models.ForeignKey('members.Member')\n",
        ),
        ("chibo.audit.recorder", "from django.apps import apps\nM = apps.get_model('org', 'X')\n"),
        ("chibo.org.views", "from chibo.testing.personas import build_personas\n"),
    ],
)
def test_layer_checker_catches_planted_violation(module, source):
    assert layer_violations(module, source), f"{module} should be refused: {source!r}"


def test_layer_checker_resolves_relative_imports():
    # chibo/org/actions.py: `from ..members import models` reaches members, one layer up.
    assert layer_violations("chibo.org.actions", "from ..members import models\n")
    assert layer_violations("chibo.org", "from ..members import models\n", is_package=True)
    assert layer_violations("chibo.org", "from .models import OrgUnit\n", is_package=True) == []
    assert layer_violations("chibo.org.actions", "from .models import OrgUnit\n") == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("chibo.members.actions", "from chibo.org.models import OrgUnit\n"),
        ("chibo.org.actions", "from chibo.access.policy import require\n"),
        ("chibo.meetings.views", "from chibo.members.queries import x\n"),
        ("chibo.handbook.views", "from chibo.meetings.queries import x\n"),
        ("chibo.access.actions", "from chibo.audit.recorder import record\n"),
        ("chibo.access.models", "from django.db import models\nm = models.ForeignKey('org.X')\n"),
        ("chibo.org.tests.test_x", "from chibo.members.models import Member\n"),
    ],
)
def test_layer_checker_accepts_allowed_directions(module, source):
    assert layer_violations(module, source) == []
