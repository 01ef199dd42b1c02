"""What `nixlite build` shows while it works.

On a terminal: a live status line, as nix-build's, with how many
derivations are built out of how many, the builds running now and the
last line each has logged, and a summary at the end (rich draws it). When
stderr is not a terminal: the plain `building '…'...` lines nix-build
prints, one per build, nothing redrawn.
"""

import os
import sys
import threading
import time


class PlainProgress:
    def __init__(self, stream=sys.stderr):
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def planned(self, count):
        pass

    def started(self, drv_path, log_path):
        self.stream.write(f"building '{drv_path}'...\n")
        self.stream.flush()

    def finished(self, drv_path, ok):
        pass


class LiveProgress:
    """A rich Live display, refreshed a few times a second."""

    def __init__(self, stream=sys.stderr):
        from rich.console import Console
        self.console = Console(file=stream, highlight=False)
        self.lock = threading.Lock()
        self.total = self.done = self.failed = 0
        self.running = {}
        self.start = time.monotonic()
        self.live = None

    def __enter__(self):
        from rich.live import Live
        self.live = Live(get_renderable=self.render, console=self.console, refresh_per_second=8,
                         transient=True)
        self.live.__enter__()
        return self

    def __exit__(self, *exc):
        self.live.__exit__(*exc)
        if self.total:
            elapsed = time.monotonic() - self.start
            failed = f", {self.failed} failed" if self.failed else ""
            self.console.print(f"built {self.done}/{self.total} derivations{failed} in {elapsed:.1f} s",
                               style="bold")
        return False

    def planned(self, count):
        self.total = count

    def started(self, drv_path, log_path):
        with self.lock:
            self.running[drv_path] = log_path
        self.console.print(f"building '{drv_path}'...", style="dim")

    def finished(self, drv_path, ok):
        with self.lock:
            self.running.pop(drv_path, None)
            if ok:
                self.done += 1
            else:
                self.failed += 1

    def render(self):
        from rich.text import Text
        with self.lock:
            running = list(self.running.items())
        text = Text()
        if not self.total:
            return text
        text.append(f"[{self.done}/{self.total} built", style="bold")
        if self.failed:
            text.append(f", {self.failed} failed", style="bold red")
        text.append(f", {len(running)} running]")
        width = self.console.width
        for drv_path, log_path in running[:6]:
            name = drv_path.rsplit("/", 1)[1][33:-4]
            line = last_line(log_path)
            text.append("\n" + (f"  {name}" + (f": {line}" if line else ""))[:width - 1])
        return text


def last_line(log_path, tail=512):
    """The last non-empty line of a log (read from its end)."""
    try:
        with open(log_path, "rb") as f:
            f.seek(max(0, os.fstat(f.fileno()).st_size - tail))
            lines = [line for line in f.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def progress_for(stream=sys.stderr):
    if stream.isatty() and os.environ.get("TERM") != "dumb":
        return LiveProgress(stream)
    return PlainProgress(stream)
