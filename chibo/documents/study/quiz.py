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
    rng = random.Random(seed)  # noqa: S311  (shuffling a quiz, not a secret)
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
