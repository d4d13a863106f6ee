"""The training module's one API router, mounted at /api/v1/ by config/api.py: a unit's
courses, and the public verification of a certificate number."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from chibo.core.pagination import PageParams, page

from . import queries
from .schemas import CoursePage, VerificationOut

router = Router(tags=["training"])


class CourseFilters(Schema):
    unit: str = Field("", max_length=40, description="code of a unit: its subtree's courses")


@router.get("/courses", response=CoursePage, summary="Courses in the caller's reach")
def list_courses(
    request: HttpRequest, filters: Query[CourseFilters], params: Query[PageParams]
) -> dict[str, Any]:
    unit = queries.get_unit(request.user, filters.unit) if filters.unit else None
    return page(queries.courses_for(request.user, unit), params)


@router.get(
    "/certificates/{number}/verify",
    response=VerificationOut,
    auth=None,
    summary="Public: whether a certificate number was issued (name, course, date only; 404 "
    "for a number never issued)",
)
def verify_certificate(request: HttpRequest, number: str) -> dict[str, Any]:
    found = queries.verify_certificate(number)
    return {
        "number": found.number,
        "valid": True,
        "full_name": found.full_name,
        "course_title": found.course_title,
        "issued_on": found.issued_on,
    }
