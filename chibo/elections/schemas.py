"""django-ninja schemas of the elections API."""

from typing import Any

from ninja import Field, Schema


class BallotIn(Schema):
    """The caller's own electronic ballot: `kept` candidate ids (a list with surplus), `marks`
    {candidate id: "agree" | "disagree"} (no surplus), or `answer` for a motion."""

    kept: list[int] | None = Field(None, max_length=500)
    marks: dict[str, str] | None = None
    answer: str | None = Field(None, max_length=10)


class BallotAccepted(Schema):
    accepted: bool
    detail: str


class PaperEntryIn(Schema):
    number: int = Field(..., ge=1, le=100_000, description="the ballot's number in the stack")
    struck: list[int] = Field(default_factory=list, max_length=500)
    unmarked: list[int] = Field(default_factory=list, max_length=500)
    issued: bool = True
    names_added: bool = False


class PaperEntryOut(Schema):
    id: int
    number: int
    revision: int


class PollOut(Schema):
    id: int
    title: str
    state: str
    method: str
    form: str
    round: int
    seats: int
    entitled: int | None
    participated: int | None
    ballots: int | None = None
    void_reason: str | None = None
    results: dict[str, Any] | None
