"""What reaches stderr goes through Nix's log filter (filterANSIEscapes):
escape sequences out, except colours when stderr is a terminal; CR and BEL
dropped; tabs expanded. Compared with nix-instantiate on a pipe and on a
pseudo-terminal."""

import os
import pty
import subprocess
import sys

import pytest

from conformance import HOME

pytestmark = pytest.mark.oracle

# A trace with every kind of sequence the filter knows, then a plain value.
EXPR = ('let e = builtins.fromJSON "\\"\\\\u001b\\""; bel = builtins.fromJSON "\\"\\\\u0007\\""; in '
        'builtins.trace "${e}[1;31mred${e}[0m|${e}]0;t${bel}|${e}(B|${e}M|${e}[?25l|${e}[ 1m|a\\rb\\tc|é\\td|${e}" 1')


def _env(**extra):
    env = dict(os.environ, HOME=HOME, NIX_PATH="", **extra)
    env.pop("NO_COLOR", None)
    return env


def _on_terminal(cmd):
    """What cmd writes to stderr when stderr is a terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower,
                            env=_env(TERM="xterm"))
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    proc.wait(timeout=60)
    return out


def _on_pipe(cmd):
    return subprocess.run(cmd, capture_output=True, env=_env(), timeout=60, check=False).stderr


NIX = ["nix-instantiate", "--eval", "--strict", "-E", EXPR]
NIXLITE = [sys.executable, "-m", "nixlite", "eval", "--strict", "-E", EXPR]


def test_trace_on_a_pipe_loses_every_escape_sequence():
    assert _on_pipe(NIXLITE) == _on_pipe(NIX)


def test_trace_on_a_terminal_keeps_colours():
    mine = _on_terminal(NIXLITE)
    assert b"\x1b[1;31m" in mine
    assert mine == _on_terminal(NIX)
