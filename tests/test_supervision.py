"""Content code that misbehaves (checks and figure scripts) is a content error at its file, never a hang.

Every build here runs under a subprocess timeout, so a regression fails the
test instead of hanging CI.
"""
from __future__ import annotations

import os
import signal
import textwrap
import time

import pytest

from conftest import run_build, section, tree_hashes

LIMITS = ("--time-limit", "5", "--memory-limit", "256M", "--jobs", "2")

# check code -> (its line that the report names, 0 for the `check:` line itself; what the build says)
CHECKS = {
    "import sys\nsys.exit(3)": (2, "failed: exited with status 3 (sys.exit)"),
    "import os\nos._exit(3)": (0, "exited with status 3"),
    "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)": (0, "was killed (SIGKILL; out of memory?)"),
    "import ctypes\nctypes.string_at(0)": (0, "was killed by signal SIGSEGV"),
    "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "while True:\n    pass": (0, "was killed after 5 s"),
    "import time\nwhile True:\n    try:\n        time.sleep(0.1)\n    except BaseException:\n        pass":
        (0, "was killed after 5 s"),
    "x = 1\nblock = bytearray(1 << 30)": (2, "exceeded 256 MiB of memory"),
    "import sys\nwhile True:\n    sys.stdout.write('x' * 100000)": (3, "wrote or printed more than 16 MiB"),
    "assert 2 + 2 == 5, 'arithmetic'": (1, "failed: AssertionError: arithmetic"),
}

FIGURE_SCRIPTS = {  # figure script -> what the build says about it
    "import sys\nsys.exit(3)": "figure script exited with status 3 (sys.exit)",
    "import os\nos._exit(4)": "figure script exited with status 4",
    "import ctypes\nctypes.string_at(0)": "figure script was killed by signal SIGSEGV",
    "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)": "figure script was killed by signal SIGTERM",
    "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass":
        "figure script was killed after 5 s",
    "block = bytearray(1 << 30)": "figure script exceeded 256 MiB of memory",
    "def render():\n    return '<svg xmlns=\"http://www.w3.org/2000/svg\">' + 'x' * (20 << 20) + '</svg>'":
        "figure script returned more than 16 MiB",
    "def render():\n    raise ValueError('no data')": "figure script failed: ValueError: no data",
    "def render():\n    return 42": "render() must return SVG text",
    "def render():\n    return '<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>'":
        "the SVG that render() returned: line 1: <script> is not allowed in a figure",
}

SVG_HEAD = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
COMMITTED_SVGS = {  # a committed SVG -> (line, what the build says)
    SVG_HEAD + '<rect width="4" height="4"/>\n<rect onclick="steal()" width="1" height="1"/>\n</svg>\n':
        (4, "event handler 'onclick' is not allowed in a figure"),
    SVG_HEAD + '<image xlink:href="https://example.com/tracker.png" width="1" height="1"/>\n</svg>\n':
        (3, "reference 'https://example.com/tracker.png' in <image> points outside the figure"),
    SVG_HEAD + '<g>\n<image href="file:///etc/passwd" width="1" height="1"/>\n</g>\n</svg>\n':
        (4, "reference 'file:///etc/passwd' in <image> points outside the figure"),
    SVG_HEAD + '<use xlink:href="other.svg#shape"/>\n</svg>\n':
        (3, "reference 'other.svg#shape' in <use> points outside the figure"),
    SVG_HEAD + '<script>alert(1)</script>\n</svg>\n': (3, "<script> is not allowed in a figure"),
    SVG_HEAD + '<rect style="fill: url(http://example.com/x.svg#p)" width="1" height="1"/>\n</svg>\n':
        (3, "attribute 'style' refers to 'http://example.com/x.svg#p' outside the figure"),
}
GOOD_SCRIPT = ("from studykit.figurekit import new_figure, to_svg\nALT = 'A line.'\n\ndef render():\n"
               "    fig, ax = new_figure(2, 2)\n    ax.plot([0, 1], [0, 1])\n    return to_svg(fig)\n")


def question(qid: str, check: str = "", figure: str = "") -> str:
    text = f"  - id: {qid}\n    difficulty: easy\n    question: What is {qid}?\n    answer: It is 4.\n" \
           f"    source: \"Test fixture\"\n"
    if figure:
        text += f"    figure: {figure}\n"
    if check:
        text += "    check: |\n" + textwrap.indent(check + "\n", "      ")
    return text


def check_line(content, qid: str) -> int:
    """The line of a question's `check: |` key in its section file."""
    lines = (content / "t" / "s.yaml").read_text().splitlines()
    start = lines.index(f"  - id: {qid}")
    return next(n for n, line in enumerate(lines[start:], start + 1) if line.strip() == "check: |")


@pytest.fixture
def dist(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "kept.txt").write_text("the previous build\n")
    return out


def failed_build(content, dist):
    before = tree_hashes(dist)
    result = run_build("--content", str(content), "--out", str(dist), "--no-cache", *LIMITS)
    assert result.returncode == 2, result.stderr
    assert tree_hashes(dist) == before  # dist/ left exactly as it was
    return result.stderr.splitlines()


@pytest.mark.timeout(300)
def test_misbehaving_checks_are_each_reported_at_their_line_and_the_others_run(tree, dist):
    questions = [question(f"check-{n}", code) for n, code in enumerate(CHECKS)]
    questions.insert(3, question("fine", "assert '4' in answer"))
    content = tree({"t/s": section(*questions)})
    problems = failed_build(content, dist)
    for n, (offset, said) in enumerate(CHECKS.values()):
        line = check_line(content, f"check-{n}") + offset
        assert f"content/t/s.yaml:{line}: check of 'check-{n}' {said}" in problems, (n, problems)
    assert f"{len(CHECKS)} problem(s) found; nothing was written." in problems
    assert not any("'fine'" in p for p in problems)  # it ran and passed


@pytest.mark.timeout(300)
def test_misbehaving_figures_are_each_reported_at_their_file_and_the_others_render(tree, dist):
    names = {f"script-{n}": code for n, code in enumerate(FIGURE_SCRIPTS)}
    svgs = {f"committed-{n}": svg for n, svg in enumerate(COMMITTED_SVGS)}
    questions = [question(f"q-{name}", figure=name) for name in [*names, *svgs, "good"]]
    content = tree({"t/s": section(*questions)})
    figures = content / "figures"
    figures.mkdir()
    for name, code in names.items():
        (figures / f"{name}.py").write_text(code + "\n")
    for name, svg in svgs.items():
        (figures / f"{name}.svg").write_text(svg)
    (figures / "good.py").write_text(GOOD_SCRIPT)
    problems = failed_build(content, dist)
    for name, said in zip(names, FIGURE_SCRIPTS.values()):
        assert f"content/figures/{name}.py:1: figure '{name}': {said}" in problems, (name, said, problems)
    for name, (line, said) in zip(svgs, COMMITTED_SVGS.values()):
        assert any(p.startswith(f"content/figures/{name}.svg:{line}: figure '{name}': {said}") for p in problems), \
            (name, line, said, problems)
    assert not any("'good'" in p for p in problems)
    assert f"{len(names) + len(svgs)} problem(s) found; nothing was written." in problems


# --- the build's own worker pools -------------------------------------------------------------

@pytest.mark.timeout(120)
@pytest.mark.parametrize("death", [lambda: os._exit(1), lambda: os.kill(os.getpid(), signal.SIGKILL)],
                         ids=["exits", "killed"])
def test_a_dead_pool_worker_is_an_error_naming_the_item_not_a_hang(death):
    from studykit.machinery.parallel import WorkerDied, parallel_map

    def make(n):
        if n == 5:
            death()
        return n * n

    with pytest.raises(WorkerDied, match=r"while making item 5\b"):
        parallel_map(make, range(8), jobs=2, describe=lambda n: f"item {n}")
    assert parallel_map(make, [1, 2, 3], jobs=2) == [1, 4, 9]  # the next pool works


@pytest.mark.timeout(60)
def test_a_worker_that_ignores_sigterm_is_killed_when_another_fails_not_waited_for():
    from studykit.machinery.parallel import parallel_map

    def make(n):
        if n == 1:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(600)
        time.sleep(0.5)
        raise ValueError(f"item {n} is broken")

    with pytest.raises(ValueError, match="item 0 is broken"):  # without the kill, this hangs to the timeout
        parallel_map(make, [0, 1], jobs=2)


WORKER_SIGNALLED_AT_FORK = """
import os, signal
from studykit.machinery.parallel import WorkerDied, parallel_map

def builds_handler(signum, frame):  # like build.py's, which turns SIGTERM into an interrupt
    os.write(2, b"the build's handler ran in pid %d\\n" % os.getpid())

signal.signal(signal.SIGTERM, builds_handler)
os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGTERM))
try:
    print(parallel_map(abs, list(range(-40, 0)), jobs=2))  # many items: a worker may die while they are handed out
except WorkerDied as err:
    print("stopped:", err)
"""


def test_a_stop_signal_that_reaches_a_new_worker_never_runs_the_builds_handler_there():
    """A worker that gets SIGTERM before its setup stops by its own handler (the build says so);
    the build's handler, inherited by fork, would leave it running in an unknown state."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", WORKER_SIGNALLED_AT_FORK], capture_output=True, text=True,
                          timeout=60, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert done.returncode == 0, done.stderr
    assert "the build's handler ran" not in done.stderr
    assert done.stdout.startswith("stopped: a worker process died"), done.stdout


@pytest.mark.timeout(300)
def test_a_build_whose_worker_dies_exits_1_naming_the_artifact_and_keeps_dist(tree, dist, monkeypatch, capsys):
    from studykit import cli
    from studykit.builders.answers import AnswersBuilder

    content = tree({"t/s": section(question("one"), question("two"))})
    outputs = AnswersBuilder.outputs

    def dying_outputs(self, ctx):
        made = outputs(self, ctx)
        for i, output in enumerate(made):
            if output.path == "t.md":
                made[i] = type(output)(**{**output.__dict__, "make": lambda *needs: os._exit(9)})
        return made

    monkeypatch.setattr(AnswersBuilder, "outputs", dying_outputs)
    monkeypatch.setattr(AnswersBuilder, "parallel", True)
    before = tree_hashes(dist)
    status = cli.main(["--content", str(content), "--out", str(dist), "--no-cache", "--only", "answers", "--jobs", "2"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err == ["build.py: a worker process died (killed, or out of memory) while making answers/t.md; "
                   "dist/ was left as it was."]
    assert tree_hashes(dist) == before


# --- what content code needs is installed by `pip install .` -----------------------------------

def test_every_library_the_build_and_content_code_import_is_a_runtime_dependency(catalog):
    import ast
    import importlib.metadata
    import re
    import sys
    import tomllib

    from conftest import ROOT

    def imported(code: str) -> set[str]:
        names = set()
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
        return names

    sources = [q.check for q in catalog.questions]
    sources += [p.read_text() for p in (ROOT / "content" / "figures").glob("*.py")]
    sources += [p.read_text() for p in (ROOT / "studykit").rglob("*.py")]
    modules = set().union(*map(imported, sources))
    modules -= set(sys.stdlib_module_names) | {"studykit", "__future__"}
    providers = importlib.metadata.packages_distributions()
    normal = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    declared = {normal(re.split(r"[<>=!~ ;\[]", d)[0])
                for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    missing = {m: providers.get(m) for m in modules if not {normal(d) for d in providers.get(m, [m])} & declared}
    assert not missing, f"imported but not in [project.dependencies]: {missing}"
    assert {"numpy", "scipy", "sympy"} <= modules  # the checks compute with them
