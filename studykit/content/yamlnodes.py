"""Safe YAML loading that keeps the line of every node.

PyYAML's safe composer gives us nodes with marks; we turn them into `Located`
values so that every later error can point at `file:line`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

# A YAML file with aliases can expand exponentially ("billion laughs"); real
# content files have a few hundred nodes.
MAX_NODES = 200_000


@dataclass(frozen=True)
class Located:
    """A YAML value with its 1-based line. Containers hold Located children."""

    value: Any  # None | bool | int | float | str | list[Located] | dict[str, Located]
    line: int
    key_line: int = 0  # for mapping values: the line of the key

    @property
    def type_name(self) -> str:
        return yaml_type_name(self.value)


def yaml_type_name(value: Any) -> str:
    names = {type(None): "null", bool: "boolean", int: "integer", float: "number",
             str: "string", list: "list", dict: "mapping"}
    return names.get(type(value), type(value).__name__)


class _TooLarge(Exception):
    pass


def load_file(path: Path, shown_path: str) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file. Returns (root, problems); root is None when unreadable."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return None, [Problem(shown_path, line, "file is not valid UTF-8")]
    except OSError as err:
        return None, [Problem(shown_path, 1, f"cannot read file: {err.strerror}")]
    return load_text(text, shown_path)


def load_text(text: str, shown_path: str) -> tuple[Located | None, list[Problem]]:
    if text.startswith("\ufeff"):  # editors hide it; other tools choke on it
        return None, [Problem(shown_path, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
    tab = next((n for n, line in enumerate(text.splitlines(), 1) if line[:len(line) - len(line.lstrip())].count("\t")), 0)
    if tab:
        return None, [Problem(shown_path, tab, "tab in indentation; YAML indents with spaces only")]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        reason = err.problem or err.context or "invalid YAML"
        return None, [Problem(shown_path, line, f"YAML syntax error: {reason}")]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. NUL
        line = text[: err.position].count("\n") + 1
        return None, [Problem(shown_path, line, f"character {err.character!r} is not allowed in YAML ({err.reason})")]
    except yaml.YAMLError as err:
        return None, [Problem(shown_path, 1, f"YAML syntax error: {err}")]
    if node is None:
        return None, [Problem(shown_path, 1, "file is empty")]
    problems: list[Problem] = []
    try:
        root = _convert(node, shown_path, problems, [0])
    except _TooLarge:
        return None, [Problem(shown_path, node.start_mark.line + 1,
                              f"YAML expands to more than {MAX_NODES} nodes (alias bomb?)")]
    return root, problems


_constructor = yaml.SafeLoader("")
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: same nodes and lines, ten times faster


def _compose(text: str) -> yaml.Node | None:
    """Parse with libyaml when it is there; on any error parse again with the pure-Python
    loader, whose messages are clearer (and the same on every machine)."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # noqa: BLE001 - the Python loader below reports it
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _convert(node: yaml.Node, path: str, problems: list[Problem], count: list[int],
             key_line: int = 0) -> Located:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise _TooLarge
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        try:
            value = _constructor.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            problems.append(Problem(path, line, f"bad value: {getattr(err, 'problem', err)}"))
            value = node.value
        if not isinstance(value, (type(None), bool, int, float, str)):
            value = node.value  # dates, binary...: keep the text; the schema will complain
        return Located(value, line, key_line)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(n, path, problems, count) for n in node.value], line, key_line)
    mapping: dict[str, Located] = {}
    for key_node, value_node in node.value:
        key_line_ = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, key_line_, "mapping key must be a plain name"))
            continue
        key = key_node.value
        if key in mapping:
            problems.append(Problem(path, key_line_, f"duplicate key '{key}'"))
            continue
        mapping[key] = _convert(value_node, path, problems, count, key_line_)
    return Located(mapping, line, key_line)
