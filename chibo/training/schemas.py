"""django-ninja schemas of the training API."""

from datetime import date

from ninja import Field, Schema


class CourseOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    kind: str
    title: str
    mode: str
    starts_on: date
    ends_on: date
    finished_on: date | None
    learners: int


class CoursePage(Schema):
    items: list[CourseOut]
    count: int


class VerificationOut(Schema):
    number: str
    valid: bool
    full_name: str
    course_title: str
    issued_on: date
