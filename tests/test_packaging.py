"""The project installs as a wheel that carries the grammar and dockerTools."""

import filecmp
import subprocess
import sys
import venv
import zipfile

import pytest

from conformance import ROOT

SEED = ROOT.parent / "shared" / "seed" / "dockertools-default.nix"


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside this checkout")
def test_dockertools_default_is_the_seed_byte_for_byte():
    assert filecmp.cmp(ROOT / "dockertools" / "default.nix", SEED, shallow=False)


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_parses(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True, timeout=300)
    (wheel,) = dist.glob("nixlite-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "nixlite/grammar/nix.lark" in names
    assert "nixlite/dockertools/default.nix" in names
    assert {"nixlite/pkgs/default.nix", "nixlite/pkgs/stdenv/setup.sh"} <= set(names)
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "nixlite").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= set(names), sorted(modules - set(names))

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    result = subprocess.run(
        [env_dir / "bin" / "nixlite", "parse", "-E", "{ a = 1; }.a"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stdout) == (0, "({ a = 1; }).a\n"), result.stderr
    shipped = subprocess.run(
        [python, "-c", "from importlib import resources; "
         "print(resources.files('nixlite.dockertools').joinpath('default.nix').read_text())"],
        capture_output=True, text=True, check=True, cwd=tmp_path, timeout=60).stdout
    assert shipped == (ROOT / "dockertools" / "default.nix").read_text() + "\n"
    # The installed package set finds the dockerTools installed beside it.
    dockertools = subprocess.run(
        [env_dir / "bin" / "nixlite", "eval", "-E", "builtins.isFunction (import <nixpkgs> { }).dockerTools.buildImage"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, env={"NIX_PATH": "", "PATH": "/usr/bin:/bin"})
    assert (dockertools.returncode, dockertools.stdout) == (0, "true\n"), dockertools.stderr
