"""Reference scanning over NAR chunks: hash parts found wherever they are,
across chunk boundaries and inside longer base-32 runs."""

import os

from nixlite.build.scanner import ReferenceScanner
from nixlite.store.nar import nar_hash

A = "/nix/store/" + "a" * 32 + "-a"
B = "/nix/store/" + "0123456789abcdfghijklmnpqrsvwxyz" + "-b"
C = "/nix/store/" + "z" * 32 + "-c"


def scan(chunks, candidates=(A, B, C)):
    scanner = ReferenceScanner(candidates)
    for chunk in chunks:
        scanner(chunk)
    return scanner.found


def test_whole_hash_parts_are_found():
    assert scan([b"x " + A.encode() + b" y"]) == {A}


def test_a_hash_split_across_chunks_is_found():
    data = b"prefix " + B.encode() + b" suffix"
    for cut in range(len(data)):
        assert scan([data[:cut], data[cut:]]) == {B}, cut


def test_hash_inside_a_longer_run_is_found():
    assert scan([b"qq" + B[11:43].encode() + b"zz"]) == {B}
    assert scan([b"1" * 100 + C[11:43].encode() + b"1" * 100], [C]) == {C}


def test_partial_hashes_are_not_references():
    assert scan([A[11:42].encode(), b"-", A[12:43].encode()]) == set()


def test_nar_scan_sees_file_names_and_symlinks(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ("x" + B[11:43])).write_text("plain")
    os.symlink(A, out / "link")
    scanner = ReferenceScanner([A, B, C])
    nar_hash(os.fsencode(out), also=scanner)
    assert scanner.found == {A, B}
