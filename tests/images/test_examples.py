"""dockerTools, unmodified, builds real images: every example is built by
nixlite, accepted by skopeo, loaded by podman, and run for what it is for.
Real nix-build of some of them gives the same bytes."""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conformance import HOME, NIX_BUILD_OPTIONS, ROOT

pytestmark = pytest.mark.slow

PKGS = ROOT / "nixlite" / "pkgs"
EXAMPLES = ["bash", "bashNoTag", "redis", "nginx", "layered-image", "layered-on-top", "two-layered-image",
            "bulk-layer", "layered-bulk-layer", "environmentVariablesParent", "environmentVariables",
            "environmentVariablesLayered", "layersOrder", "runAsRootExtraCommands", "unstableDate",
            "mergedBashAndRedis", "exportBash", "nix", "nixLayered", "helloOnRoot", "helloOnRootNoStore",
            "layeredImageWithFakeRootCommands", "bashLayeredWithUser", "layeredStoreSymlink", "prefixedImage"]
STREAMED = {"helloOnRoot", "helloOnRootNoStore"}
NOT_AN_IMAGE = {"exportBash"}


def nixlite(*args, root, cwd):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run([sys.executable, "-m", "nixlite", *args, "--root", str(root)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=1800)


def build(attrs, root, cwd):
    args = [a for name in attrs for a in ("-A", f"dockerTools.examples.{name}")]
    proc = nixlite("build", *args, "--no-out-link", root=root, cwd=cwd)
    assert proc.returncode == 0, proc.stderr[-6000:]
    paths = proc.stdout.split()
    assert len(paths) == len(attrs)
    return {name: root / "store" / p.removeprefix("/nix/store/") for name, p in zip(attrs, paths)}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """The stores, archives and podman storage of the module: gigabytes,
    removed when it is done."""
    path = tmp_path_factory.mktemp("images")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def built(work):
    """{example: physical path of its output}, every example built by one
    nixlite run (sandboxed, as by default)."""
    return build(EXAMPLES, work / "root", work)


STREAM_EXPR = """let pkgs = import <nixpkgs> { }; in builtins.mapAttrs
  (name: image: pkgs.runCommand "${name}.tar" { } "${image} > $out")
  { inherit (pkgs.dockerTools.examples) %s; }""" % " ".join(sorted(STREAMED))


@pytest.fixture(scope="module")
def archives(built, work):
    """{example: an uncompressed docker-archive of it}: skopeo and podman here
    read uncompressed archives only, and a streamed image's script runs where
    the store is at /nix/store, so a build runs it."""
    out = {}
    for name, path in built.items():
        if name in NOT_AN_IMAGE or name in STREAMED:
            continue
        out[name] = work / f"{name}.tar"
        with gzip.open(path) as src, open(out[name], "wb") as dst:
            shutil.copyfileobj(src, dst)
    names = sorted(STREAMED)
    args = [a for name in names for a in ("-A", name)]
    proc = nixlite("build", "-E", STREAM_EXPR, *args, "--no-out-link", root=work / "root", cwd=work)
    assert proc.returncode == 0, proc.stderr[-6000:]
    for name, p in zip(names, proc.stdout.split()):
        out[name] = work / "root" / "store" / p.removeprefix("/nix/store/")
    return out


class Podman:
    """Real podman, with storage of its own under the test's directory."""

    def __init__(self, work):
        self.base = ["podman", "--root", str(work / "podman" / "storage"), "--runroot", str(work / "podman" / "run"),
                     "--runtime", "runc", "--cgroup-manager=cgroupfs"]

    def __call__(self, *args, check=True):
        proc = subprocess.run([*self.base, *args], capture_output=True, text=True, timeout=300)
        if check:
            assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
        return proc

    def load(self, archive):
        out = self("load", "-i", str(archive)).stdout
        return sorted(name for line in out.splitlines() if line.startswith("Loaded image")
                      for name in line.split(": ", 1)[1].split(","))

    def run(self, image, *cmd, user=None):
        extra = ["--user", user] if user else []
        return self("run", "--rm", "--network=none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", *extra,
                    image, *cmd).stdout


@pytest.fixture(scope="module")
def podman(work):
    if shutil.which("podman") is None or shutil.which("runc") is None:
        pytest.fail("podman and runc are needed: apt-get install podman runc")
    return Podman(work)


@pytest.fixture(scope="module")
def loaded(archives, podman):
    """{example: the image names podman loaded from it}."""
    return {name: podman.load(tar) for name, tar in archives.items()}


def manifest_and_config(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        config = json.load(tar.extractfile(manifest[0]["Config"]))
    return manifest, config


def test_skopeo_accepts_every_archive(archives):
    for name, tar in archives.items():
        # an archive of several images needs the one to inspect named
        reference = f"docker-archive:{tar}" + (":bash:latest" if name == "mergedBashAndRedis" else "")
        proc = subprocess.run(["skopeo", "inspect", reference], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, (name, proc.stderr)
        created = json.loads(proc.stdout)["Created"]
        if name == "unstableDate":
            assert not created.startswith("1970-"), created
        else:
            assert created == "1970-01-01T00:00:01Z", (name, created)


def test_bash_prints_its_version(loaded, podman):
    assert loaded["bash"] == ["localhost/bash:latest"]
    assert podman.run("localhost/bash:latest", "bash", "--version").startswith("GNU bash, version")


def test_image_without_a_tag_is_tagged_with_its_hash(loaded, built):
    (name,) = loaded["bashNoTag"]
    assert name == "localhost/bash-no-tag:" + built["bashNoTag"].name.split("-")[0]


def layer_entries(archive, with_layer=False):
    """(TarInfo, its content or None[, index of its layer]) of every entry of
    every layer of the image, bottom layer first."""
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for index, layer in enumerate(manifest[0]["Layers"]):
            with tarfile.open(fileobj=tar.extractfile(layer)) as inner:
                for info in inner:
                    data = inner.extractfile(info).read() if info.isfile() else None
                    yield (info, data, index) if with_layer else (info, data)


def layer_members(archive):
    """{name without './': TarInfo} over every layer of the image, upper
    layers winning."""
    return {info.name.removeprefix("./").rstrip("/"): info for info, _ in layer_entries(archive)}


def read_member(archive, wanted):
    """The content of a file in the image's top-most layer that has it."""
    found = None
    for info, data in layer_entries(archive):
        if info.name.removeprefix("./") == wanted and data is not None:
            found = data.decode()
    return found


def test_redis_serves_and_its_data_belongs_to_its_user(loaded, podman, archives):
    assert "Redis server v=" in podman.run("localhost/redis:latest", "redis-server", "--version")
    # the server answers on a socket in its data directory (the image has
    # bash and redis only: the client is retried until the server is up)
    answer = podman.run("localhost/redis:latest", "bash", "-c",
                        "redis-server --port 0 --unixsocket /data/redis.sock --dir /data > /dev/null & "
                        "for i in $(eval echo {1..2000}); do "
                        "redis-cli -s /data/redis.sock ping 2> /dev/null && exit 0; done; exit 1")
    assert answer == "PONG\n"
    passwd = read_member(archives["redis"], "etc/passwd")
    (redis_line,) = [line for line in passwd.splitlines() if line.startswith("redis:")]
    uid = int(redis_line.split(":")[2])
    data = layer_members(archives["redis"])["data"]
    assert data.isdir() and data.uid == uid, (data.uid, redis_line)


def test_nginx_accepts_its_configuration(loaded, podman, archives):
    _, config = manifest_and_config(archives["nginx"])
    cmd = config["config"]["Cmd"]
    assert cmd[0] == "nginx"
    out = podman("run", "--rm", "--network=none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
                 "localhost/nginx-container:latest", *cmd, "-t")
    assert "test is successful" in out.stderr + out.stdout


def test_hello_greets_from_layered_images(loaded, podman):
    for image in ["localhost/layered-image:latest", "localhost/two-layered-image:latest"]:
        assert podman.run(image) == "Hello, world!\n"
    assert podman.run("localhost/hello:latest") == "Hello, world!\n"


def test_layer_counts_follow_max_layers(archives):
    layers = {name: len(manifest_and_config(archives[name])[0][0]["Layers"])
              for name in ["two-layered-image", "bulk-layer", "layered-bulk-layer", "layered-image"]}
    assert layers["two-layered-image"] == 2
    assert layers["bulk-layer"] == 3
    assert layers["layered-bulk-layer"] == 4
    assert layers["layered-image"] > 2
    # bulk-layer: the most popular store path alone, the others together
    per_layer = {}
    for info, _, layer in layer_entries(archives["bulk-layer"], with_layer=True):
        parts = info.name.removeprefix("./").split("/")
        if len(parts) >= 3 and parts[:2] == ["nix", "store"] and parts[2]:
            per_layer.setdefault(layer, set()).add(parts[2])
    assert len(per_layer[0]) == 1 and len(per_layer[1]) > 1, per_layer


def test_layered_on_top_keeps_the_base_layers(archives, podman, loaded):
    base = manifest_and_config(archives["layered-image"])[1]["rootfs"]["diff_ids"]
    top = manifest_and_config(archives["layered-on-top"])[1]["rootfs"]["diff_ids"]
    assert top[:len(base)] == base and len(top) > len(base)
    assert podman.run("localhost/layered-on-top:latest") == "/tmp\n"


def test_environment_is_inherited_without_duplicates(loaded, podman, archives):
    # streamLayeredImage merges: the child's value in the parent's place
    layered = manifest_and_config(archives["environmentVariablesLayered"])[1]["config"]["Env"]
    assert layered == ["FROM_PARENT=true", "LAST_LAYER=child", "FROM_CHILD=true"]
    # buildImage (the seed's own jq) appends the child's list to the parent's;
    # the later value is the one a container gets
    single = manifest_and_config(archives["environmentVariables"])[1]["config"]["Env"]
    assert single == ["FROM_PARENT=true", "LAST_LAYER=parent", "FROM_CHILD=true", "LAST_LAYER=child"]
    for image in ["localhost/child:latest", "localhost/child-layered:latest"]:
        env = podman.run(image, "env").splitlines()
        assert "FROM_PARENT=true" in env and "FROM_CHILD=true" in env
        assert [e for e in env if e.startswith("LAST_LAYER=")] == ["LAST_LAYER=child"], env


def test_layers_order_top_layer_wins(loaded, podman):
    out = podman.run("localhost/layers-order:latest", "cat", "/tmp/layer1", "/tmp/layer2", "/tmp/layer3")
    assert out == "layer1\nlayer2\nlayer3\n"


def test_run_as_root_and_extra_commands_both_leave_files(loaded, podman):
    out = podman.run("localhost/runasrootextracommands:latest", "stat", "-c", "%u:%g %n", "/runAsRoot", "/extraCommands")
    assert out.splitlines() == ["1000:1000 /runAsRoot", "0:0 /extraCommands"], out


def test_merged_archive_holds_both_images(archives, podman):
    names = podman.load(archives["mergedBashAndRedis"])
    assert sorted(names) == ["localhost/bash:latest", "localhost/redis:latest"]


def test_exported_image_is_the_file_system(built):
    with tarfile.open(built["exportBash"]) as tar:
        names = set(tar.getnames())
    assert "./bin/bash" in names or "bin/bash" in names, sorted(names)[:20]


@pytest.mark.parametrize("image", ["localhost/nix:latest", "localhost/nix-layered:latest"])
def test_nix_images_know_their_store(loaded, podman, image):
    out = podman.run(image, "bash", "-c", "nix-store -qR /nix/store/*-nix-2.*")
    paths = out.split()
    assert any(p.endswith("-glibc-2.36") for p in paths), out


def test_streamed_image_without_store_paths(archives):
    names = [info.name for info, _ in layer_entries(archives["helloOnRootNoStore"])]
    assert not any(n.startswith(("nix/store/", "./nix/store/")) for n in names), names
    # what it holds: links into a store it leaves out (symlinkJoin follows
    # the buildEnv's link to hello's bin/, as lndir does)
    hello = layer_members(archives["helloOnRootNoStore"])["bin/hello"]
    assert hello.issym() and hello.linkname.startswith("/nix/store/")
    assert hello.linkname.endswith("-hello-2.10/bin/hello")


def test_fake_root_commands_own_files(loaded, podman):
    out = podman.run("localhost/layered-image-with-fake-root-commands:latest", "stat", "-c", "%u", "/home/alice")
    assert out == "1000\n"


def test_image_user_is_not_root(loaded, podman):
    assert podman.run("localhost/bash-layered-with-user:latest", "id", "-u") == "999\n"


def test_store_symlink_is_kept(archives):
    link = layer_members(archives["layeredStoreSymlink"])["nix/store/links/hello"]
    assert link.issym() and link.linkname.startswith("/nix/store/") and link.linkname.endswith("-hello-2.10")


def test_prefixed_name(loaded):
    assert loaded["prefixedImage"] == ["localhost/nixlite/prefixed-image:latest"]


def test_store_is_read_only_for_everyone(archives):
    for name in ["bash", "layered-image", "redis"]:
        store = layer_members(archives[name])["nix/store"]
        assert store.isdir() and store.mode & 0o777 == 0o555, (name, oct(store.mode))


def test_a_second_build_gives_the_same_bytes(built, work):
    """Every example built again from nothing, in another store, is
    byte-identical (but unstableDate, which holds the time it was built)."""
    again = build(EXAMPLES, work / "again", work)
    for name, path in built.items():
        if name == "unstableDate":
            continue
        assert again[name].name == path.name, name
        if name in NIX_DB_IMAGES:
            assert nix_db_image_content(again[name], work / "a") == nix_db_image_content(path, work / "b"), name
        else:
            assert nar_hash(again[name]) == nar_hash(path), name


# Images with a Nix database: `nix-store --load-db` stamps each path with the
# time it registered it, as real Nix does, so two builds differ there alone.
NIX_DB_IMAGES = {"nix", "nixLayered"}


def nix_db_image_content(path, scratch):
    """Every file of the image's layers, the Nix database as its rows with
    the registration times left out."""
    import sqlite3
    archive = scratch.with_suffix(".tar")
    with gzip.open(path) as src, open(archive, "wb") as dst:
        shutil.copyfileobj(src, dst)
    content = {}
    for info, data, layer in layer_entries(archive, with_layer=True):
        if info.name.endswith("nix/var/nix/db/db.sqlite"):
            db = scratch.with_suffix(".sqlite")
            db.write_bytes(data)
            with sqlite3.connect(db) as conn:
                data = (conn.execute("select id, path, hash, deriver, narSize from ValidPaths order by id").fetchall(),
                        conn.execute("select * from Refs order by referrer, reference").fetchall())
            db.unlink()
        content[layer, info.name] = (info.mode, info.uid, info.gid, info.mtime, info.linkname, data)
    return content


@pytest.mark.oracle
def test_real_nix_build_gives_the_same_bytes(built, work):
    """nix-build of the same expressions: a single-layer, a layered and a
    runAsRoot image are byte-identical to nixlite's."""
    sample = ["bash", "layered-image", "redis", "nginx"]
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    args = [a for name in sample for a in ("-A", f"dockerTools.examples.{name}")]
    proc = subprocess.run(["nix-build", str(PKGS), *args, "--no-out-link", *NIX_BUILD_OPTIONS], env=env, cwd=work,
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-4000:]
    for name, nix_path in zip(sample, proc.stdout.split()):
        assert built[name].name == Path(nix_path).name, name
        assert built[name].read_bytes() == Path(nix_path).read_bytes(), name


def nar_hash(path):
    from nixlite.store.nar import nar_hash as hash_of
    return hash_of(os.fsencode(path))[0]


def test_streamed_image_runs_through_nixlite_run(built, archives, work, podman):
    """`nixlite run ./result > image.tar`: a streamed image's script runs
    where the store is at /nix/store."""
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    tar = work / "streamed-by-run.tar"
    with open(tar, "wb") as f:
        proc = subprocess.run([sys.executable, "-m", "nixlite", "run", "--root", str(work / "root"),
                               str(built["helloOnRoot"])], stdout=f, stderr=subprocess.PIPE, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert tar.read_bytes() == archives["helloOnRoot"].read_bytes()
    assert podman.load(tar) == ["localhost/hello:latest"]
    assert podman.run("localhost/hello:latest") == "Hello, world!\n"


USER_IMAGE = """{ pkgs ? import <nixpkgs> { } }:
pkgs.dockerTools.buildLayeredImage {
  name = "my-hello";
  tag = "latest";
  contents = [ pkgs.hello ];
  config.Cmd = [ "hello" "--greeting" "hi from my image" ];
}
"""


def test_a_users_own_image_file(work, podman):
    """`nixlite build ./image.nix` on a file of the user's, as the README
    shows it."""
    project = work / "project"
    project.mkdir()
    (project / "image.nix").write_text(USER_IMAGE)
    proc = nixlite("build", "./image.nix", root=work / "root", cwd=project)
    assert proc.returncode == 0, proc.stderr[-4000:]
    result = project / "result"
    assert os.readlink(result).endswith("-my-hello.tar.gz")
    tar = work / "my-hello.tar"
    with gzip.open(result) as src, open(tar, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert podman.load(tar) == ["localhost/my-hello:latest"]
    assert podman.run("localhost/my-hello:latest") == "hi from my image\n"
