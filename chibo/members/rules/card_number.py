"""Party card number (số thẻ đảng viên): format NOT confirmed [U].

No public source read for this project states the structure of the number printed on the party
card (the 2025 card exchange under the Secretariat's directive of 8/8/2025 links the card to the
national member database, but its published text gives no number format). So the accepted pattern
is a setting, `CHIBO_CARD_NUMBER_PATTERN` (a regular expression matched against the number with
spaces, dots and dashes removed), defaulting to 8-12 digits, which also admits a number written
with a 2-digit province prefix. A number that does not match is a warning, never an error, until
the format is confirmed; the UI should say the check is unconfirmed.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .problems import Problem, Severity, Source

CARD_NUMBER_SOURCE = Source(
    "Định dạng số thẻ đảng viên: chưa xác nhận (cấu hình được)", confirmed=False
)
DEFAULT_CARD_NUMBER_PATTERN = r"\d{8,12}"

_SEPARATORS = re.compile(r"[\s.\-\u00a0]")


def normalise_card_number(raw: str) -> str:
    return _SEPARATORS.sub("", raw)


def card_number_pattern() -> re.Pattern[str]:
    """The configured pattern; read on every call so a deployment (or a test) can change it."""
    return _compile(getattr(settings, "CHIBO_CARD_NUMBER_PATTERN", DEFAULT_CARD_NUMBER_PATTERN))


@lru_cache(maxsize=8)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def check_card_number(value: str) -> list[Problem]:
    """A warning when the number does not match the configured pattern; empty is not checked."""
    number = normalise_card_number(value)
    if not number or card_number_pattern().fullmatch(number):
        return []
    return [
        Problem(
            "card_number.format",
            _(
                "Số thẻ đảng viên %(number)s không khớp định dạng đã cấu hình "
                "(định dạng chưa được xác nhận chính thức)."
            ),
            severity=Severity.WARNING,
            field="card_number",
            source=CARD_NUMBER_SOURCE,
            params={"number": number},
        )
    ]
