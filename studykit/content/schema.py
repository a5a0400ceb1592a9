"""The shape of content files, and the checks that need only one node at a time."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .problems import Problem
from .yamlnodes import Located


@dataclass(frozen=True)
class Field:
    kind: type  # str, bool or list (a list of strings)
    required: bool = False
    nonempty: bool = False
    raw: bool = False  # hand back the Located list itself (its items are checked elsewhere)


TOPIC_FIELDS = {
    "id": Field(str, required=True, nonempty=True),
    "title": Field(str, required=True, nonempty=True),
    "description": Field(str, required=True, nonempty=True),
    "sections": Field(list),  # optional order of the section files
}

SECTION_FIELDS = {
    "title": Field(str, required=True, nonempty=True),
    "questions": Field(list, required=True, raw=True),
}

QUESTION_FIELDS = {
    "id": Field(str, required=True, nonempty=True),
    "difficulty": Field(str, required=True, nonempty=True),
    "difficulty_assigned": Field(bool),
    "context": Field(str),
    "question": Field(str, required=True, nonempty=True),
    "answer": Field(str, required=True, nonempty=True),
    "explanation": Field(str),
    "figure": Field(str),
    "answer_figure": Field(str),
    "source": Field(str, required=True, nonempty=True),
    "tags": Field(list),
    "check": Field(str),
}

_KIND_NAMES = {str: "text", bool: "true or false", list: "a list"}


def check_mapping(node: Located, fields: dict[str, Field], path: str, what: str,
                  problems: list[Problem]) -> dict[str, object] | None:
    """Check one mapping against its fields; return plain values of the valid ones.

    Returns None when the node is not a mapping at all.
    """
    if not isinstance(node.value, dict):
        problems.append(Problem(path, node.line, f"{what} must be a mapping, got {node.type_name}"))
        return None
    values: dict[str, object] = {}
    for key, child in node.value.items():
        field = fields.get(key)
        if field is None:
            hint = difflib.get_close_matches(key, fields, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            allowed = ", ".join(fields)
            problems.append(Problem(path, child.key_line or child.line,
                                    f"unknown field '{key}' in {what}{suggestion}; allowed: {allowed}"))
            continue
        value = _plain_value(child, field, key, path, problems)
        if value is not None:
            values[key] = value
    for key, field in fields.items():
        if field.required and key not in node.value:
            problems.append(Problem(path, node.line, f"{what} is missing required field '{key}'"))
    return values


def _plain_value(child: Located, field: Field, key: str, path: str, problems: list[Problem]):
    line = child.line
    if field.kind is list:
        if not isinstance(child.value, list):
            problems.append(Problem(path, line, f"'{key}' must be a list, got {child.type_name}"))
            return None
        if field.raw:
            return child.value
        items = []
        for item in child.value:
            if isinstance(item.value, str) and item.value.strip():
                items.append(item.value.strip())
            else:
                problems.append(Problem(path, item.line, f"each item of '{key}' must be non-empty text"))
        return items
    if field.kind is bool:
        if not isinstance(child.value, bool):
            problems.append(Problem(path, line, f"'{key}' must be true or false, got {child.type_name}"))
            return None
        return child.value
    if not isinstance(child.value, str):
        got = child.type_name
        hint = "; put it in quotes" if got in ("integer", "number", "boolean") else ""
        problems.append(Problem(path, line, f"'{key}' must be {_KIND_NAMES[str]}, got {got}{hint}"))
        return None
    if field.nonempty and not child.value.strip():
        problems.append(Problem(path, line, f"'{key}' is empty"))
        return None
    return child.value
