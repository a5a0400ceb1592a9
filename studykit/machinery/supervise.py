"""Run content code (checks, figure scripts) in child interpreters supervised from outside.

Content code is contributors' code, and every build runs it. Each child is a
fresh interpreter that confines itself before it runs any of it (a memory
limit, a cap on what it may write, no network where Linux allows, a scratch
directory), then serves jobs one at a time: a JSON line in on stdin, a JSON
line out on a private copy of its stdout. The parent gives each job a
wall-clock limit and kills the child's whole process group when it passes,
so no alarm a job can ignore and no exception it can catch keeps a build
waiting. Whatever a child does (dies, exits, loops, prints without end,
runs out of memory) becomes a one-line failure for that job; a new child
takes the next one.

Both sides of the protocol live here: `serve` in the child, `run_jobs` in
the parent.
"""
from __future__ import annotations

import errno
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

MIB = 1 << 20
GIB = 1 << 30
DEFAULT_TIME_LIMIT = 20.0  # seconds per job
DEFAULT_MEMORY_LIMIT = 2 * GIB  # address space per child
DEFAULT_OUTPUT_LIMIT = 16 * MIB  # what a child may write to files and print, and the size of one result
STARTUP_SECONDS = 120  # a fresh interpreter and its imports, on a loaded machine
JOBS_PER_CHILD = 250  # a fresh interpreter after this many jobs, so leftovers stay bounded
MEMORY_ENV = "STUDYKIT_MEMORY_LIMIT"
TIME_ENV = "STUDYKIT_TIME_LIMIT"
_READY = "ready"
_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_TIME_LIMIT
    memory_bytes: int = DEFAULT_MEMORY_LIMIT
    output_bytes: int = DEFAULT_OUTPUT_LIMIT


def parse_size(text: str) -> int:
    """'2G', '512M', '1.5GiB' or a number of bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", str(text), re.I)
    if not match:
        raise ValueError(f"not a size: {text!r} (use e.g. 2G or 512M)")
    scale = {"": 1, "k": 1 << 10, "m": MIB, "g": GIB, "t": 1 << 40}[match.group(2).lower()]
    size = int(float(match.group(1)) * scale)
    if size < 64 * MIB:
        raise ValueError(f"memory limit {text!r} is below 64 MiB; content code cannot even start")
    return size


def format_size(size: int) -> str:
    for unit, scale in (("GiB", GIB), ("MiB", MIB)):
        if size >= scale:
            return f"{size / scale:g} {unit}"
    return f"{size} bytes"


def limits_from(time_limit: float | None = None, memory_limit: str | None = None) -> Limits:
    """Options first, then STUDYKIT_TIME_LIMIT and STUDYKIT_MEMORY_LIMIT, then the defaults."""
    seconds = time_limit if time_limit is not None else float(os.environ.get(TIME_ENV) or DEFAULT_TIME_LIMIT)
    memory = memory_limit or os.environ.get(MEMORY_ENV)
    if seconds <= 0:
        raise ValueError(f"time limit must be positive, not {seconds:g}")
    return Limits(seconds=seconds, memory_bytes=parse_size(memory) if memory else DEFAULT_MEMORY_LIMIT)


# --- the child's side -------------------------------------------------------------------------

def serve(handle: Callable[[dict], dict]) -> None:
    """The main loop of a child: confine this process, then answer one job per line until stdin ends.
    `handle` returns a JSON-able dict (with "exceeded" set when `exceeded_limit` says so)."""
    results = os.fdopen(os.dup(1), "w")  # the protocol keeps a private copy of stdout ...
    os.dup2(2, 1)  # ... and what content prints goes to the capped output file, like stderr
    limits = json.loads(os.environ["STUDYKIT_CHILD_LIMITS"])
    _confine(limits)
    results.write(_READY + "\n")
    results.flush()
    for line in sys.stdin:
        try:
            answer = handle(json.loads(line))
        except BaseException as err:  # noqa: BLE001 - a limit hit outside what `handle` describes
            answer = {"exceeded": exceeded_limit(err)}
            if not answer["exceeded"]:
                raise
        try:
            reply = json.dumps(answer)
            if len(reply) > limits["output"]:
                reply = json.dumps({"exceeded": "result"})
        except MemoryError:
            reply = json.dumps({"exceeded": "memory"})
        results.write(reply + "\n")
        results.flush()


def exceeded_limit(err: BaseException) -> str:
    """'memory' or 'output' when this exception is the child's limit being hit, else ''.
    (Python ignores SIGXFSZ, so a write past the output cap raises EFBIG.)"""
    if isinstance(err, MemoryError):
        return "memory"
    if isinstance(err, OSError) and err.errno == errno.EFBIG:
        return "output"
    return ""


def _confine(limits: dict) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["output"], limits["output"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
    die_with_parent()
    _without_network()


def die_with_parent() -> None:
    """On Linux this process gets SIGKILL when the process that started it dies, even by
    `kill -9` (content children have a session of their own, so they are not in its group)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _without_network() -> bool:
    """A network namespace of its own (Linux: as root, or through a user namespace); elsewhere the
    network stays as it is."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return any(libc.unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))


# --- the parent's side ------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    result: dict | None  # what the job returned (None when the child did not answer)
    failure: str = ""  # what went wrong: "killed after 20 s", "exited with status 3", ...


class _Child:
    """One supervised interpreter running `python -m <module>`."""

    def __init__(self, module: str, limits: Limits, scratch: Path):
        self.limits = limits
        self.output = open(scratch / "output.log", "wb")
        # one BLAS thread: content code is small, and its numbers should not depend on the core count
        env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="svg", PYTHONPATH=str(Path(__file__).parents[2]),
                   OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   STUDYKIT_CHILD_LIMITS=json.dumps({"memory": limits.memory_bytes,
                                                     "output": limits.output_bytes}))
        self.process = subprocess.Popen([sys.executable, "-m", module], cwd=scratch, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.output,
                                        start_new_session=True)  # its own process group, killed whole
        self.served = 0
        self._buffer = bytearray()
        line, failure = self._read_line(STARTUP_SECONDS)
        if line != _READY.encode():
            self.kill()
            raise ChildFailed(failure or "did not start")

    def run(self, job: dict) -> Outcome:
        self.served += 1
        try:
            self.process.stdin.write(json.dumps(job).encode() + b"\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            return Outcome(None, self._death())
        line, failure = self._read_line(self.limits.seconds)
        if failure:
            return Outcome(None, failure)
        answer = json.loads(line)
        # the job's code ran into a limit inside the child; what else it said (a line) is kept
        exceeded = {"memory": f"exceeded {format_size(self.limits.memory_bytes)} of memory",
                    "output": f"wrote or printed more than {format_size(self.limits.output_bytes)}",
                    "result": f"returned more than {format_size(self.limits.output_bytes)}"}
        return Outcome(answer, exceeded.get(answer.get("exceeded"), ""))

    def _read_line(self, seconds: float) -> tuple[bytes, str]:
        deadline = time.monotonic() + seconds
        fd = self.process.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    self.kill()
                    return b"", f"was killed after {seconds:g} s"
                if not selector.select(left):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return b"", self._death()
                self._buffer += chunk  # a bytearray: growing it is amortised, not quadratic
                if b"\n" not in chunk and len(self._buffer) > self.limits.output_bytes:
                    break
        end = self._buffer.find(b"\n")
        if end < 0 or end > self.limits.output_bytes:
            self.kill()
            return b"", f"returned more than {format_size(self.limits.output_bytes)}"
        line = bytes(self._buffer[:end])
        del self._buffer[:end + 1]
        return line, ""

    def _death(self) -> str:
        try:
            status = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
            return "stopped answering"
        self.close()
        if status >= 0:
            return f"exited with status {status}"
        signum = -status
        name = signal.Signals(signum).name if signum in signal.valid_signals() else str(signum)
        if signum == signal.SIGKILL:
            return "was killed (SIGKILL; out of memory?)"
        return f"was killed by signal {name}"

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self.close()

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.output.close()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None


class ChildFailed(Exception):
    pass


def run_jobs(module: str, jobs: list[dict], limits: Limits, workers: int = 1,
             on_done: Callable[[int], None] = lambda n: None) -> list[Outcome]:
    """Run each job (a JSON-able dict) in a supervised child of `python -m module`; outcomes in
    job order. `workers` children run side by side; a child that fails is replaced."""
    if not jobs:
        return []
    outcomes: list[Outcome | None] = [None] * len(jobs)
    queue = iter(range(len(jobs)))
    lock = threading.Lock()
    stopping = threading.Event()  # the build is interrupted: take no more jobs
    live: set[_Child] = set()

    def next_index() -> int | None:
        with lock:
            return None if stopping.is_set() else next(queue, None)

    def drive() -> None:
        with tempfile.TemporaryDirectory(prefix="studykit-child-") as tmp:
            child: _Child | None = None
            try:
                while (i := next_index()) is not None:
                    if child is None or not child.alive or child.served >= JOBS_PER_CHILD:
                        if child is not None:
                            child.kill()
                            live.discard(child)
                        try:
                            child = _Child(module, limits, Path(tmp))
                        except ChildFailed as err:
                            outcomes[i] = Outcome(None, f"content interpreter {err}")
                            child = None
                            on_done(1)
                            continue
                        live.add(child)
                    outcomes[i] = child.run(jobs[i])
                    if not child.alive:
                        live.discard(child)
                        child = None
                    on_done(1)
            finally:
                if child is not None:
                    child.kill()
                    live.discard(child)

    count = max(1, min(workers, len(jobs)))
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(drive) for _ in range(count)]
        try:
            for future in futures:
                future.result()
        except BaseException:  # Ctrl-C or kill: stop the children now, not at their deadlines
            stopping.set()
            for child in list(live):
                child.kill()
            raise
    return [o or Outcome(None, "was not run") for o in outcomes]
