"""Screenshots of the main pages, desktop and phone, for docs/screenshots/.

Run against a running server with the demo data (`make demo` in another terminal):

    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000]

It drives Debian's chromium (/usr/bin/chromium) with Playwright, logs in with the demo accounts
(password chibo-demo-2026) and, when `pngquant` is installed, shrinks each PNG. `--with-home` also
saves the home page of every demo account (for review; not committed by default).
"""

import argparse
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "chibo-demo-2026"  # noqa: S105  (the published demo password)
STAFF = "vanphong"
HOME_ACCOUNTS = ["vanphong", "phuong", "bithu", "dangvien"]
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@contextmanager
def session(browser: Browser, base: str, size: tuple[int, int], user: str | None) -> Iterator[Page]:
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        is_mobile=width < 500,
        has_touch=width < 500,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        if user:
            login(page, base, user)
        yield page
    finally:
        context.close()
        for text in errors:
            print(f"  ! console error: {text}", file=sys.stderr)


def login(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")
    if "/accounts/login/" in page.url:
        raise SystemExit(f"Could not log in as {user} at {base} (is the demo data loaded?)")


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.activeElement && document.activeElement.blur()")


def shoot(page: Page, out: Path, name: str, *, full_page: bool = True) -> Path:
    settle(page)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path


def expand(page: Page, toggle_selector: str) -> None:
    button = page.locator(toggle_selector).first
    target = button.get_attribute("aria-controls")
    button.click()
    page.locator(f"#{target} > li").first.wait_for()


def pages_for(browser: Browser, base: str, out: Path, kind: str, search: str) -> list[Path]:
    size = VIEWPORTS[kind]
    shots = []
    with session(browser, base, size, None) as page:
        page.goto(f"{base}/accounts/login/")
        shots.append(shoot(page, out, f"{kind}-1-login", full_page=False))
    with session(browser, base, size, STAFF) as page:
        page.goto(f"{base}/org/")
        expand(page, ".tree > ul > li > .node .toggle")
        expand(page, ".tree > ul > li > ul > li > .node .toggle")
        shots.append(shoot(page, out, f"{kind}-2-tree", full_page=False))

        page.fill("#unit-q", search)
        page.locator("#search-results .list-group-item").first.wait_for()
        shots.append(shoot(page, out, f"{kind}-3-search", full_page=False))

        page.locator("#search-results .list-group-item a").first.click()
        page.wait_for_url("**/org/*/")
        create = page.locator("#manage .accordion-button").first
        if create.count():
            create.click()
            page.locator("#manage .accordion-collapse.show").first.wait_for()
            page.wait_for_timeout(400)  # the collapse transition
        shots.append(shoot(page, out, f"{kind}-4-unit"))

        page.goto(f"{base}/audit/")
        shots.append(shoot(page, out, f"{kind}-5-audit", full_page=False))

        page.goto(f"{base}/account/tokens/")
        shots.append(shoot(page, out, f"{kind}-6-tokens", full_page=False))
    return shots


def homes_for(browser: Browser, base: str, out: Path, kind: str) -> list[Path]:
    shots = []
    for user in HOME_ACCOUNTS:
        with session(browser, base, VIEWPORTS[kind], user) as page:
            page.goto(f"{base}/")
            shots.append(shoot(page, out, f"{kind}-home-{user}"))
    return shots


def optimise(paths: list[Path]) -> None:
    pngquant = shutil.which("pngquant")
    if not pngquant:
        print("pngquant not found: PNGs left as they are (apt-get install pngquant)")
        return
    for path in paths:
        subprocess.run(  # noqa: S603
            [
                pngquant,
                "--force",
                "--skip-if-larger",
                "--quality=70-95",
                "--ext",
                ".png",
                str(path),
            ],
            check=False,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--search", default="phuong sai gon", help="text typed in the search box")
    parser.add_argument("--only", choices=sorted(VIEWPORTS), help="one viewport only")
    parser.add_argument("--with-home", action="store_true", help="also each account's home page")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.base_url.rstrip("/")
    kinds = [args.only] if args.only else list(VIEWPORTS)
    paths: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind in kinds:
                paths += pages_for(browser, base, args.out, kind, args.search)
                if args.with_home:
                    paths += homes_for(browser, base, args.out, kind)
        finally:
            browser.close()
    optimise(paths)
    for path in paths:
        print(f"{path.stat().st_size // 1024:>4} KB  {path}")


if __name__ == "__main__":
    main()
