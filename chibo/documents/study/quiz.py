"""Quiz arithmetic: the per-attempt layout (shuffled questions and options) and the score.

Pure functions, no database. An attempt stores its seed and the layout drawn from it, so the page
the member saw and the score computed from their answers always agree, whatever happens to the
order of the questions in the database afterwards.

The pass mark is a whole percentage; the comparison is done in integers
(`correct * 100 >= pass_mark * total`) so 7 of 10 passes a 70 % mark exactly.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_noop

# A layout: [(question_id, [option_id, ...]), ...] in the order shown to the member.
Layout = list[tuple[int, list[int]]]


def draw_layout(
    questions: Mapping[int, Sequence[int]],
    seed: int,
    *,
    shuffle_questions: bool = True,
    shuffle_options: bool = True,
) -> Layout:
    """The order in which one attempt shows the questions and their options.

    `questions` maps each question id to its option ids (in their stored order). The same seed
    gives the same layout; the input order does not matter (ids are sorted first), so a layout can
    be redrawn from the seed alone.
    """
    rng = random.Random(seed)  # shuffling a quiz, not a secret
    question_ids = sorted(questions)
    if shuffle_questions:
        rng.shuffle(question_ids)
    layout: Layout = []
    for qid in question_ids:
        options = sorted(questions[qid])
        if shuffle_options:
            rng.shuffle(options)
        layout.append((qid, options))
    return layout


@dataclass(frozen=True)
class Score:
    correct: int
    total: int
    percent: int  # rounded down, for display; `passed` uses exact integers
    passed: bool


def score_attempt(
    layout: Layout,
    answers: Mapping[int, int | None],
    correct_options: Mapping[int, int],
    pass_mark: int,
) -> Score:
    """Score the answers (`question_id -> chosen option_id`) of one attempt.

    Only the questions of the layout count, and an answer counts only if the chosen option is one
    the layout showed for that question (a forged option id from another question scores
    nothing). An unanswered question is wrong.
    """
    total = len(layout)
    correct = 0
    for qid, option_ids in layout:
        chosen = answers.get(qid)
        if chosen is not None and chosen in option_ids and correct_options.get(qid) == chosen:
            correct += 1
    percent = (correct * 100) // total if total else 0
    passed = total > 0 and correct * 100 >= pass_mark * total
    return Score(correct=correct, total=total, percent=percent, passed=passed)


def attempts_left(used: int, limit: int | None) -> int | None:
    """Attempts a member may still start; None = unlimited."""
    if limit is None:
        return None
    return max(0, limit - used)


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    options: list[tuple[str, bool]]  # (text, is_correct) in the author's order


MAX_QUESTIONS = 50
MAX_OPTIONS = 6


class QuizTextError(ValueError):
    """The quiz text does not follow the format; `line` is 1-based (0 = the whole text)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def parse_quiz_text(text: str) -> list[QuestionSpec]:
    """Questions written as plain text, one block per question, blocks separated by a blank line:

        Chỉ thị 50-CT/TW bàn về nội dung gì?
        * Nâng cao chất lượng sinh hoạt chi bộ
        - Công tác dân vận
        - Phát triển kinh tế tư nhân

    The first line is the question; each option line starts with `*` (the correct one, exactly
    one per question) or `-`. Messages are Vietnamese msgids, translated by the caller.
    """
    questions: list[QuestionSpec] = []
    block: list[tuple[int, str]] = []
    for number, raw in enumerate([*text.splitlines(), ""], start=1):
        line = raw.strip()
        if line:
            block.append((number, line))
            continue
        if block:
            questions.append(_question(block))
            block = []
    if not questions:
        raise QuizTextError(gettext_noop("Chưa có câu hỏi nào."))
    if len(questions) > MAX_QUESTIONS:
        raise QuizTextError(gettext_noop("Tối đa 50 câu hỏi."))
    return questions


def _question(block: list[tuple[int, str]]) -> QuestionSpec:
    (first_line, text), *rest = block
    if text[0] in "*-":
        raise QuizTextError(
            gettext_noop("Dòng đầu của mỗi khối là câu hỏi, không phải phương án."), first_line
        )
    options: list[tuple[str, bool]] = []
    for number, line in rest:
        if line[0] not in "*-" or not line[1:].strip():
            raise QuizTextError(
                gettext_noop("Mỗi phương án bắt đầu bằng * (đúng) hoặc - (sai)."), number
            )
        options.append((line[1:].strip(), line[0] == "*"))
    if not 2 <= len(options) <= MAX_OPTIONS:
        raise QuizTextError(gettext_noop("Mỗi câu hỏi có từ 2 đến 6 phương án."), first_line)
    if sum(correct for _t, correct in options) != 1:
        raise QuizTextError(
            gettext_noop("Mỗi câu hỏi có đúng một phương án đúng (đánh dấu *)."), first_line
        )
    return QuestionSpec(text, options)
