"""dockertools/tarsum.py against Docker's own Go implementation.

The reference is Docker's pkg/tarsum as Debian packages it
(golang-github-docker-docker-dev), driven by a ten-line Go program that is
built once per session.  Without Go and that package these tests fail: the
Python implementation is only trusted where it agrees with Docker's.
"""

import importlib.util
import io
import os
import random
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "dockertools" / "tarsum.py"
GOPATH = Path("/usr/share/gocode")
TARSUM_PACKAGE = GOPATH / "src/github.com/docker/docker/pkg/tarsum"

GO_MAIN = """\
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/docker/docker/pkg/tarsum"
)

func main() {
	ts, err := tarsum.NewTarSum(os.Stdin, true, tarsum.Version1)
	if err == nil {
		_, err = io.Copy(io.Discard, ts)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ts.Sum(nil))
}
"""


def _load_module():
    spec = importlib.util.spec_from_file_location("dockertools_tarsum",
                                                  SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ts = _load_module()


@pytest.fixture(scope="session")
def go_tarsum(tmp_path_factory):
    """Path of the reference tarsum program (Docker's Go code)."""
    go = shutil.which("go")
    if go is None or not TARSUM_PACKAGE.is_dir():
        pytest.fail(
            "the reference tarsum needs the Go toolchain and Docker's Go "
            "sources: install the Debian packages golang-go and "
            "golang-github-docker-docker-dev (./dev setup does)",
            pytrace=False)
    work = tmp_path_factory.mktemp("go-tarsum")
    (work / "main.go").write_text(GO_MAIN)
    env = dict(os.environ, GOPATH=str(GOPATH), GO111MODULE="off",
               GOFLAGS="", CGO_ENABLED="0")
    if not os.access(env.get("HOME", "/nonexistent"), os.W_OK):
        env["GOCACHE"] = str(work / "cache")
    result = subprocess.run(
        [go, "build", "-o", str(work / "tarsum"), "main.go"],
        cwd=work, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail("building the reference tarsum failed:\n"
                    + result.stdout + result.stderr, pytrace=False)
    return work / "tarsum"


def reference(program, data):
    """(True, sum) or (False, error) from Docker's implementation."""
    result = subprocess.run([str(program)], input=data, capture_output=True,
                            check=False)
    if result.returncode == 0:
        return True, result.stdout.decode().strip()
    return False, result.stderr.decode().strip()


def ours(data):
    try:
        return True, ts.tarsum(io.BytesIO(data))
    except ts.TarsumError as error:
        return False, str(error)


def check(program, data, must_succeed=True):
    expected = reference(program, data)
    actual = ours(data)
    if must_succeed:
        assert expected[0], "reference tarsum failed: " + expected[1]
    assert actual[0] == expected[0], (expected, actual)
    if expected[0]:
        assert actual[1] == expected[1]
    return actual[1]


# -- simple cases -------------------------------------------------------------

def test_empty_input(go_tarsum):
    assert check(go_tarsum, b"") == (
        "tarsum.v1+sha256:"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


@pytest.mark.parametrize("fmt", [tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT,
                                 tarfile.PAX_FORMAT])
def test_empty_archive(go_tarsum, fmt):
    buffer = io.BytesIO()
    tarfile.open(fileobj=buffer, mode="w", format=fmt).close()
    check(go_tarsum, buffer.getvalue())


def _tar(members, fmt=tarfile.PAX_FORMAT):
    """members: (TarInfo, content bytes or None)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=fmt,
                      encoding="utf-8") as archive:
        for info, content in members:
            if content is not None:
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
            else:
                archive.addfile(info)
    return buffer.getvalue()


def _info(name, kind=tarfile.REGTYPE, **fields):
    info = tarfile.TarInfo(name)
    info.type = kind
    for key, value in fields.items():
        setattr(info, key, value)
    return info


def test_every_entry_type(go_tarsum):
    members = [
        (_info("dir", tarfile.DIRTYPE, mode=0o755), None),
        (_info("dir/file", mode=0o644, uid=1000, gid=100, uname="alice",
               gname="users", mtime=1234567890), b"hello\n"),
        (_info("dir/empty"), b""),
        (_info("dir/link", tarfile.SYMTYPE, linkname="file"), None),
        (_info("dir/hard", tarfile.LNKTYPE, linkname="dir/file"), None),
        (_info("dev/null", tarfile.CHRTYPE, devmajor=1, devminor=3), None),
        (_info("dev/sda", tarfile.BLKTYPE, devmajor=8, devminor=0), None),
        (_info("fifo", tarfile.FIFOTYPE), None),
        (_info("x" * 150 + "/" + "y" * 120), b"long"),
        (_info("sym-long", tarfile.SYMTYPE, linkname="t" * 200), None),
        (_info("caf\u00e9/\u65e5\u672c\u8a9e.txt"), b"unicode"),
    ]
    for fmt in (tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
        check(go_tarsum, _tar(members, fmt))


def test_xattrs(go_tarsum):
    info = _info("file")
    info.pax_headers = {"SCHILY.xattr.user.b": "2",
                        "SCHILY.xattr.user.a": "1",
                        "SCHILY.xattr.security.capability": "\x01\x02",
                        "SCHILY.xattr.": "empty key",
                        "SCHILY.xattr.user.empty": ""}
    other = _info("dir", tarfile.DIRTYPE)
    other.pax_headers = {"SCHILY.xattr.trusted.x": "y=z"}
    check(go_tarsum, _tar([(info, b"data"), (other, None)]))


def test_large_file(go_tarsum):
    rng = random.Random(7)
    big = rng.randbytes(3 * 1024 * 1024 + 123)
    members = [(_info("big"), big), (_info("zeros"), bytes(2 * 1024 * 1024)),
               (_info("after"), b"x")]
    check(go_tarsum, _tar(members))


def test_mode_uid_mtime_variations(go_tarsum):
    members = []
    for index, (mode, uid, mtime) in enumerate([
            (0, 0, 0), (0o7777, 2 ** 21 - 1, 8 ** 11 - 1),
            (0o4755, 2 ** 30, -5), (0o1777, 65534, 2 ** 34),
            (0o644, 7, 1.5)]):
        members.append((_info("f%d" % index, mode=mode, uid=uid, gid=uid,
                              mtime=mtime, uname="u" * 40, gname=""),
                        b"%d" % index))
    check(go_tarsum, _tar(members, tarfile.PAX_FORMAT))
    check(go_tarsum, _tar(members, tarfile.GNU_FORMAT))


# -- archives written by GNU tar ----------------------------------------------

def _make_tree(root):
    (root / "bin").mkdir(parents=True)
    (root / "bin" / "tool").write_bytes(b"#!/bin/sh\necho hi\n")
    (root / "bin" / "tool").chmod(0o755)
    os.link(root / "bin" / "tool", root / "bin" / "tool-hardlink")
    (root / "bin" / "sh").symlink_to("tool")
    (root / "share" / "empty-dir").mkdir(parents=True)
    (root / "share" / "empty-file").write_bytes(b"")
    deep = root / "share" / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    (deep / ("f" * 90)).write_bytes(b"deep")
    (root / "share" / "gr\u00fc\u00dfe-\u00e9t\u00e9.txt").write_text("hi")
    (root / "etc").mkdir()
    (root / "etc" / "dangling").symlink_to("/nonexistent/target")
    (root / "etc" / "readonly").write_bytes(b"ro")
    (root / "etc" / "readonly").chmod(0o444)
    with open(root / "share" / "sparse", "wb") as handle:
        handle.seek(3 * 1024 * 1024)
        handle.write(b"end of sparse file")


GNU_TAR_VARIANTS = [
    ["--hard-dereference"],
    [],
    ["--format=posix"],
    ["--format=gnu"],
    ["--format=oldgnu"],
    ["--numeric-owner", "--hard-dereference"],
    ["--sparse", "--format=gnu"],
    ["--sparse", "--format=oldgnu"],
    ["--sparse", "--format=posix", "--sparse-version=0.0"],
    ["--sparse", "--format=posix", "--sparse-version=0.1"],
    ["--sparse", "--format=posix", "--sparse-version=1.0"],
]


@pytest.mark.parametrize("extra", GNU_TAR_VARIANTS,
                         ids=lambda extra: " ".join(extra) or "default")
def test_gnu_tar_archives(go_tarsum, tmp_path, extra):
    tree = tmp_path / "layer"
    _make_tree(tree)
    # The flags dockerTools' mkPureLayer passes to GNU tar.
    command = ["tar", "-C", str(tree), "--sort=name", "--mtime=@1",
               "--owner=0", "--group=0", *extra, "-cf", "-", "."]
    data = subprocess.run(command, capture_output=True, check=True).stdout
    check(go_tarsum, data)


def test_gnu_tar_xattrs(go_tarsum, tmp_path):
    tree = tmp_path / "layer"
    tree.mkdir()
    (tree / "file").write_bytes(b"x")
    try:
        os.setxattr(tree / "file", "user.one", b"1")
        os.setxattr(tree / "file", "user.two", b"\xff\x00binary")
    except OSError as error:
        pytest.skip("this file system has no user xattrs: %s" % error)
    data = subprocess.run(
        ["tar", "-C", str(tree), "--xattrs", "--xattrs-include=*",
         "--format=posix", "--sort=name", "-cf", "-", "."],
        capture_output=True, check=True).stdout
    assert b"SCHILY.xattr.user.one" in data
    check(go_tarsum, data)


# -- hand-made headers ------------------------------------------------------

def _block(name=b"", typeflag=b"0", size=0, mode=0o644, magic=b"ustar\x00",
           version=b"00", prefix=b"", uid=0, linkname=b"", raw_mode=None):
    block = bytearray(512)
    block[0:len(name)] = name
    block[100:108] = raw_mode or b"%07o\x00" % mode
    block[108:116] = b"%07o\x00" % uid
    block[116:124] = b"0000000\x00"
    block[124:136] = b"%011o\x00" % size
    block[136:148] = b"00000000001\x00"
    block[156:157] = typeflag
    block[157:157 + len(linkname)] = linkname
    block[257:263] = magic
    block[263:265] = version
    block[345:345 + len(prefix)] = prefix
    return _fix_checksum(block)


def _fix_checksum(block):
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\x00 " % sum(block)
    return bytes(block)


def _data(content):
    return content + bytes(-len(content) % 512)


END = bytes(1024)


def _pax(records, typeflag=b"x", name=b"PaxHeader"):
    body = b""
    for key, value in records:
        line = b" " + key + b"=" + value + b"\n"
        length = len(line) + 1
        while len(b"%d" % length) + len(line) != length:
            length += 1
        body += b"%d" % length + line
    return _block(name, typeflag, len(body)) + _data(body)


HANDMADE = {
    "v7 format": _block(b"old", magic=b"\x00" * 6, version=b"\x00\x00")
    + END,
    "old-style directory": _block(b"dir/", typeflag=b"\x00") + END,
    "old-style file": _block(b"file", typeflag=b"\x00", size=3)
    + _data(b"abc") + END,
    "ustar prefix": _block(b"name", prefix=b"some/prefix", size=1)
    + _data(b"!") + END,
    "mode with file type bits": _block(b"f", raw_mode=b"0100644\x00") + END,
    "base-256 uid": _fix_checksum(bytearray(
        _block(b"f")[:108] + b"\x80\x00\x00\x00\x00\x01\x00\x00"
        + _block(b"f")[116:])) + END,
    "global header": _pax([(b"comment", b"from git archive")], b"g",
                          b"pax_global_header") + _block(b"f") + END,
    "global header with xattrs and path": _pax(
        [(b"SCHILY.xattr.user.x", b"1"), (b"path", b"renamed")], b"g")
    + END,
    "pax path and linkpath": _pax([(b"path", b"long/" * 40),
                                   (b"linkpath", b"target"),
                                   (b"uid", b"+12"), (b"mtime", b"1.25")])
    + _block(b"short", b"2") + END,
    "directory with size": _block(b"d/", b"5", size=1024) + END,
    "gnu long name": _block(b"././@LongLink", b"L", 201,
                            magic=b"ustar ", version=b" \x00")
    + _data(b"n" * 200 + b"\x00")
    + _block(b"truncated", magic=b"ustar ", version=b" \x00") + END,
    "duplicate names": _block(b"a", size=1) + _data(b"1")
    + _block(b"./a", size=1) + _data(b"2") + _block(b"/a") + END,
    "no end blocks": _block(b"f", size=1) + _data(b"x"),
    "garbage after end": _block(b"f") + END + b"garbage" * 100,
    "one zero block then end": _block(b"f") + bytes(512),
    "end inside padding": _block(b"f", size=1) + b"x" + bytes(10),
}

HANDMADE_FAILURES = {
    "regular file with trailing slash": _block(b"file/") + END,
    "truncated content": _block(b"f", size=100) + b"x" * 10,
    "bad checksum": bytes(_block(b"f")[:148]) + b"1234567\x00"
    + bytes(_block(b"f")[156:]) + END,
    "zero block then header": bytes(512) + _block(b"f") + END,
    "partial header": _block(b"f")[:300],
    "bad pax record": _pax([(b"path", b"x")])[:512]
    + _data(b"99 path=x\n") + _block(b"f") + END,
    "bad pax size": _pax([(b"size", b"twelve")]) + _block(b"f") + END,
    "negative pax size": _pax([(b"size", b"-1")]) + _block(b"f") + END,
    "bad octal": _block(b"f", raw_mode=b"0000x44\x00") + END,
}


@pytest.mark.parametrize("name", sorted(HANDMADE))
def test_handmade_archives(go_tarsum, name):
    check(go_tarsum, HANDMADE[name])


@pytest.mark.parametrize("name", sorted(HANDMADE_FAILURES))
def test_handmade_failures(go_tarsum, name):
    assert not reference(go_tarsum, HANDMADE_FAILURES[name])[0]
    assert not ours(HANDMADE_FAILURES[name])[0]


def test_go_test_corpus(go_tarsum):
    """Go's own archive/tar test files: odd, broken and tricky archives."""
    goroot = subprocess.run(["go", "env", "GOROOT"], capture_output=True,
                            text=True, check=True).stdout.strip()
    corpus = Path(goroot) / "src" / "archive" / "tar" / "testdata"
    # The two *-sparse-big archives hold 60 GB sparse files: hashing their
    # holes takes Docker's implementation minutes, so they are left out.
    files = sorted(path for path in corpus.glob("*.tar")
                   if "sparse-big" not in path.name)
    assert files, "no test archives in %s" % corpus
    mismatches = []
    for path in files:
        data = path.read_bytes()
        expected, actual = reference(go_tarsum, data), ours(data)
        if expected[0] != actual[0] or (expected[0]
                                        and expected[1] != actual[1]):
            mismatches.append((path.name, expected, actual))
    assert not mismatches


# -- generated archives -------------------------------------------------------

NAME_CHARS = st.sampled_from(list("abcxyz019._- ") + ["\u00e9", "\u00df",
                                                      "\u65e5", "\U0001f600"])
COMPONENT = st.text(NAME_CHARS, min_size=1, max_size=30)
NAMES = st.one_of(
    st.lists(COMPONENT, min_size=1, max_size=4).map("/".join),
    st.tuples(COMPONENT, st.integers(3, 9)).map(
        lambda pair: "/".join([pair[0]] * pair[1])),  # long names
)
TYPES = st.sampled_from([tarfile.REGTYPE] * 4 + [
    tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE,
    tarfile.BLKTYPE, tarfile.FIFOTYPE])
XATTRS = st.dictionaries(
    st.text(st.sampled_from(list("abc.")), min_size=1, max_size=8).map(
        lambda key: "user." + key),
    st.text(max_size=20), max_size=3)


@st.composite
def members(draw, fmt):
    kind = draw(TYPES)
    name = draw(NAMES)
    info = _info(name, kind)
    small = fmt == tarfile.USTAR_FORMAT
    info.mode = draw(st.integers(0, 0o7777))
    info.uid = draw(st.integers(0, 2 ** 21 - 1 if small else 2 ** 40))
    info.gid = draw(st.integers(0, 2 ** 21 - 1 if small else 2 ** 31))
    info.uname = draw(st.text(NAME_CHARS, max_size=12))
    info.gname = draw(st.text(NAME_CHARS, max_size=12))
    info.mtime = draw(st.integers(0, 8 ** 11 - 1) if small else st.one_of(
        st.integers(-2 ** 40, 2 ** 40),
        st.floats(0, 2 ** 33).map(lambda x: round(x, 3))))
    content = None
    if kind == tarfile.REGTYPE:
        content = draw(st.binary(max_size=3000))
    elif kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        info.linkname = draw(NAMES)
    elif kind in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        info.devmajor = draw(st.integers(0, 4095))
        info.devminor = draw(st.integers(0, 2 ** 20))
    if fmt == tarfile.PAX_FORMAT:
        xattrs = draw(XATTRS)
        info.pax_headers = {"SCHILY.xattr." + k: v for k, v in xattrs.items()}
    return info, content


def _ustar_ok(info):
    def fits(text):
        return text.isascii() and len(text.encode()) <= 100
    return fits(info.name) and fits(info.linkname)


@st.composite
def archives(draw):
    fmt = draw(st.sampled_from([tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT,
                                tarfile.PAX_FORMAT]))
    entries = draw(st.lists(members(fmt), max_size=12))
    if fmt == tarfile.USTAR_FORMAT:
        entries = [entry for entry in entries if _ustar_ok(entry[0])]
    return _tar(entries, fmt)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=archives())
def test_generated_archives(go_tarsum, data):
    check(go_tarsum, data)


def _duplicate_heavy_archive(rng, count):
    """Many entries whose names repeat, written in several spellings, so
    that Docker's position-then-sum ordering (and thus Go's sort) shows."""
    pool = ["a", "./a", "/a", "b", "b/", "c/d", "./c/d/", "e", "f", "g"]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w",
                      format=tarfile.GNU_FORMAT) as archive:
        for _ in range(count):
            name = rng.choice(pool)
            if rng.random() < 0.3:
                name = "u%d" % rng.randrange(count)
            if name.endswith("/"):
                info = _info(name, tarfile.DIRTYPE, mode=rng.randrange(8))
                archive.addfile(info)
                continue
            content = rng.randbytes(rng.randrange(4))
            info = _info(name, size=len(content), mode=rng.randrange(8))
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


@pytest.mark.parametrize("count", [5, 13, 30, 49, 50, 51, 120, 400, 2000])
def test_duplicate_names_follow_gos_sort(go_tarsum, count):
    rng = random.Random(count)
    for _ in range(6):
        check(go_tarsum, _duplicate_heavy_archive(rng, count))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2 ** 32), count=st.integers(2, 300))
def test_generated_duplicates(go_tarsum, seed, count):
    check(go_tarsum, _duplicate_heavy_archive(random.Random(seed), count))


# -- the program --------------------------------------------------------------

def test_command_line(go_tarsum, tmp_path):
    data = _tar([(_info("a"), b"a"), (_info("b", tarfile.DIRTYPE), None)])
    result = subprocess.run([sys.executable, str(SCRIPT)], input=data,
                            capture_output=True, check=True)
    expected = reference(go_tarsum, data)[1]
    assert result.stdout == (expected + "\n").encode()
    broken = subprocess.run([sys.executable, str(SCRIPT)],
                            input=b"not a tar" * 100, capture_output=True,
                            check=False)
    assert broken.returncode == 1
    assert broken.stdout == b""
    assert b"Traceback" not in broken.stderr
    assert broken.stderr.startswith(b"tarsum: ")
