"""`qingdan serve`: the production topology in one command — gunicorn and the job worker.

Both run as child processes in sessions of their own, so a terminal's Ctrl-C reaches only this process,
which asks each child to stop (SIGTERM: gunicorn finishes its requests, the worker its current job),
waits GRACE_SECONDS, then stops what is left by force. If either child ends by itself, the other is
stopped too and the command exits non-zero, so a service manager restarts the pair.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandError

GRACE_SECONDS = 15
PR_SET_PDEATHSIG = 1  # prctl(2)


# Overload. A gunicorn sync worker serves one request at a time; connections the workers have not taken
# yet wait in the kernel's listen queue, by default 2048 deep: under more requests than the site can
# serve (about 130/s on two cores) that queue grows for as long as the overload lasts, every request
# waits behind it, and all of them turn slow (p99 over a second at 150/s). A short queue bounds the wait:
# BACKLOG_PER_WORKER queued connections per worker are about QUEUE_SECONDS of work at that rate, so an
# accepted request waits at most that long; a connection beyond it is not accepted (the kernel drops
# it, the client or nginx retries a moment later or answers at once: deploy/nginx.conf gives up on
# a connection after proxy_connect_timeout 2s with a 502) instead of joining an ever-longer line.
# TIMEOUT_SECONDS: no page needs longer (long imports and exports run as jobs), so a request stuck
# longer is ended and its worker replaced rather than holding one of the few workers. MAX_REQUESTS
# (with jitter, so workers do not restart together) recycles a worker now and then, bounding memory.
BACKLOG_PER_WORKER = 16
TIMEOUT_SECONDS = 30
MAX_REQUESTS, MAX_REQUESTS_JITTER = 2000, 200


def gunicorn_command(address: str, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "qingdan.wsgi:application",
        "--bind", address, "--workers", str(workers),
        "--backlog", str(BACKLOG_PER_WORKER * workers),
        "--timeout", str(TIMEOUT_SECONDS), "--graceful-timeout", str(GRACE_SECONDS - 5),
        "--max-requests", str(MAX_REQUESTS), "--max-requests-jitter", str(MAX_REQUESTS_JITTER),
        "--access-logfile", os.environ.get("ACCESS_LOG", "") or "/dev/null",
        "--no-control-socket",  # one per user by default: two sites on a machine would share it
    ]  # fmt: skip


def web_workers() -> int:
    """WEB_CONCURRENCY, else gunicorn's rule of thumb: two per core, plus one."""
    if value := os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(value))
    return 2 * len(os.sched_getaffinity(0)) + 1


class Command(BaseCommand):
    help = "Serve the site with gunicorn and run the job worker; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
        parser.add_argument("--workers", type=int, default=None, help="web worker processes")
        parser.add_argument("--dev", action="store_true", help="Django's auto-reloading runserver instead")

    def handle(self, *, host: str, port: int, workers: int | None, dev: bool, verbosity: int, **options):
        address = f"{host}:{port}"
        python = [sys.executable, "-m", "qingdan.cli"]
        workers = workers or web_workers()
        web = [*python, "runserver", address] if dev else gunicorn_command(address, workers)
        worker = [*python, "worker", *(["--reload"] if dev else [])]
        self.stdout.write(
            f"Serving http://{address}/ ({'runserver' if dev else f'gunicorn, {workers} workers'})"
            " and a job worker; Ctrl-C stops both."
        )
        self.stdout.flush()
        code = supervise([web, worker])
        if code:
            raise CommandError(f"stopped: a child process ended with code {code}")


def supervise(commands: list[list[str]]) -> int:
    """Run the commands until a signal or until one of them ends; stop them all; 0 after a signal."""
    stop_signal: list[int] = []

    def on_signal(signum, frame):
        stop_signal.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    children = [
        subprocess.Popen(command, start_new_session=True, preexec_fn=_end_with_parent) for command in commands
    ]
    try:
        ended = None
        while not stop_signal and ended is None:
            ended = next((c for c in children if c.poll() is not None), None)
            time.sleep(0.2)
        _stop(children)
        if stop_signal:
            return 0
        return (ended.returncode or 1) if ended else 1
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _end_with_parent() -> None:
    """In the child, before it runs: on Linux, be sent SIGTERM if this supervisor dies (even by SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signum)


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            # A second signal makes the job worker give up its job (marked failed), then kill.
            _signal_group(child, signal.SIGINT)
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()
