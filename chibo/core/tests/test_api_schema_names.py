"""Every schema class the one NinjaAPI uses has a name of its own.

The OpenAPI document names each body's schema by its class name, so two classes called
`DocumentOut` (documents, handbook, meetings) shared one entry: the documented body of some
operations was another module's (issue 19, found by the fuzz test).
"""

import typing
from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from config.api import api


def _models_in(annotation: Any, seen: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models_in(arg, seen)


def api_models() -> set[type]:
    seen: set[type] = set()
    for bound in api._get_bound_routers():
        for path_view in bound.template.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _models_in(model, seen)
                for model in operation.response_models.values():
                    if isinstance(model, type):
                        _models_in(model, seen)
    return seen


def test_api_schema_names_are_unique() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for model in api_models():
        if model.__module__.startswith(("ninja", "pydantic")):
            continue  # django-ninja's own wrappers of an operation's parameters and answers
        by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert len(by_name) > 40  # the walk found the modules' schemas
    duplicates = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert duplicates == {}


def test_the_walk_finds_nested_schemas() -> None:
    names = {model.__name__ for model in api_models()}
    assert {"MeetingDocumentOut", "HandbookDocumentOut", "DocumentOut"} <= names
