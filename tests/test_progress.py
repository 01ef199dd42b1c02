"""The build progress display: live status on a terminal, plain lines
otherwise (compared with nix-build's own in test_build.py)."""

import io

from nixlite.build.progress import LiveProgress, PlainProgress, last_line, progress_for

DRV = "/nix/store/" + "a" * 32 + "-hello-1.0.drv"


def test_not_a_terminal_gets_plain_progress():
    assert isinstance(progress_for(io.StringIO()), PlainProgress)


def test_live_progress_shows_counts_running_builds_and_last_log_line(tmp_path):
    log = tmp_path / "log"
    log.write_text("configuring\ncompiling main.c\n\n")
    out = io.StringIO()
    with LiveProgress(out) as progress:
        progress.planned(2)
        progress.started(DRV, str(log))
        shown = progress.render().plain
        assert shown.startswith("[0/2 built, 1 running]")
        assert "hello-1.0: compiling main.c" in shown
        progress.finished(DRV, False)
        progress.started(DRV.replace("hello", "other"), str(log))
        progress.finished(DRV.replace("hello", "other"), True)
        assert progress.render().plain == "[1/2 built, 1 failed, 0 running]"
    assert "built 1/2 derivations, 1 failed in" in out.getvalue()


def test_last_line_reads_only_the_end(tmp_path):
    log = tmp_path / "log"
    log.write_text("x" * 10000 + "\nlast one\n")
    assert last_line(str(log)) == "last one"
    assert last_line(str(tmp_path / "missing")) == ""
