"""Draw docs/architecture-layers.svg, the picture of the module layers, from the rules themselves.

    .venv/bin/python scripts/architecture_layers.py          # writes the file
    .venv/bin/python scripts/architecture_layers.py --check  # exit 1 when the file is stale

The layer numbers are read (with `ast`, nothing imported) from the architecture test, which is
what enforces them, and the modules from the packages under chibo/; so the picture cannot drift
from the code. chibo/core/tests/test_architecture.py runs the check.
"""

import ast
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "chibo" / "core" / "tests" / "test_architecture.py"
OUTPUT = ROOT / "docs" / "architecture-layers.svg"

LAYER_NAMES = {
    0: "base, errors, tree, rules",
    1: "roles, grants, policy",
    2: "audit and read logs",
    3: "organisation tree",
    4: "member records, events",
    5: "notices",
    6: "feature modules",
    7: "interfaces over all",
}

WIDTH = 900
ROW = 64
GAP = 18
LEFT = 190
BOX_GAP = 10
TOP = 56


def _constant(name: str) -> object:
    tree = ast.parse(RULES.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets: list[ast.expr] = [node.target]
            value = node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return ast.literal_eval(value)
    raise LookupError(f"{name} not found in {RULES}")


def layers() -> tuple[dict[int, list[str]], list[str]]:
    named = _constant("LAYERS")
    feature = _constant("FEATURE_LAYER")
    outside = _constant("NOT_LAYERED")
    assert isinstance(named, dict) and isinstance(feature, int) and isinstance(outside, set)
    apps = sorted(p.parent.name for p in (ROOT / "chibo").glob("*/__init__.py"))
    rows: dict[int, list[str]] = {}
    for app in apps:
        if app not in outside:
            rows.setdefault(named.get(app, feature), []).append(app)
    return rows, sorted(outside)


def _box(x: float, y: float, w: float, h: float, label: str, fill: str) -> str:
    # Monospace glyphs are about 0.6 em wide; shrink a long name to fit its box.
    size = min(14.0, (w - 8) / (0.62 * max(len(label), 1)))
    return (
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="6" '
        f'fill="{fill}" stroke="#5b6570"/>'
        f'<text x="{x + w / 2:.0f}" y="{y + h / 2 + 5:.0f}" text-anchor="middle" '
        f'font-family="monospace" font-size="{size:.1f}">{escape(label)}</text>'
    )


def render() -> str:
    rows, outside = layers()
    numbers = sorted(rows, reverse=True)
    height = TOP + len(numbers) * (ROW + GAP) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Chi Bộ Số module layers">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<text x="20" y="28" font-family="sans-serif" font-size="16" font-weight="bold">'
        "Chi Bộ Số: module layers (a module imports its own layer or lower ones, never higher; "
        "no cycles)</text>",
    ]
    side = 130  # the column of modules outside the layers
    usable = WIDTH - LEFT - side - 40
    for i, number in enumerate(numbers):
        y = TOP + i * (ROW + GAP)
        apps = rows[number]
        parts.append(
            f'<text x="20" y="{y + 26}" font-family="sans-serif" font-size="14" '
            f'font-weight="bold">layer {number}</text>'
            f'<text x="20" y="{y + 44}" font-family="sans-serif" font-size="10" '
            f'fill="#5b6570">{escape(LAYER_NAMES.get(number, ""))}</text>'
        )
        w = (usable - BOX_GAP * (len(apps) - 1)) / len(apps)
        fill = "#e8f1fb" if number < 6 else "#eef7ea" if number == 6 else "#fbf1e4"
        for j, app in enumerate(apps):
            parts.append(_box(LEFT + j * (w + BOX_GAP), y + 8, w, ROW - 16, app, fill))
        if i < len(numbers) - 1:
            x = LEFT + usable / 2
            parts.append(
                f'<line x1="{x:.0f}" y1="{y + ROW - 8}" x2="{x:.0f}" y2="{y + ROW + GAP + 6}" '
                'stroke="#5b6570" stroke-width="2" marker-end="url(#down)"/>'
            )
    top = TOP + 8
    tall = len(numbers) * (ROW + GAP) - GAP - 16
    parts.append(_box(WIDTH - side - 10, top, side, tall, "", "#f4f4f4"))
    parts.append(
        f'<text x="{WIDTH - side / 2 - 10:.0f}" y="{top + 24}" text-anchor="middle" '
        'font-family="sans-serif" font-size="12">outside the layers</text>'
    )
    for k, app in enumerate(outside):
        parts.append(
            f'<text x="{WIDTH - side / 2 - 10:.0f}" y="{top + 60 + 24 * k}" text-anchor="middle" '
            f'font-family="monospace" font-size="14">{escape(app)}</text>'
        )
    parts.append(
        f'<text x="{WIDTH - side / 2 - 10:.0f}" y="{top + 60 + 24 * len(outside) + 10}" '
        'text-anchor="middle" font-family="sans-serif" font-size="10" fill="#5b6570">'
        "may use any module;</text>"
        f'<text x="{WIDTH - side / 2 - 10:.0f}" y="{top + 60 + 24 * len(outside) + 24}" '
        'text-anchor="middle" font-family="sans-serif" font-size="10" fill="#5b6570">'
        "no module uses them</text>"
    )
    parts.append(
        f'<text x="20" y="{height - 14}" font-family="sans-serif" font-size="11" fill="#5b6570">'
        "Arrows: “depends on”. Generated by scripts/architecture_layers.py from "
        "chibo/core/tests/test_architecture.py.</text>"
    )
    parts.insert(
        1,
        '<defs><marker id="down" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#5b6570"/></marker></defs>',
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    svg = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != svg:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run scripts/architecture_layers.py")
            return 1
        return 0
    OUTPUT.write_text(svg, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
