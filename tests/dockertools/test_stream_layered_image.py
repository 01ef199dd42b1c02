"""dockertools/stream_layered_image.py: the docker-archive it streams."""

import gzip
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "dockertools" / "stream_layered_image.py"
CREATED = "1970-01-01T00:00:01+00:00"
PREFIX = "stream_layered_image: error:"


# -- helpers ------------------------------------------------------------------

def run(conf_path, check=True):
    result = subprocess.run([sys.executable, str(SCRIPT), str(conf_path)],
                            capture_output=True, check=False)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    if check:
        assert result.returncode == 0, result.stderr.decode()
        assert result.stderr == b""
    return result


def fail(conf_path):
    """Run expecting a clean failure; return the error message."""
    result = run(conf_path, check=False)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.startswith(PREFIX), message
    assert message.count("\n") == 1, message
    return message


class Image:
    """A docker-archive read back with tarfile."""

    def __init__(self, data):
        self.data = data
        self.archive = tarfile.open(fileobj=io.BytesIO(data))
        self.members = {m.name: m for m in self.archive.getmembers()}
        self.manifest = json.loads(self.read("manifest.json"))
        self.entry = self.manifest[0]
        self.config_bytes = self.read(self.entry["Config"])
        self.config = json.loads(self.config_bytes)
        self.layer_bytes = [self.read(name) for name in self.entry["Layers"]]

    def read(self, name):
        return self.archive.extractfile(self.members[name]).read()

    def layer(self, index):
        return tarfile.open(fileobj=io.BytesIO(self.layer_bytes[index]))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def sort_key(name):
    return [os.fsencode(part) for part in name.rstrip("/").split("/")]


@pytest.fixture
def store(tmp_path):
    """A fake store with a few paths; returns (store_dir, {name: path})."""
    store_dir = tmp_path / "nix" / "store"
    store_dir.mkdir(parents=True)
    hello = store_dir / "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-hello-1.0"
    (hello / "bin").mkdir(parents=True)
    (hello / "bin" / "hello").write_bytes(b"#!/bin/sh\necho hello\n")
    (hello / "bin" / "hello").chmod(0o555)
    os.link(hello / "bin" / "hello", hello / "bin" / "hello-hardlink")
    (hello / "bin" / "hi").symlink_to("hello")
    (hello / "share" / "doc" / "hello").mkdir(parents=True)
    (hello / "share" / "doc" / "hello" / "README").write_text("read me\n")
    (hello / "share" / "empty-dir").mkdir()
    (hello / "share" / "empty-file").write_bytes(b"")
    (hello / "share" / "\u00e9t\u00e9-\u65e5\u672c").write_text("unicode\n")
    (hello / "share" / ("long-" * 30)).write_text("long name\n")
    (hello / "share" / "a-b").write_text("sorts after a/ by component\n")
    (hello / "share" / "a").mkdir()
    (hello / "share" / "a" / "z").write_text("z\n")
    (hello / "share" / "a.txt").write_text("dot\n")
    (hello / "share" / "rw").write_bytes(b"writable")
    (hello / "share" / "rw").chmod(0o644)
    lib = store_dir / "1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b-lib.so"
    lib.write_bytes(b"\x7fELF" + bytes(100))
    link = store_dir / "2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c-link"
    link.symlink_to(hello)
    big = store_dir / "3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d-big"
    big.mkdir()
    (big / "blob").write_bytes(os.urandom(3 * 1024 * 1024))
    return store_dir, {"hello": str(hello), "lib": str(lib),
                       "link": str(link), "big": str(big)}


def customisation(tmp_path, files=None):
    """A customisation layer built the way streamLayeredImage builds it."""
    root = tmp_path / "customisation"
    source = root / "src"
    source.mkdir(parents=True)
    files = {"etc/passwd": "root:x:0:0::/root:/bin/sh\n"} if files is None \
        else files
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text)
    out = root / "out"
    out.mkdir()
    subprocess.run(["tar", "-C", str(source), "--sort=name",
                    "--numeric-owner", "--mtime=@1", "--hard-dereference",
                    "-cf", str(out / "layer.tar"), "."], check=True)
    return out


def write_conf(tmp_path, store_dir, layers, name="conf.json", **overrides):
    conf = {
        "architecture": "amd64",
        "os": "linux",
        "config": {"Env": ["PATH=/bin"], "Cmd": ["/bin/hello"]},
        "store_dir": str(store_dir),
        "from_image": None,
        "store_layers": layers,
        "customisation_layer": str(customisation(tmp_path / (name + ".d"))),
        "repo_tag": "hello:latest",
        "created": CREATED,
    }
    conf.update(overrides)
    path = tmp_path / name
    path.write_text(json.dumps(conf))
    return path


def check_consistent(image):
    """manifest, config and layers agree with each other."""
    assert isinstance(image.manifest, list) and len(image.manifest) == 1
    assert image.entry["Config"] == sha256(image.config_bytes) + ".json"
    diff_ids = image.config["rootfs"]["diff_ids"]
    assert image.config["rootfs"]["type"] == "layers"
    assert diff_ids == ["sha256:" + sha256(b) for b in image.layer_bytes]
    assert image.entry["Layers"] == [d[7:] + "/layer.tar" for d in diff_ids]
    history = [h for h in image.config["history"]
               if not h.get("empty_layer")]
    assert len(history) == len(diff_ids)


# -- the image ----------------------------------------------------------------

def test_manifest_config_and_layers(tmp_path, store):
    store_dir, paths = store
    layers = [[paths["hello"]], [paths["lib"], paths["link"]], [paths["big"]]]
    conf = write_conf(tmp_path, store_dir, layers)
    image = Image(run(conf).stdout)
    check_consistent(image)
    assert image.entry["RepoTags"] == ["hello:latest"]
    assert len(image.layer_bytes) == 4
    config = image.config
    assert config["architecture"] == "amd64"
    assert config["os"] == "linux"
    assert config["created"] == "1970-01-01T00:00:01Z"
    assert config["config"] == {"Env": ["PATH=/bin"], "Cmd": ["/bin/hello"]}
    assert all(h["created"] == "1970-01-01T00:00:01Z"
               for h in config["history"])
    # The customisation layer is copied as it is.
    custom = json.loads(conf.read_text())["customisation_layer"]
    assert image.layer_bytes[-1] == Path(custom, "layer.tar").read_bytes()


def _expected_names(store_dir, roots):
    """Every name a layer with these store paths must hold."""
    names = set()
    for root in roots:
        names.add(root.lstrip("/"))
        if os.path.isdir(root) and not os.path.islink(root):
            for directory, dirs, files in os.walk(root):
                for name in dirs + files:
                    names.add(os.path.join(directory, name).lstrip("/"))
    return names


def test_store_layer_contents(tmp_path, store):
    store_dir, paths = store
    layers = [[paths["hello"]], [paths["link"], paths["lib"]]]
    image = Image(run(write_conf(tmp_path, store_dir, layers)).stdout)
    parts = str(store_dir).strip("/").split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    for index, roots in enumerate(layers):
        members = image.layer(index).getmembers()
        names = [m.name for m in members]
        # The store directory and its parents come first, read-only.
        assert names[:len(prefixes)] == prefixes
        for member in members[:len(prefixes)]:
            assert member.isdir()
            assert stat.S_IMODE(member.mode) == 0o555
        assert set(names[len(prefixes):]) == _expected_names(store_dir,
                                                             roots)
        assert len(names) == len(set(names))
        assert names == sorted(names, key=sort_key)
        for member in members:
            assert member.mtime == 1
            assert (member.uid, member.gid) == (0, 0)
            assert (member.uname, member.gname) == ("", "")
            assert not member.islnk(), "hard links must be plain files"
            assert not member.name.startswith("/")
            path = "/" + member.name
            if member.name in prefixes:
                continue
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                assert member.issym()
                assert member.linkname == os.readlink(path)
            elif stat.S_ISDIR(st.st_mode):
                assert member.isdir()
            else:
                assert member.isfile()
                assert member.size == st.st_size
            if not member.issym():
                assert stat.S_IMODE(member.mode) == stat.S_IMODE(st.st_mode)


def test_hard_links_are_stored_as_files(tmp_path, store):
    store_dir, paths = store
    image = Image(run(write_conf(tmp_path, store_dir,
                                 [[paths["hello"]]])).stdout)
    layer = image.layer(0)
    prefix = paths["hello"].lstrip("/") + "/bin/"
    original = layer.getmember(prefix + "hello")
    copy = layer.getmember(prefix + "hello-hardlink")
    assert copy.isfile() and original.isfile()
    assert layer.extractfile(copy).read() == b"#!/bin/sh\necho hello\n"
    assert stat.S_IMODE(copy.mode) == 0o555


def test_deterministic(tmp_path, store):
    store_dir, paths = store
    layers = [[paths["hello"], paths["lib"]], [paths["big"]]]
    conf = write_conf(tmp_path, store_dir, layers)
    first = run(conf).stdout
    second = run(conf).stdout
    assert first == second
    # A different path order in the configuration changes nothing either.
    reordered = json.loads(conf.read_text())
    reordered["store_layers"] = [[paths["lib"], paths["hello"]],
                                 [paths["big"]]]
    other = tmp_path / "reordered.json"
    other.write_text(json.dumps(reordered))
    assert run(other).stdout == first


@pytest.mark.parametrize("created, stamp, mtime", [
    ("1970-01-01T00:00:01+00:00", "1970-01-01T00:00:01Z", 1),
    ("1970-01-01T00:00:01Z", "1970-01-01T00:00:01Z", 1),
    ("2001-02-03T04:05:06+01:00", "2001-02-03T03:05:06Z", 981169506),
    ("2020-05-06T07:08:09", "2020-05-06T07:08:09Z", 1588748889),
    ("1969-12-31T23:59:00+00:00", "1969-12-31T23:59:00Z", -60),
])
def test_created(tmp_path, store, created, stamp, mtime):
    store_dir, paths = store
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]]], created=created)
    image = Image(run(conf).stdout)
    check_consistent(image)
    assert image.config["created"] == stamp
    assert {m.mtime for m in image.layer(0).getmembers()} == {mtime}
    assert {m.mtime for m in image.archive.getmembers()} == {mtime}


def test_created_now(tmp_path, store):
    store_dir, paths = store
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]]], created="now")
    before = int(time.time())
    image = Image(run(conf).stdout)
    after = int(time.time())
    mtimes = {m.mtime for m in image.layer(0).getmembers()}
    assert len(mtimes) == 1
    (mtime,) = mtimes
    assert before <= mtime <= after
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(mtime))
    assert image.config["created"] == stamp


def test_empty_store_layers(tmp_path, store):
    store_dir, _ = store
    image = Image(run(write_conf(tmp_path, store_dir, [])).stdout)
    check_consistent(image)
    assert len(image.layer_bytes) == 1


def test_identical_layers_are_written_once(tmp_path, store):
    store_dir, paths = store
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]], [paths["lib"]]])
    image = Image(run(conf).stdout)
    check_consistent(image)
    assert image.entry["Layers"][0] == image.entry["Layers"][1]
    layer_files = [n for n in image.members if n.endswith("/layer.tar")]
    assert len(layer_files) == 2  # one store layer, one customisation


def test_streams_without_holding_layers_in_memory(tmp_path):
    store_dir = tmp_path / "nix" / "store"
    blob = store_dir / "4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e-blob"
    blob.mkdir(parents=True)
    with open(blob / "data", "wb") as handle:
        for _ in range(96):
            handle.write(os.urandom(1024 * 1024))
    conf = write_conf(tmp_path, store_dir, [[str(blob)]])
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run([sys.executable, sys.argv[1], sys.argv[2]],"
        " stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(SCRIPT),
                             str(conf)], capture_output=True, text=True,
                            check=True)
    max_rss_kib = int(result.stdout)
    assert max_rss_kib < 64 * 1024, "%d KiB used for a 96 MiB layer" % (
        max_rss_kib)


# -- from_image ---------------------------------------------------------------

def _build_base(tmp_path, store_dir, paths, env):
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]], [paths["link"]]],
                      name="base.json", repo_tag="base:1",
                      config={"Env": env, "WorkingDir": "/base"},
                      created="2000-01-01T00:00:00Z")
    base = tmp_path / "base.tar"
    base.write_bytes(run(conf).stdout)
    return base


def test_from_image(tmp_path, store):
    store_dir, paths = store
    base = _build_base(tmp_path, store_dir, paths,
                       ["PATH=/base/bin", "A=base", "B=keep", "A=base2"])
    base_image = Image(base.read_bytes())
    conf = write_conf(tmp_path, store_dir, [[paths["hello"]]],
                      from_image=str(base),
                      config={"Env": ["A=child", "C=new", "PATH=/bin"]})
    image = Image(run(conf).stdout)
    check_consistent(image)
    base_ids = base_image.config["rootfs"]["diff_ids"]
    ids = image.config["rootfs"]["diff_ids"]
    assert len(ids) == len(base_ids) + 2
    assert ids[:len(base_ids)] == base_ids
    assert image.layer_bytes[:len(base_ids)] == base_image.layer_bytes
    # The child's value replaces the parent's, once, in the parent's place.
    assert image.config["config"]["Env"] == [
        "PATH=/bin", "A=child", "B=keep", "C=new"]
    assert "WorkingDir" not in image.config["config"]
    history = image.config["history"]
    assert history[:len(base_ids)] == base_image.config["history"]
    assert history[0]["created"] == "2000-01-01T00:00:00Z"


def test_from_compressed_image(tmp_path, store):
    store_dir, paths = store
    base = _build_base(tmp_path, store_dir, paths, ["X=1"])
    compressed = tmp_path / "base.tar.gz"
    compressed.write_bytes(gzip.compress(base.read_bytes(), mtime=0))
    layers = [[paths["hello"]]]
    plain = run(write_conf(tmp_path, store_dir, layers, name="plain.json",
                           from_image=str(base))).stdout
    from_gz = run(write_conf(tmp_path, store_dir, layers, name="gz.json",
                             from_image=str(compressed))).stdout
    assert Image(plain).config == Image(from_gz).config
    assert Image(from_gz).config["config"]["Env"] == ["X=1", "PATH=/bin"]


def _docker_save_style_base(tmp_path):
    """A base written like `docker save` of old: ./-prefixed names, a
    layer stored once and linked from a second directory, gzip layers."""
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as archive:
        info = tarfile.TarInfo("etc/os-release")
        data = b"ID=test\n"
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    layer_bytes = layer.getvalue()
    second = gzip.compress(layer_bytes + b"", mtime=0)
    diff_id = "sha256:" + sha256(layer_bytes)
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/usr/bin", "LANG=C"]},
        "rootfs": {"type": "layers",
                   "diff_ids": [diff_id, diff_id, diff_id]},
        "history": [{"created_by": "one"}, {"created_by": "noop",
                                            "empty_layer": True},
                    {"created_by": "two"}, {"created_by": "three"}],
    }).encode()
    manifest = json.dumps([{"Config": "cfg.json", "RepoTags": ["old:1"],
                            "Layers": ["aaa/layer.tar", "./bbb/layer.tar",
                                       "ccc/layer.tar"]}]).encode()
    path = tmp_path / "docker-save.tar"
    with tarfile.open(path, "w") as archive:
        for name, data in [("./manifest.json", manifest),
                           ("./cfg.json", config),
                           ("./aaa/layer.tar", layer_bytes),
                           ("./ccc/layer.tar", second)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("./bbb/layer.tar")
        link.type = tarfile.SYMTYPE
        link.linkname = "../aaa/layer.tar"
        archive.addfile(link)
    return path, layer_bytes


def test_from_docker_save_layout(tmp_path, store):
    store_dir, paths = store
    base, layer_bytes = _docker_save_style_base(tmp_path)
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]]],
                      from_image=str(base),
                      config={"Env": ["LANG=C.UTF-8"]})
    image = Image(run(conf).stdout)
    check_consistent(image)
    assert image.layer_bytes[:3] == [layer_bytes] * 3
    assert image.config["config"]["Env"] == ["PATH=/usr/bin", "LANG=C.UTF-8"]
    assert [h.get("created_by") for h in image.config["history"][:4]] == [
        "one", "noop", "two", "three"]


# -- errors -------------------------------------------------------------------

def _conf_variants(tmp_path, store):
    store_dir, paths = store
    good = json.loads(write_conf(tmp_path, store_dir,
                                 [[paths["lib"]]]).read_text())
    variants = {}
    for key in good:
        broken = dict(good)
        del broken[key]
        variants["missing " + key] = broken
    wrong = {
        "store_layers": "not a list", "created": 1, "config": [],
        "from_image": 3, "repo_tag": None, "store_dir": ["x"],
        "customisation_layer": None, "architecture": {}, "os": False,
    }
    for key, value in wrong.items():
        variants["wrong type " + key] = dict(good, **{key: value})
    variants["layer not a list"] = dict(good, store_layers=[paths["lib"]])
    variants["path not a string"] = dict(good, store_layers=[[1]])
    variants["bad created"] = dict(good, created="yesterday")
    variants["relative store dir"] = dict(good, store_dir="nix/store")
    variants["root store dir"] = dict(good, store_dir="/")
    variants["path outside the store"] = dict(good, store_layers=[["/etc"]])
    variants["path below a store path"] = dict(
        good, store_layers=[[paths["hello"] + "/bin"]])
    variants["missing store path"] = dict(
        good, store_layers=[[str(store_dir / "5f5f-missing")]])
    variants["missing customisation layer"] = dict(
        good, customisation_layer=str(tmp_path / "nowhere"))
    variants["missing base image"] = dict(
        good, from_image=str(tmp_path / "nowhere.tar"))
    variants["empty repo tag"] = dict(good, repo_tag="")
    variants["Env not strings"] = dict(good, config={"Env": [1]})
    variants["not an object"] = [good]
    return variants


def test_malformed_configuration(tmp_path, store):
    for name, conf in _conf_variants(tmp_path, store).items():
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(conf))
        result = run(path, check=False)
        assert result.returncode == 1, name
        assert result.stdout == b"", name
        assert result.stderr.decode().startswith(PREFIX), name
    for text in ["", "{", "null", "\xff"]:
        path = tmp_path / "broken.json"
        path.write_bytes(text.encode("latin-1"))
        assert "configuration" in fail(path)
    assert "cannot read configuration" in fail(tmp_path / "absent.json")


def test_usage(tmp_path):
    for args in ([], ["a", "b"]):
        result = subprocess.run([sys.executable, str(SCRIPT), *args],
                                capture_output=True, check=False)
        assert result.returncode == 1
        assert b"usage:" in result.stderr


def _unsafe_base(tmp_path, name, extra):
    """A valid one-layer base plus whatever `extra` adds or replaces."""
    layer = io.BytesIO()
    tarfile.open(fileobj=layer, mode="w").close()
    layer_bytes = layer.getvalue()
    files = {
        "manifest.json": json.dumps([{"Config": "c.json",
                                      "Layers": ["l/layer.tar"]}]).encode(),
        "c.json": json.dumps({"rootfs": {"type": "layers", "diff_ids": [
            "sha256:" + sha256(layer_bytes)]}}).encode(),
        "l/layer.tar": layer_bytes,
    }
    path = tmp_path / (name + ".tar")
    with tarfile.open(path, "w") as archive:
        for entry in extra:
            if isinstance(entry, tarfile.TarInfo):
                archive.addfile(entry, io.BytesIO(b"x" * entry.size))
            else:
                files.update(entry)
        for member, data in files.items():
            if data is None:
                continue
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


def _file(name, size=1):
    info = tarfile.TarInfo(name)
    info.size = size
    return info


UNSAFE = {
    "dot-dot entry": ([_file("../evil")], "'..'"),
    "nested dot-dot entry": ([_file("l/../../evil")], "'..'"),
    "absolute entry": ([_file("/etc/evil")], "absolute"),
    "symlink escaping": ([_link("l/escape", "../../etc/passwd")],
                         "outside"),
    "absolute symlink": ([_link("l/abs", "/etc/passwd")], "absolute"),
    "hard link escaping": ([_link("l/hard", "../x", tarfile.LNKTYPE)],
                           "'..'"),
    "absolute hard link": ([_link("l/hard", "/etc/passwd", tarfile.LNKTYPE)],
                           "absolute"),
    "layer path with dot-dot": ([{"manifest.json": json.dumps(
        [{"Config": "c.json", "Layers": ["../l/layer.tar"]}]).encode()}],
        "'..'"),
    "absolute layer path": ([{"manifest.json": json.dumps(
        [{"Config": "c.json", "Layers": ["/l/layer.tar"]}]).encode()}],
        "absolute"),
    "device entry": ([_link("dev", "", tarfile.CHRTYPE)], "unexpected"),
    "missing manifest": ([{"manifest.json": None}], "manifest.json"),
    "bad manifest": ([{"manifest.json": b"{}"}], "manifest.json"),
    "missing layer": ([{"l/layer.tar": None}], "missing"),
    "diff_id mismatch": ([{"l/layer.tar": b"\0" * 2048}], "diff_id"),
    "diff_id count": ([{"c.json": b'{"rootfs": {"diff_ids": []}}'}],
                      "diff_ids"),
    "bad config json": ([{"c.json": b"{"}], "JSON"),
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_unsafe_or_broken_base_image(tmp_path, store, case):
    extra, expected = UNSAFE[case]
    store_dir, paths = store
    base = _unsafe_base(tmp_path, "base", extra)
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]]],
                      from_image=str(base))
    message = fail(conf)
    assert expected in message, message


def test_base_image_not_a_tarball(tmp_path, store):
    store_dir, paths = store
    bogus = tmp_path / "bogus.tar"
    bogus.write_bytes(b"this is not a tar file" * 50)
    conf = write_conf(tmp_path, store_dir, [[paths["lib"]]],
                      from_image=str(bogus))
    assert "base image" in fail(conf)


def test_output_closed_early(tmp_path, store):
    store_dir, paths = store
    conf = write_conf(tmp_path, store_dir, [[paths["big"]]])
    process = subprocess.Popen([sys.executable, str(SCRIPT), str(conf)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(1000)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 1
    assert b"Traceback" not in stderr
    assert stderr.startswith(PREFIX.encode())


# -- other tools read the result ----------------------------------------------

def test_skopeo_accepts_the_archive(tmp_path, store):
    skopeo = shutil.which("skopeo")
    if skopeo is None:
        pytest.skip("skopeo is not installed")
    store_dir, paths = store
    base = _build_base(tmp_path, store_dir, paths, ["A=1"])
    conf = write_conf(tmp_path, store_dir,
                      [[paths["hello"]], [paths["big"]]],
                      from_image=str(base))
    archive = tmp_path / "image.tar"
    archive.write_bytes(run(conf).stdout)
    image = Image(archive.read_bytes())
    result = subprocess.run(
        [skopeo, "--insecure-policy", "inspect", "docker-archive:%s"
         % archive], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    inspected = json.loads(result.stdout)
    assert inspected["Layers"] == image.config["rootfs"]["diff_ids"]
    assert inspected["Env"] == ["A=1", "PATH=/bin"]
    assert inspected["Architecture"] == "amd64"
    # Copying checks every layer against its digest.
    result = subprocess.run(
        [skopeo, "--insecure-policy", "copy", "--quiet",
         "docker-archive:%s" % archive, "oci:%s:latest" % (tmp_path / "oci")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_base_history_that_does_not_match_its_layers(tmp_path, store):
    """A base whose history does not describe its layers one for one gets
    an entry per layer instead, so that history and layers stay matched."""
    store_dir, paths = store
    base = _build_base(tmp_path, store_dir, paths, ["A=base"])
    edited = tmp_path / "edited-base.tar"
    with tarfile.open(base) as src, tarfile.open(edited, "w") as dst:
        manifest = json.load(src.extractfile("manifest.json"))
        for info in src.getmembers():
            data = src.extractfile(info).read() if info.isfile() else None
            if info.name == manifest[0]["Config"]:
                config = json.loads(data)
                config["history"] = []
                data = json.dumps(config).encode()
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data) if data is not None else None)
    conf = write_conf(tmp_path, store_dir, [[paths["hello"]]], from_image=str(edited))
    image = Image(run(conf).stdout)
    check_consistent(image)
    assert len(image.config["history"]) == len(image.config["rootfs"]["diff_ids"])
