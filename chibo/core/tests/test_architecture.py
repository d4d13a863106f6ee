"""Architecture rules of DESIGN.md and docs/architecture.md that a reviewer would otherwise have to
remember.

- House rule 3, widened: `Model.objects` (or `_default_manager` / `_base_manager`) never appears in
  an interface module: views, API operations (`api.py`, `api_*.py`, `*_api.py`), forms,
  middleware, context processors, tasks, management commands and their `cli` helpers, template
  tags — as a file or as a package of that name. Reads go through `queries.py`, writes through
  `actions.py`.
- Layers: dependencies point one way, in the order of `LAYERS`. A module may import from its own
  layer or a lower one, never from a higher one. String model references ("org.OrgUnit") and
  `apps.get_model("org", ...)` count as dependencies too, so the few that the design needs are
  listed in `ALLOWED_UPWARD` with the reason.
- No cycles between modules (apps), inside a layer too: the feature modules may use each other, but
  never both ways round, directly or through others.

The checks read the source with `ast`; nothing is imported, so a broken module cannot hide. Each
rule has planted-violation tests below, so that it cannot pass by checking nothing.
"""

import ast
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

CHIBO = Path(__file__).resolve().parents[2]

# docs/architecture.md, "Layers". Every module of chibo/ not named here is a feature module.
LAYERS = {
    "core": 0,
    "access": 1,
    "audit": 2,
    "org": 3,
    "members": 4,
    "notifications": 5,
    "handbook": 7,
    "home": 7,
}
FEATURE_LAYER = 6  # data_quality, documents, meetings, calendar, and every module still to come
# Demo data and test support sit above everything, outside the layers: they build personas and
# demo records with every module. Production code never depends on them.
NOT_LAYERED = {"testing", "demo"}

MANAGER_ATTRIBUTES = {"objects", "_default_manager", "_base_manager"}

# A module is an interface module when a part of its dotted name (after `chibo.<app>`) is one of
# these, or starts with `<kind>_` or ends with `_<kind>` (`api_registry`, `statistics_api`,
# `registry_forms`). `commands` covers `management/commands/`.
INTERFACE_KINDS = {
    "views",
    "api",
    "forms",
    "middleware",
    "context_processors",
    "tasks",
    "commands",
    "cli",  # the helpers a module's commands share (progress bars, parsing of --actor, --unit)
    "templatetags",
}

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
    ("chibo.access.policy", "audit"): (
        "policy.reveal writes one audit.SensitiveRead per revealed record, by apps.get_model: the "
        "field rule and its read log are one decision (foundations issue, finding 1)"
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
    return LAYERS.get(app, FEATURE_LAYER)


def _is_interface_part(part: str) -> bool:
    return any(
        part == kind or part.startswith(f"{kind}_") or part.endswith(f"_{kind}")
        for kind in INTERFACE_KINDS
    )


def is_interface_module(module: str) -> bool:
    """A views/api/forms/middleware/tasks/commands/templatetags module, or one in such a package."""
    return any(_is_interface_part(part) for part in module.split(".")[2:])


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


# An edge of the app graph, with the first place that makes it: {app: {other app: "module:line"}}.
Graph = dict[str, dict[str, str]]


def app_graph(sources: Iterable[tuple[str, str, bool]]) -> Graph:
    """The app-level dependency graph of (module, source, is_package), tests left out.

    The allowed upward references are left out too: each is a lookup by name that `ALLOWED_UPWARD`
    explains, and counting them would make every one of them a cycle with its target.
    """
    graph: Graph = {}
    for module, source, is_package in sources:
        own = app_of(module)
        if own is None or is_test_module(module):
            continue
        edges = graph.setdefault(own, {})
        for line, app in dependencies(module, source, is_package=is_package):
            if app != own and (module, app) not in ALLOWED_UPWARD:
                edges.setdefault(app, f"{module}:{line}")
    return graph


def find_cycles(graph: Graph) -> list[list[str]]:
    """The cycles between apps, as [a, b, ..., a].

    Each strongly connected group of apps (Tarjan) gives, for each of its apps, the shortest cycle
    through it (duplicates dropped), so the report names every app of the tangle.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, {})):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    cycles: list[list[str]] = []
    seen: set[frozenset[tuple[str, str]]] = set()
    for group in groups:
        for start in sorted(group):
            cycle = _cycle_through(graph, group, start)
            edges = frozenset(pairwise(cycle))
            if edges not in seen:
                seen.add(edges)
                cycles.append(cycle)
    return cycles


def _cycle_through(graph: Graph, group: set[str], start: str) -> list[str]:
    """A shortest cycle through `start` inside its strongly connected group."""
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for succ in sorted(graph.get(node, {})):
                if succ == start:
                    return [*paths[node], start]
                if succ in group and succ not in paths:
                    paths[succ] = [*paths[node], succ]
                    following.append(succ)
        frontier = following
    raise AssertionError(f"no cycle in {group}")  # pragma: no cover - Tarjan said there is one


def describe_cycle(graph: Graph, cycle: list[str]) -> str:
    steps = [f"{a} -> {b} ({graph[a][b]})" for a, b in pairwise(cycle)]
    return "cycle: " + "; ".join(steps)


def chibo_sources() -> list[Path]:
    return sorted(p for p in CHIBO.rglob("*.py") if "migrations" not in p.parts)


def real_sources() -> list[tuple[str, str, bool]]:
    return [
        (module_name(p), p.read_text(encoding="utf-8"), p.name == "__init__.py")
        for p in chibo_sources()
    ]


def checked_for_managers(module: str) -> bool:
    # Test support builds its fixtures directly; everything else that faces a user is checked.
    return (
        is_interface_module(module) and not is_test_module(module) and app_of(module) != "testing"
    )


# --- the rules, over the real code -------------------------------------------------------------


def test_sources_are_found():
    modules = {module_name(p) for p in chibo_sources()}
    assert {"chibo.org.views", "chibo.org.api", "chibo.access.policy"} <= modules
    interface = {m for m in modules if checked_for_managers(m)}
    # Every kind of interface module is really looked at (none of these names may drift away).
    assert {"chibo.org.views", "chibo.org.forms", "chibo.access.middleware"} <= interface
    assert any(m.endswith(".tasks") for m in interface)
    assert any(".management.commands." in m for m in interface)
    assert any(".templatetags." in m for m in interface)


def test_interface_modules_never_touch_model_managers():
    violations = [
        v
        for module, source, _is_package in real_sources()
        if checked_for_managers(module)
        for v in manager_violations(module, source)
    ]
    assert not violations, "\n".join(map(str, violations))


def test_dependencies_point_one_way():
    violations = [
        v
        for module, source, is_package in real_sources()
        for v in layer_violations(module, source, is_package=is_package)
    ]
    assert not violations, "\n".join(map(str, violations))


def test_no_cycles_between_modules():
    graph = app_graph(real_sources())
    cycles = find_cycles(graph)
    assert not cycles, "\n".join(describe_cycle(graph, c) for c in cycles)


def test_allowed_exceptions_are_still_needed():
    """An allowance nobody uses any more must be removed, so it cannot cover a new violation."""
    used = set()
    for module, source, is_package in real_sources():
        for _line, app in dependencies(module, source, is_package=is_package):
            if (module, app) in ALLOWED_UPWARD:
                used.add((module, app))
    assert used == set(ALLOWED_UPWARD)


def test_every_layered_module_is_an_app_of_chibo():
    """A name in LAYERS that is not a package of chibo/ is a typo that would hide a module."""
    packages = {p.parent.name for p in CHIBO.glob("*/__init__.py")}
    assert set(LAYERS) <= packages
    assert packages >= NOT_LAYERED


def test_docs_describe_the_same_layers():
    """docs/architecture.md names the layers in the order the test enforces."""
    text = (CHIBO.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for app, layer in LAYERS.items():
        assert re.search(rf"\b{layer}\b.*`{app}`", text), f"layer {layer} `{app}` not in the docs"


# --- the one module layout (docs/architecture.md, "The module layout") --------------------------

# A sub-domain is a sub-package with the usual file names, never a prefixed or suffixed file
# beside them (`api_registry.py`, `statistics_api.py`, `registry_forms.py`); and nothing is named
# like Django's own modules.
MISPLACED_NAME = re.compile(
    r"^(?:(?:api|forms|schemas|views|queries|actions|urls|tasks)_\w+"
    r"|\w+_(?:api|forms|schemas|views|queries|actions|urls|tasks)|checks|template)$"
)


def layout_violations(module: str, source: str) -> list[Violation]:
    violations = []
    name = module.split(".")[-1]
    # Commands are named after what one types (`manage.py recover_tasks`).
    if MISPLACED_NAME.match(name) and ".management.commands." not in module:
        violations.append(
            Violation(module, 1, "a sub-domain is a sub-package; no Django-like or affixed names")
        )
    if name != "api":
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if called == "Router":
                violations.append(
                    Violation(module, node.lineno, "a ninja Router is made only in an api.py")
                )
    return violations


def test_modules_follow_the_one_layout():
    violations = [
        v
        for module, source, _is_package in real_sources()
        if not is_test_module(module) and app_of(module) not in NOT_LAYERED
        for v in layout_violations(module, source)
    ]
    assert not violations, "\n".join(map(str, violations))


def test_config_mounts_one_router_per_module():
    """config/api.py imports each module's `router` from `chibo.<module>.api`, nothing else."""
    tree = ast.parse((CHIBO.parent / "config" / "api.py").read_text(encoding="utf-8"))
    mounted: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".api"):
            app = app_of(node.module or "")
            if app is not None:
                mounted.setdefault(app, []).extend(a.name for a in node.names)
    wrong = {
        app: names
        for app, names in mounted.items()
        if names != ["router"] or f"chibo.{app}.api" not in _imports_of(tree)
    }
    assert mounted and not wrong, wrong


def _imports_of(tree: ast.Module) -> set[str]:
    return {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("chibo.documents.api_registry", ""),
        ("chibo.members.statistics_api", ""),
        ("chibo.documents.registry_forms", ""),
        ("chibo.data_quality.checks", ""),
        ("chibo.data_quality.template", ""),
        ("chibo.members.views", "from ninja import Router\nrouter = Router()\n"),
        ("chibo.meetings.queries", "import ninja\nunits_router = ninja.Router()\n"),
    ],
)
def test_layout_checker_catches_planted_violation(module, source):
    assert layout_violations(module, source)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("chibo.documents.registry.api", "from ninja import Router\nrouter = Router()\n"),
        ("chibo.data_quality.criteria", ""),
        ("chibo.data_quality.importing.columns", ""),
        ("chibo.members.queries.statistics", ""),
        ("chibo.meetings.exports.minutes", ""),
        ("chibo.operations.management.commands.recover_tasks", ""),
    ],
)
def test_layout_checker_accepts_the_layout(module, source):
    assert layout_violations(module, source) == []


def test_the_layer_picture_is_current():
    """docs/architecture-layers.svg is drawn from LAYERS and the packages; redraw it when they
    change: `.venv/bin/python scripts/architecture_layers.py`."""
    spec = importlib.util.spec_from_file_location(
        "architecture_layers", CHIBO.parent / "scripts" / "architecture_layers.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main(["--check"]) == 0, "run scripts/architecture_layers.py"


# --- the checkers catch planted violations -----------------------------------------------------


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


@pytest.mark.parametrize(
    "module",
    [
        "chibo.org.views",
        "chibo.members.views.listing",
        "chibo.org.api",
        "chibo.documents.api_registry",
        "chibo.documents.api_router",
        "chibo.members.statistics_api",
        "chibo.data_quality.importing.api",
        "chibo.org.forms",
        "chibo.documents.registry_forms",
        "chibo.access.middleware",
        "chibo.home.context_processors",
        "chibo.notifications.tasks",
        "chibo.data_quality.campaigns.tasks",
        "chibo.calendar.management.commands.calendar_adjustment",
        "chibo.demo.management.commands.seed_demo",
        "chibo.data_quality.importing.cli",
        "chibo.notifications.templatetags.notices",
    ],
)
def test_planted_manager_use_in_every_kind_of_interface_module_fails(module):
    source = "from chibo.members.models import Member\nrows = Member.objects.filter(unit=u)\n"
    assert checked_for_managers(module), module
    assert manager_violations(module, source)


@pytest.mark.parametrize(
    "module",
    [
        "chibo.org.queries",
        "chibo.org.actions",
        "chibo.members.queries.search",
        "chibo.documents.models.registry",
        "chibo.org.tests.test_views",
        "chibo.testing.personas",
        "chibo.core.workdays",
    ],
)
def test_reads_and_writes_may_use_managers(module):
    assert not checked_for_managers(module), module


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
        ("chibo.core.actions", "from chibo.access.policy import require\n"),
        ("chibo.core.actions", "from chibo.audit.recorder import record\n"),
        ("chibo.access.actions", "from chibo.audit.recorder import record\n"),
        ("chibo.audit.queries", "from chibo import org\n"),
        ("chibo.members.actions", "from chibo.meetings.models import Meeting\n"),
        ("chibo.members.actions", "from chibo.notifications.actions import notify\n"),
        ("chibo.notifications.actions", "from chibo.documents.models import Document\n"),
        ("chibo.meetings.queries", "from chibo.handbook.queries import x\n"),
        ("chibo.documents.views", "from chibo.home.navigation import menu_for\n"),
        ("chibo.calendar.actions", "from chibo.home import views\n"),
        (
            "chibo.access.models",
            "from django.db import models\nm = models.ForeignKey('members.Member')\n",
        ),
        ("chibo.audit.recorder", "from django.apps import apps\nM = apps.get_model('org', 'X')\n"),
        ("chibo.org.views", "from chibo.testing.personas import build_personas\n"),
        ("chibo.handbook.views", "from chibo.demo.seed import seed\n"),
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
        ("chibo.audit.queries", "from chibo.access.policy import scope\n"),
        ("chibo.meetings.views", "from chibo.members.queries import x\n"),
        ("chibo.meetings.actions", "from chibo.notifications.actions import notify\n"),
        ("chibo.documents.queries", "from chibo.meetings.queries import x\n"),
        ("chibo.handbook.views", "from chibo.meetings.queries import x\n"),
        ("chibo.home.views", "from chibo.handbook.queries import x\n"),
        ("chibo.calendar.actions", "from chibo.audit.recorder import record\n"),
        ("chibo.access.actions", "from chibo.core.errors import Forbidden\n"),
        ("chibo.access.models", "from django.db import models\nm = models.ForeignKey('org.X')\n"),
        ("chibo.org.tests.test_x", "from chibo.members.models import Member\n"),
        ("chibo.demo.seed", "from chibo.handbook.actions import x\n"),
    ],
)
def test_layer_checker_accepts_allowed_directions(module, source):
    assert layer_violations(module, source) == []


def test_cycle_checker_catches_a_planted_cycle():
    sources = [
        ("chibo.documents.queries", "from chibo.meetings.queries import upcoming\n", False),
        ("chibo.meetings.actions", "from chibo.documents.models import Document\n", False),
        ("chibo.meetings.views", "from chibo.members.queries import x\n", False),
    ]
    graph = app_graph(sources)
    cycles = find_cycles(graph)
    assert cycles == [["documents", "meetings", "documents"]]
    text = describe_cycle(graph, cycles[0])
    assert "chibo.documents.queries:1" in text
    assert "chibo.meetings.actions:1" in text


def test_cycle_checker_catches_a_longer_cycle_through_names():
    sources = [
        ("chibo.documents.queries", "from chibo.meetings import queries\n", False),
        ("chibo.meetings.queries", "import chibo.data_quality.queries\n", False),
        (
            "chibo.data_quality.models",
            "from django.db import models\nd = models.ForeignKey('documents.Document')\n",
            False,
        ),
    ]
    assert find_cycles(app_graph(sources)) == [
        ["data_quality", "documents", "meetings", "data_quality"]
    ]


def test_cycle_checker_catches_core_access_audit():
    """The cycle the foundations issue found: core -> access -> audit -> access, core."""
    sources = [
        ("chibo.core.actions", "from chibo.access.policy import has_perm_anywhere\n", False),
        ("chibo.access.queries", "from chibo.core.errors import NotFound\n", False),
        ("chibo.audit.queries", "from chibo.access.policy import scope\n", False),
        ("chibo.access.actions", "from chibo.audit.recorder import record\n", False),
    ]
    assert find_cycles(app_graph(sources)) == [
        ["access", "audit", "access"],
        ["core", "access", "core"],
    ]


def test_cycle_checker_accepts_one_way_graph_and_ignores_tests():
    sources = [
        ("chibo.documents.queries", "from chibo.meetings.queries import x\n", False),
        ("chibo.meetings.tests.test_x", "from chibo.documents.queries import x\n", False),
        ("chibo.handbook.views", "from chibo.documents import queries\n", False),
    ]
    assert find_cycles(app_graph(sources)) == []
