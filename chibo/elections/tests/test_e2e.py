"""End to end in headless Chromium: a counting officer enters a 55-name paper ballot with the
keyboard alone (no mouse: focus starts in the struck-names field, Enter saves, Alt+K marks a
ballot not issued), and the projector shows the result without reloading once the count closes.
"""

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from chibo.testing.e2e import DESKTOP, e2e_personas, log_in, open_page

from ..actions import paper, polls
from ..models import PaperEntry
from .support import build_stage, election_with_list

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.usefixtures("audit_truncate_allowed"),
    pytest.mark.filterwarnings("ignore::treebeard.deprecation.RemovedInTreebeard8Warning"),
]


@pytest.fixture
def stage(transactional_db: None, settings: Any) -> Any:
    return build_stage(e2e_personas(settings), delegates=4, present=4)


def test_a_55_name_ballot_is_entered_with_the_keyboard_alone(
    stage: Any, browser: Browser, live_server: Any
) -> None:
    names = [f"Ứng Viên Số {i:02d}" for i in range(1, 56)]
    election = election_with_list(stage, names, seats=45)
    poll = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    officer = stage.officers[0]
    pages: Any = open_page(browser, live_server.url, DESKTOP, timeout=30_000, check=True)
    page, _watch = next(pages)
    log_in(page, officer.username)
    page.goto(f"/elections/polls/{poll.pk}/entry/")
    expect(page.locator("#struck")).to_be_focused()
    # Ballot 1: ten names struck, typed as a range and single numbers; Enter saves.
    page.keyboard.type("1-5 12 33 40 54 55")
    page.keyboard.press("Enter")
    expect(page.locator("#number")).to_have_value("2")
    expect(page.locator("#struck")).to_be_focused()
    # Ballot 2: not issued by the counting committee (Alt+K), nothing struck.
    page.keyboard.press("Alt+k")
    page.keyboard.press("Enter")
    expect(page.locator("#number")).to_have_value("3")
    # A mistyped number is refused beside the field, what was typed is kept.
    page.keyboard.type("7 56")
    page.keyboard.press("Enter")
    expect(page.locator("#entry-error")).to_contain_text("56")
    expect(page.locator("#struck")).to_have_value("7 56")
    entries = {e.number: e for e in PaperEntry.objects.filter(poll=poll, officer=officer)}
    assert entries[1].struck == [1, 2, 3, 4, 5, 12, 33, 40, 54, 55] and entries[1].issued
    assert entries[2].struck == [] and not entries[2].issued
    assert 3 not in entries
    pages.close()


def test_the_projector_shows_the_result_without_reloading(
    stage: Any, browser: Browser, live_server: Any
) -> None:
    election = election_with_list(stage, ["An", "Bình", "Chi", "Dũng", "Em"], seats=4)
    poll = polls.open_poll(actor=stage.organizer, election_id=election.pk, method="paper")
    pages: Any = open_page(browser, live_server.url, DESKTOP, timeout=30_000, check=True)
    page, _watch = next(pages)
    log_in(page, stage.organizer.username)
    page.goto(f"/elections/congress/{stage.congress.pk}/projector/")
    expect(page.locator(f"#poll-{poll.pk}")).to_contain_text("Đang bỏ phiếu")
    for officer in stage.officers[:2]:
        for number in (1, 2, 3):
            paper.record_paper_entry(actor=officer, poll_id=poll.pk, number=number, struck=[5])
    polls.close_poll(actor=stage.officers[0], poll_id=poll.pk)
    expect(page.locator(f"#poll-{poll.pk}")).to_contain_text("trúng cử", timeout=2_500)
    pages.close()
