"""Quiz arithmetic: layouts drawn from a seed, exact scoring, the quiz text format."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo.documents.distribution.rates import roll_up
from chibo.documents.study.quiz import (
    QuizTextError,
    attempts_left,
    draw_layout,
    parse_quiz_text,
    score_attempt,
)

QUESTIONS = {10: [100, 101, 102], 11: [110, 111], 12: [120, 121, 122, 123]}
CORRECT = {10: 101, 11: 110, 12: 123}


def test_same_seed_same_layout_whatever_the_input_order():
    shuffled = {12: [123, 122, 121, 120], 10: [102, 100, 101], 11: [111, 110]}
    assert draw_layout(QUESTIONS, 42) == draw_layout(shuffled, 42)


def test_layouts_differ_between_seeds_and_keep_every_option():
    layouts = {tuple((q, tuple(o)) for q, o in draw_layout(QUESTIONS, s)) for s in range(30)}
    assert len(layouts) > 10
    for layout in layouts:
        assert {q: sorted(o) for q, o in layout} == QUESTIONS


def test_no_shuffle_keeps_the_stored_order():
    assert draw_layout(QUESTIONS, 7, shuffle_questions=False, shuffle_options=False) == [
        (10, [100, 101, 102]),
        (11, [110, 111]),
        (12, [120, 121, 122, 123]),
    ]


def test_score_exact_pass_mark():
    layout = draw_layout(QUESTIONS, 1)
    two = score_attempt(layout, {10: 101, 11: 110, 12: 120}, CORRECT, 67)
    assert (two.correct, two.total, two.percent, two.passed) == (2, 3, 66, False)
    # 2 of 3 is 66.67 %: it passes a 66 % mark although the displayed percent is 66.
    assert score_attempt(layout, {10: 101, 11: 110}, CORRECT, 66).passed


def test_forged_or_missing_answers_score_nothing():
    layout = draw_layout(QUESTIONS, 3)
    assert score_attempt(layout, {10: 110, 11: None}, CORRECT, 50).correct == 0
    assert score_attempt(layout[:1], {10: 101, 11: 110}, CORRECT, 100).total == 1


@given(st.integers(min_value=0, max_value=2**62), st.integers(min_value=1, max_value=100))
def test_all_correct_always_passes(seed, mark):
    layout = draw_layout(QUESTIONS, seed)
    assert score_attempt(layout, CORRECT, CORRECT, mark).passed


def test_attempts_left():
    assert attempts_left(2, 3) == 1
    assert attempts_left(5, 3) == 0
    assert attempts_left(9, None) is None


QUIZ_TEXT = """
Chỉ thị 50-CT/TW bàn về nội dung gì?
* Nâng cao chất lượng sinh hoạt chi bộ
- Công tác dân vận

Quy định 294-QĐ/TW thay thế quy định nào?
- 366-QĐ/TW
* 232-QĐ/TW
- 190-QĐ/TW
"""


def test_parse_quiz_text():
    questions = parse_quiz_text(QUIZ_TEXT)
    assert [q.text for q in questions] == [
        "Chỉ thị 50-CT/TW bàn về nội dung gì?",
        "Quy định 294-QĐ/TW thay thế quy định nào?",
    ]
    assert questions[1].options[1] == ("232-QĐ/TW", True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Câu hỏi?\n* Một",
        "Câu hỏi?\n* Một\n* Hai",
        "Câu hỏi?\n- Một\n- Hai",
        "* Một\n- Hai",
        "Câu hỏi?\nMột\n- Hai",
    ],
)
def test_parse_quiz_text_refuses(text):
    with pytest.raises(QuizTextError):
        parse_quiz_text(text)


def test_roll_up_credits_children_and_own():
    children = {"0001A": (1, "A", "A"), "0001B": (2, "B", "B")}
    counts = [("0001A", 3, 1), ("0001A0001", 2, 2), ("0001B", 4, 0), ("0001", 1, 1), ("0002", 9, 9)]
    rows, own = roll_up(counts, "0001", {"0001" + k[4:]: v for k, v in children.items()}, 1)
    assert [(r.code, r.total, r.done) for r in rows] == [("A", 5, 3), ("B", 4, 0)]
    assert own is not None and (own.total, own.done) == (1, 1)
    assert rows[0].percent == 60.0
