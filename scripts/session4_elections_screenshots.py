"""Screenshots of the elections pages on a fresh demo, desktop and phone, for
docs/screenshots/session4-elections-*.png (congress 1 is the ward's, poll 1 the committee's paper
count, poll 3 the open electronic vote on the resolution):

    .venv/bin/python manage.py runserver 127.0.0.1:8104 &
    .venv/bin/python scripts/session4_elections_screenshots.py --base-url http://127.0.0.1:8104
"""

import sys

from _screenshots import OUT, base_url, chromium, login, opened_page
from playwright.sync_api import Page

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
PAGES = [
    ("phuong", "congress", "/elections/congress/1/"),
    ("phuong", "election", "/elections/1/"),
    ("phuong", "list", "/elections/2/"),
    ("bithu", "result", "/elections/polls/1/"),
    ("bithu", "entry", "/elections/polls/1/entry/"),
    ("dangvien", "ballot", "/elections/polls/3/"),
    ("phuong", "projector", "/elections/congress/1/projector/"),
]


def shot(page: Page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if wide > 0:
        print(f"  ! {name}: horizontal scroll of {wide} px", file=sys.stderr)
    page.screenshot(path=str(OUT / f"session4-elections-{name}.png"), full_page=True)
    print(f"session4-elections-{name}.png")


def main() -> None:
    base = base_url()
    with chromium() as browser:
        for size_name, size in VIEWPORTS.items():
            for user in dict.fromkeys(u for u, _n, _p in PAGES):
                with opened_page(browser, size, f"{user} {size_name}") as page:
                    login(page, base, user)
                    for who, name, path in PAGES:
                        if who == user:
                            page.goto(base + path)
                            shot(page, f"{name}-{size_name}")


if __name__ == "__main__":
    main()
