"""The stdenv and the trivial builders of the package set: each is built by
nixlite (sandboxed, so only its input closure is visible) and its output
checked; real Nix instantiates every one to the same .drv path and builds a
sample to the same bytes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import HOME, NIX_BUILD_OPTIONS

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
FILE = HERE / "builders.nix"
FAILING = ["buildEnvCollision", "writePython3Bad", "checkedScriptBad"]
ATTRS = ["runCommand", "runCommandLocal", "phases", "make", "inputs", "writeText", "writeTextDir", "writeScript",
         "writeScriptBin", "writeShellScript", "writeShellScriptBin", "symlinkJoin", "buildEnv", "buildEnvPrefix",
         "buildEnvIgnoreCollisions", "closureInfo", "writeReferencesToFile", "referencesByPopularity", "wrapper",
         "substituteAll", "writePython3", "fakeNss", "lndir", "customBuilder", "structured", "userEnv", "emptyPrefix",
         "spacedSource", "linkedJoin", "replaceFlags",
         "buildEnvPriority"]


def nixlite(*args, root):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run([sys.executable, "-m", "nixlite", *args, "--root", str(root)], cwd=HERE, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{attribute: physical path of its output}, all built in one run."""
    root = tmp_path_factory.mktemp("builders") / "root"
    args = [a for attr in ATTRS for a in ("-A", attr)]
    proc = nixlite("build", str(FILE), *args, "--no-out-link", root=root)
    assert proc.returncode == 0, proc.stderr[-4000:]
    paths = proc.stdout.split()
    assert len(paths) == len(ATTRS)
    return root, {attr: root / "store" / p.removeprefix("/nix/store/") for attr, p in zip(ATTRS, paths)}


def store_target(root, link):
    """Where a link into the logical store leads in the physical store."""
    return root / "store" / os.readlink(link).removeprefix("/nix/store/")


def test_run_command(built):
    _, out = built
    assert out["runCommand"].read_text() == "hello\n"
    assert out["runCommandLocal"].read_text() == "local\n"


def test_phases_run_in_order_with_patches_hooks_and_substitutions(built):
    _, out = built
    phases = out["phases"]
    assert (phases / "configured").read_text() == "configured\n"
    assert (phases / "built").read_text() == "built\n"
    assert (phases / "checked").read_text() == "checked\n"
    assert (phases / "message").read_text() == "message: hello world from nixlite\nand a patched line\n"
    assert (phases / "epoch").read_text() == "315532800\n"
    shebang = (phases / "bin" / "tool").read_text().splitlines()[0]
    assert shebang.startswith("#!/nix/store/") and shebang.endswith("/bin/sh"), shebang


def test_default_phases_run_make(built):
    _, out = built
    assert (out["make"] / "built").read_text() == "built hello\n"
    assert (out["make"] / "checked").read_text() == "checked\n"


def test_inputs_put_propagated_bin_on_path_and_source_setup_hooks(built):
    _, out = built
    assert out["inputs"].read_text() == "hello hi\n"


def test_text_writers(built):
    _, out = built
    assert out["writeText"].read_text() == "some text\n"
    assert (out["writeTextDir"] / "share" / "a" / "a.txt").read_text() == "a\n"
    assert os.access(out["writeScript"], os.X_OK)
    assert os.access(out["writeScriptBin"] / "bin" / "script-bin", os.X_OK)
    assert out["writeShellScript"].read_text().startswith("#!/nix/store/")
    assert (out["writeShellScriptBin"] / "bin" / "greet").read_text().endswith('echo "hello $*"\n')


def test_symlink_join_merges_directories_with_links(built):
    root, out = built
    joined = out["symlinkJoin"]
    assert (joined / "share").is_dir() and not (joined / "share").is_symlink()
    assert store_target(root, joined / "share" / "a" / "a.txt").read_text() == "a\n"
    assert store_target(root, joined / "share" / "b" / "b.txt").read_text() == "b\n"
    assert (joined / "bin" / "greet").is_symlink()


def test_build_env_links_only_paths_to_link(built):
    root, out = built
    env = out["buildEnv"]
    assert sorted(os.listdir(env)) == ["share"]
    assert sorted(os.listdir(env / "share")) == ["a", "b"]
    # a directory only one package has is one link to it
    assert (env / "share" / "a").is_symlink()
    prefixed = out["buildEnvPrefix"]
    assert sorted(os.listdir(prefixed)) == ["post-built", "usr"]
    assert (prefixed / "usr" / "bin").is_symlink()


def test_build_env_collisions(built, tmp_path):
    _, out = built
    assert store_target(built[0], out["buildEnvIgnoreCollisions"] / "x").read_text() == "1"
    proc = nixlite("build", str(FILE), "-A", "buildEnvCollision", "--no-out-link", root=tmp_path / "root")
    assert proc.returncode != 0
    assert "collision between" in proc.stderr


def test_build_env_lower_priority_number_wins(built):
    root, out = built
    assert store_target(root, out["buildEnvPriority"] / "x").read_text() == "high"


def test_closure_info(built):
    _, out = built
    info = out["closureInfo"]
    paths = (info / "store-paths").read_text().split()
    assert len(paths) >= 3 and all(p.startswith("/nix/store/") for p in paths)
    assert any(p.endswith("-greet") for p in paths) and any("-bash-" in p for p in paths)
    assert int((info / "total-nar-size").read_text()) > 0
    lines = (info / "registration").read_text().splitlines()
    i, registered = 0, []
    while i < len(lines):
        path, nar_hash, nar_size, deriver, count = lines[i:i + 5]
        assert nar_hash.startswith("sha256:") and int(nar_size) > 0 and deriver == ""
        registered.append(path)
        i += 5 + int(count)
    assert registered == paths


def test_closure_info_loads_into_real_nix(built, tmp_path):
    """real `nix-store --load-db` takes the registration into a scratch store."""
    _, out = built
    store = tmp_path / "scratch"
    registration = (out["closureInfo"] / "registration").read_bytes()
    env = dict(os.environ, HOME=HOME, NIX_REMOTE=f"local?root={store}", USER="nobody")
    load = subprocess.run(["nix-store", "--load-db"], input=registration, env=env, capture_output=True, timeout=120)
    assert load.returncode == 0, load.stderr
    query = subprocess.run(["nix-store", "--check-validity",
                            *(out["closureInfo"] / "store-paths").read_text().split()],
                           env=env, capture_output=True, text=True, timeout=120)
    assert query.returncode == 0, query.stderr


def test_references_writers(built):
    _, out = built
    closure = out["writeReferencesToFile"].read_text().split()
    popular = out["referencesByPopularity"].read_text().split()
    assert sorted(closure) == sorted(popular)
    # the root is referred to by nothing, so it is least popular
    assert popular[-1].endswith("-greet")


def test_make_wrapper(built):
    _, out = built
    wrapper = out["wrapper"]
    assert (wrapper / "show.out").read_text() == "args=-a -b c X=x Y=set P=/pre:/old S=/old:/suf U=unset R=ran\n"
    # wrapProgram: the wrapper of a wrapper, its own --set applied first
    assert (wrapper / "tool.out").read_text() == "args=-a -b d X=x Y=y P=/pre S=/suf U=unset R=ran\n"
    assert (wrapper / "bin" / ".tool-wrapped").exists()


def test_substitute_all(built):
    _, out = built
    text = out["substituteAll"].read_text()
    assert text.startswith("name=nixlite shell=/nix/store/") and text.endswith("/bin/bash\n")


def test_write_python3_checks_the_script(built, tmp_path):
    _, out = built
    assert out["writePython3"].read_text().startswith("#!/nix/store/")
    proc = nixlite("build", str(FILE), "-A", "writePython3Bad", "--no-out-link", root=tmp_path / "root")
    assert proc.returncode != 0
    assert "SyntaxError" in proc.stderr


def test_script_writer_runs_its_check_on_the_script(tmp_path):
    proc = nixlite("build", str(FILE), "-A", "checkedScriptBad", "--no-out-link", root=tmp_path / "root")
    assert proc.returncode != 0
    assert "syntax error" in proc.stderr


def test_a_builder_of_the_callers_own(built):
    _, out = built
    assert out["customBuilder"].read_text() == "custom\n"


def test_structured_attributes_and_pre_hook(built):
    _, out = built
    assert (out["structured"] / "pre-hook").read_text() == "yes\n"
    # list attributes keep their elements whole
    assert (out["structured"] / "configure-args").read_text() == "--with-space=a b\n--plain\n"
    assert (out["structured"] / "bin" / "tool").read_text().startswith("#!/nix/store/")


def test_build_env_takes_propagated_user_env_packages(built):
    _, out = built
    # each directory only one package has is one link to it
    assert os.readlink(out["userEnv"] / "bin").endswith("-greet/bin")
    assert os.readlink(out["userEnv"] / "share").endswith("-propagates-user-env/share")


def test_make_wrapper_adds_nothing_for_an_empty_value(built):
    _, out = built
    assert (out["emptyPrefix"] / "path").read_text() == "/only\n"


def test_substitute_replace_flags(built):
    _, out = built
    assert out["replaceFlags"].read_text() == "1 two\n"


def test_a_source_directory_with_a_space(built):
    _, out = built
    assert out["spacedSource"].read_text() == "unpacked\n"


def test_symlink_join_follows_linked_directories(built):
    root, out = built
    man1 = out["linkedJoin"] / "share" / "man" / "man1"
    assert man1.is_dir() and not man1.is_symlink()
    assert store_target(root, man1 / "a.1").read_text() == "a"
    assert store_target(root, man1 / "b.1").read_text() == "b"


def test_fake_nss(built):
    root, out = built
    passwd = store_target(root, out["fakeNss"] / "etc" / "passwd").read_text()
    assert passwd.startswith("root:x:0:0:")
    assert (out["fakeNss"] / "var" / "empty").is_dir()


@pytest.mark.oracle
def test_real_nix_instantiates_the_same_derivations(tmp_path):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    attrs = [a for attr in ATTRS + FAILING for a in ("-A", attr)]
    nix = subprocess.run(["nix-instantiate", str(FILE), *attrs], env=env, cwd=HERE,
                         capture_output=True, text=True, timeout=600)
    assert nix.returncode == 0, nix.stderr
    mine = nixlite("instantiate", str(FILE), *attrs, root=tmp_path / "root")
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout == nix.stdout


@pytest.mark.oracle
def test_real_nix_builds_the_same_bytes(built):
    """nix-build --option sandbox false of a sample gives the same outputs."""
    from nixlite.store.nar import nar_hash
    _, out = built
    sample = ["phases", "inputs", "buildEnv", "closureInfo", "wrapper", "referencesByPopularity", "writePython3"]
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    attrs = [a for attr in sample for a in ("-A", attr)]
    proc = subprocess.run(["nix-build", str(FILE), *attrs, "--no-out-link", *NIX_BUILD_OPTIONS], env=env, cwd=HERE,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    for attr, nix_path in zip(sample, proc.stdout.split()):
        assert out[attr].name == Path(nix_path).name, attr
        assert nar_hash(os.fsencode(out[attr]))[0] == nar_hash(os.fsencode(nix_path))[0], attr
