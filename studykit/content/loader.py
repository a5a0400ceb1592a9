"""Read the content tree into a Catalog, collecting every structural problem."""
from __future__ import annotations

from pathlib import Path

from .model import TEXT_FIELDS, Catalog, Location, Question, Section, Topic
from .problems import Problem
from .schema import QUESTION_FIELDS, SECTION_FIELDS, TOPIC_FIELDS, check_mapping
from .segments import separate_blocks
from .yamlnodes import Located, load_file

TOPICS_FILE = "topics.yaml"
FIGURES_DIR = "figures"
FIGURE_SUFFIXES = (".py", ".svg")


def load_catalog(content_dir: Path, version: str = "0.0.0") -> tuple[Catalog, list[Problem]]:
    """Load everything that can be loaded; return it with the problems found."""
    content_dir = Path(content_dir)
    shown = shown_path_factory(content_dir)
    problems: list[Problem] = []

    topics_path = content_dir / TOPICS_FILE
    if not topics_path.is_file():
        return Catalog(topics=(), version=version), [Problem(shown(topics_path), 1, "topics file is missing")]
    root, found = load_file(topics_path, shown(topics_path))
    problems += found
    topic_nodes = _topic_entries(root, shown(topics_path), problems)

    topics = []
    listed = set()
    for node in topic_nodes:
        values = check_mapping(node, TOPIC_FIELDS, shown(topics_path), "topic", problems)
        if not values or "id" not in values:
            continue
        topic_id = values["id"]
        if topic_id in listed:
            problems.append(Problem(shown(topics_path), node.line, f"topic '{topic_id}' is listed twice"))
            continue
        listed.add(topic_id)
        topic = _load_topic(content_dir, values, len(listed), node, shown, problems)
        if topic is not None:
            topics.append(topic)

    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if folder.name not in listed and folder.name != FIGURES_DIR:
            problems.append(Problem(shown(topics_path), 1,
                                    f"folder '{folder.name}' is not listed as a topic in {TOPICS_FILE}"))

    figures = _find_figures(content_dir / FIGURES_DIR)
    return Catalog(topics=tuple(topics), figures=figures, version=version), problems


def shown_path_factory(content_dir: Path):
    """How error messages name a file: relative to the folder that holds content/."""
    base = content_dir.resolve().parent

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(base).as_posix()
        except ValueError:
            return path.as_posix()

    return shown


def _topic_entries(root: Located | None, path: str, problems: list[Problem]) -> list[Located]:
    if root is None:
        return []
    if not isinstance(root.value, dict) or "topics" not in root.value:
        problems.append(Problem(path, root.line, "expected a mapping with a 'topics' list"))
        return []
    unknown = sorted(set(root.value) - {"topics"})
    for key in unknown:
        problems.append(Problem(path, root.value[key].key_line, f"unknown field '{key}'; allowed: topics"))
    entries = root.value["topics"]
    if not isinstance(entries.value, list):
        problems.append(Problem(path, entries.line, f"'topics' must be a list, got {entries.type_name}"))
        return []
    return entries.value


def _load_topic(content_dir: Path, values: dict, number: int, node: Located, shown, problems) -> Topic | None:
    topic_id = values["id"]
    topics_path = shown(content_dir / TOPICS_FILE)
    folder = content_dir / topic_id
    if not folder.is_dir():
        problems.append(Problem(topics_path, node.line, f"topic folder '{topic_id}/' does not exist"))
        return None
    files = sorted(folder.glob("*.yaml"))
    order = values.get("sections")
    if order is not None:
        by_name = {f.stem: f for f in files}
        for name in order:
            if name not in by_name:
                problems.append(Problem(topics_path, node.line,
                                        f"section '{name}' of topic '{topic_id}' has no file {topic_id}/{name}.yaml"))
        for name in sorted(set(by_name) - set(order)):
            problems.append(Problem(shown(by_name[name]), 1,
                                    f"section file is not listed in the 'sections' of topic '{topic_id}'"))
        files = [by_name[name] for name in order if name in by_name]
    sections = tuple(s for s in (_load_section(f, topic_id, shown, problems) for f in files) if s)
    return Topic(
        id=topic_id,
        number=number,
        title=values.get("title", topic_id).strip(),
        description=values.get("description", "").strip(),
        sections=sections,
        location=Location(topics_path, node.line),
    )


def _load_section(path: Path, topic_id: str, shown, problems: list[Problem]) -> Section | None:
    shown_path = shown(path)
    root, found = load_file(path, shown_path)
    problems += found
    if root is None:
        return None
    values = check_mapping(root, SECTION_FIELDS, shown_path, "section", problems)
    if values is None:
        return None
    title = values.get("title", path.stem).strip()
    questions = []
    for node in values.get("questions", []):
        question = _load_question(node, topic_id, title, shown_path, problems)
        if question is not None:
            questions.append(question)
    return Section(id=path.stem, title=title, questions=tuple(questions),
                   location=Location(shown_path, root.line))


def _load_question(node: Located, topic_id: str, section_title: str, path: str,
                   problems: list[Problem]) -> Question | None:
    before = len(problems)
    values = check_mapping(node, QUESTION_FIELDS, path, "question", problems)
    if values is None or len(problems) > before:
        return None
    check_node = node.value.get("check")
    text = {k: separate_blocks(v.strip()) if k in TEXT_FIELDS else v.strip()
            for k, v in values.items() if isinstance(v, str) and k != "check"}
    return Question(
        topic_id=topic_id,
        section_title=section_title,
        location=Location(path, node.line),
        difficulty_assigned=values.get("difficulty_assigned", False),
        tags=tuple(values.get("tags", ())),
        check=values.get("check", ""),
        check_location=Location(path, check_node.line) if check_node else None,
        field_lines={key: child.line for key, child in node.value.items()},
        **text,
    )


def _find_figures(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        p.stem: p
        for p in sorted(folder.iterdir())
        if p.suffix in FIGURE_SUFFIXES and not p.name.startswith("_")
    }
