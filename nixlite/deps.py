"""What an evaluation took from outside itself, for the evaluation cache.

An evaluation's result is a function of the files it read, the file
system questions it asked (does this path exist, is it a directory, what
does this directory hold) and the environment variables it looked at. While
a Recorder is installed, the places that ask (parsing, `import`,
`readFile`, `pathExists`, `readDir`, `getEnv`, copying sources to the
store, ...) note each question with its answer; the evaluation cache
(nixlite/evalcache.py) stores them beside the result and, next time, asks
the questions again: the same answers mean the same result.

A file is noted by its stat stamp (type and mode, inode, size,
modification and change times). A stamp taken right after the file's last
change cannot tell a later change in the same clock tick apart, and a file
or question noted twice with two answers changed during the evaluation:
such a recording is marked unsettled and not kept. Anything whose answer
cannot be asked again the same way marks the recording impure: the clock,
`builtins.trace` output, files whose stamp does not follow their contents
(/proc, /sys, a size that is not the length read), and paths in the store
directory (which nixlite's builds see as its own store, the cache's check
as the host's, and whose validity decides what evaluation reads).

When no Recorder is installed every function here returns at once.
"""

import os
import time

# Changes closer than this to the stamp are not trusted: a later change in
# the same tick of the file system's clock would leave the same stamp. File
# systems that keep nanoseconds tick every few milliseconds; one that keeps
# whole seconds (a stamp without nanoseconds) gets two seconds, as FAT needs.
RACY_NS = 100_000_000
RACY_NS_COARSE = 2_000_000_000


class Recorder:
    def __init__(self):
        self.files = {}     # OS path -> stamp (stat, or lstat if "l" in the key)
        self.checks = {}    # (question, OS path) -> answer
        self.env = {}       # variable -> value (None: unset)
        self.impure = None  # why the result cannot be cached
        self.unsettled = False


RECORD = [None]


def start():
    RECORD[0] = Recorder()
    return RECORD[0]


def stop():
    recorder, RECORD[0] = RECORD[0], None
    return recorder


def stamp(st):
    return [st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def current_stamp(key):
    """The stamp the file noted under `key` has now (OSError if it is gone)."""
    return stamp(os.lstat(key[2:]) if key.startswith("l:") else os.stat(key))


def _note_stamp(key, st):
    recorder = RECORD[0]
    new = stamp(st)
    if recorder.files.setdefault(key, new) != new:
        recorder.unsettled = True   # changed while evaluation read it
    changed = max(st.st_mtime_ns, st.st_ctime_ns)
    if time.time_ns() - changed < (RACY_NS_COARSE if changed % 1_000_000_000 == 0 else RACY_NS):
        recorder.unsettled = True


def _unrepeatable(path):
    """Why a question about `path` cannot be asked again the same way, if so."""
    from nixlite.storedir import STORE_DIR
    path = os.fsdecode(path)
    if path.startswith(STORE_DIR.rstrip("/") + "/"):
        return f"'{path}' is in the store directory"
    if path.startswith(("/proc/", "/sys/")) or path in ("/proc", "/sys"):
        return f"'{path}' is a kernel file"
    return None


def _stat_for(recorder, path, get_stat):
    """`get_stat()` for `path` if questions about it can be asked again;
    None, the recording made impure, if not."""
    why = _unrepeatable(path)
    if why is None:
        try:
            return get_stat()
        except OSError:
            why = f"cannot stat '{os.fsdecode(path)}'"
    recorder.impure = why
    return None


def file_read(path, fd=None, length=None):
    """The contents of the file at `path` (str or bytes), `length` bytes,
    were read (through the open descriptor `fd`, if given: its stamp is the
    one read)."""
    recorder = RECORD[0]
    if recorder is None:
        return
    st = _stat_for(recorder, path, lambda: os.fstat(fd) if fd is not None else os.stat(path))
    if st is None:
        return
    if length is not None and length != st.st_size:
        recorder.impure = f"'{os.fsdecode(path)}' is not as long as its size says"
        return
    _note_stamp(os.fsdecode(path), st)


def entry_seen(path):
    """A file system object was read without following a last symlink
    (copying a source tree into the store)."""
    recorder = RECORD[0]
    if recorder is None:
        return
    st = _stat_for(recorder, path, lambda: os.lstat(path))
    if st is not None:
        _note_stamp("l:" + os.fsdecode(path), st)


def ask(question, path):
    """The answer to `question` (exists, isdir, listdir: ANSWERS) about
    `path`, noted: the cache asks it again the same way."""
    answer = ANSWERS[question](path)
    recorder = RECORD[0]
    if recorder is not None:
        why = _unrepeatable(path)
        if why:
            recorder.impure = why
        elif recorder.checks.setdefault((question, os.fsdecode(path)), answer) != answer:
            recorder.unsettled = True   # changed during the evaluation
    return answer


def list_dir(path):
    """readDir's answer: [[name, kind]] in name order."""
    entries = []
    with os.scandir(path) as it:
        for entry in it:
            if entry.is_symlink():
                kind = "symlink"
            elif entry.is_dir(follow_symlinks=False):
                kind = "directory"
            elif entry.is_file(follow_symlinks=False):
                kind = "regular"
            else:
                kind = "unknown"
            entries.append([os.fsdecode(entry.name), kind])
    entries.sort()
    return entries


ANSWERS = {"exists": os.path.exists, "isdir": os.path.isdir, "listdir": list_dir}


def getenv(name, default=""):
    """os.environ.get, noted."""
    value = os.environ.get(name)
    if RECORD[0] is not None:
        RECORD[0].env[name] = value
    return default if value is None else value


def impure(why):
    if RECORD[0] is not None:
        RECORD[0].impure = why
