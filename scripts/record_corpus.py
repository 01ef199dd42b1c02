#!/usr/bin/env python3
"""Record the conformance corpus's expected outputs from real Nix.

    scripts/record_corpus.py           write corpus/*/ok/*.exp, corpus/*/fail/*.err and
                                       corpus/build/*.build.json (nix-build's outputs and NAR hashes)
    scripts/record_corpus.py --check   compare instead, exit 1 on any difference

Expected outputs are only ever written by this script, from the installed
`nix-instantiate` (Nix 2.8.0), never by hand. A case under ok/ must parse
and one under fail/ must not: a case in the wrong folder is an error.
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import json  # noqa: E402

from conformance import (  # noqa: E402
    CORPUS, KINDS, build_cases, build_record_path, cases, drvs_path, expected_path, nix_build_record,
    nix_instantiate, nix_run, normalise,
)


def nix_version():
    out = subprocess.run(["nix-instantiate", "--version"], capture_output=True, text=True).stdout
    return out.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the recordings, write nothing")
    args = parser.parse_args()
    version = nix_version()
    if not version.endswith(" 2.8.0"):
        sys.exit(f"record_corpus: needs Nix 2.8.0, found {version!r}")
    problems = 0
    for kind, outcome in ((k, o) for k in KINDS for o in ("ok", "fail")):
        for case in cases(kind, outcome):
            status, output = nix_run(kind, case)
            name = case.relative_to(CORPUS.parent)
            if (status == 0) != (outcome == "ok"):
                print(f"{name}: Nix exited {status}, which does not belong in {outcome}/")
                problems += 1
                continue
            if (kind, outcome) == ("drv", "ok"):
                drvs_text = json.dumps(nix_instantiate(case), indent=1, sort_keys=True) + "\n"
                if args.check:
                    recorded = drvs_path(case).read_text() if drvs_path(case).exists() else None
                    if recorded != drvs_text:
                        print(f"{name}: Nix's .drv files differ from {drvs_path(case).name}")
                        problems += 1
                else:
                    drvs_path(case).write_text(drvs_text)
            target = expected_path(case)
            if args.check:
                recorded = target.read_bytes().decode("latin-1") if target.exists() else None
                same = recorded is not None and (
                    normalise(recorded) == normalise(output) if (kind, outcome) == ("parse", "ok")
                    else recorded == output)
                if not same:
                    print(f"{name}: Nix's output differs from {target.name}")
                    problems += 1
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(output.encode("latin-1"))
    for case in build_cases():
        name = case.relative_to(CORPUS.parent)
        try:
            record = json.dumps(nix_build_record(case), indent=1, sort_keys=True) + "\n"
        except RuntimeError as e:
            print(f"{name}: {e}")
            problems += 1
            continue
        target = build_record_path(case)
        if args.check:
            if not target.exists() or target.read_text() != record:
                print(f"{name}: Nix's build differs from {target.name}")
                problems += 1
        else:
            target.write_text(record)
    print(f"{'checked' if args.check else 'recorded'} corpus with {version}: {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
