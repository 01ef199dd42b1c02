"""Stream a layered Docker image to standard output.

Usage: stream_layered_image.py CONF.json > image.tar

CONF.json is the file that dockerTools.streamLayeredImage writes:

    architecture, os, config   the image's platform and runtime config
    store_dir                  the Nix store directory, e.g. "/nix/store"
    from_image                 a docker-archive tarball to build on, or null
    store_layers               a list of layers, each a list of store paths
    customisation_layer        a directory holding a ready-made layer.tar
    repo_tag                   "name:tag"
    created                    an ISO 8601 time, or "now"

The output is a docker-archive (the "docker save" layout) that docker load,
podman load and skopeo read:

    <sha256 of layer>/layer.tar   one per distinct layer, uncompressed
    <sha256 of config>.json       the image config
    manifest.json                 [{"Config", "RepoTags", "Layers"}]

Layers come in image order: the base image's, one per entry of
store_layers, then the customisation layer.  Each store layer holds the
store directory's components ("nix", "nix/store", mode 0555) and then every
path of the layer with all its contents, sorted by name, owned by 0:0 with
empty owner names, every mtime set to `created`; hard links are stored as
separate regular files.  The same configuration gives the same bytes.

Layers are never held in memory: each one is generated (or read) twice,
first to learn its size and digest, then to write it out; a layer that
changes in between is reported as an error.

Errors (a malformed configuration, a missing path, an unsafe base image)
are reported on standard error with exit status 1.
"""

import bz2
import datetime
import gzip
import hashlib
import json
import lzma
import os
import posixpath
import re
import stat
import sys
import tarfile
import zlib

BLOCK = 512
RECORD = 10240
CHUNK = 1 << 20
ENCODING = "utf-8"
ERRORS = "surrogateescape"
DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")
PROGRAM = "stream_layered_image"


class ImageError(Exception):
    """A problem to report to the user (no traceback)."""


# -- configuration ------------------------------------------------------------

_STRING = (str,)
_CONF_KEYS = {
    "architecture": _STRING,
    "os": _STRING,
    "config": (dict,),
    "store_dir": _STRING,
    "from_image": (str, type(None)),
    "store_layers": (list,),
    "customisation_layer": _STRING,
    "repo_tag": _STRING,
    "created": _STRING,
}
_TYPE_NAMES = {str: "a string", dict: "an object", list: "a list",
               type(None): "null"}


def load_conf(path):
    """Read and check the configuration file; return it as a dict."""
    try:
        with open(path, "rb") as handle:
            text = handle.read()
    except OSError as error:
        raise ImageError("cannot read configuration %s: %s"
                         % (path, error.strerror or error)) from None
    try:
        conf = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImageError("configuration %s is not valid JSON: %s"
                         % (path, error)) from None
    if not isinstance(conf, dict):
        raise ImageError("configuration %s must be a JSON object" % path)
    for key, types in _CONF_KEYS.items():
        if key not in conf:
            raise ImageError("configuration %s has no %r key" % (path, key))
        if not isinstance(conf[key], types):
            wanted = " or ".join(_TYPE_NAMES[t] for t in types)
            raise ImageError("configuration key %r must be %s, not %s"
                             % (key, wanted, _json_type(conf[key])))
    for index, layer in enumerate(conf["store_layers"]):
        if not isinstance(layer, list):
            raise ImageError("store_layers[%d] must be a list of store "
                             "paths, not %s" % (index, _json_type(layer)))
        for item in layer:
            if not isinstance(item, str):
                raise ImageError("store_layers[%d] holds %s, not a store "
                                 "path string" % (index, _json_type(item)))
    env = conf["config"].get("Env")
    if env is not None and not _is_string_list(env):
        raise ImageError("config.Env must be a list of strings")
    check_store_dir(conf["store_dir"])
    if not conf["repo_tag"]:
        raise ImageError("repo_tag must not be empty")
    return conf


def _json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _is_string_list(value):
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def check_store_dir(store_dir):
    if (not store_dir.startswith("/") or store_dir == "/"
            or posixpath.normpath(store_dir) != store_dir
            or store_dir.startswith("//")):
        raise ImageError("store_dir must be a normalised absolute directory "
                         "other than /, not %r" % store_dir)


def parse_created(text):
    """(RFC 3339 string in UTC, integer Unix time) for `created`."""
    if text == "now":
        moment = datetime.datetime.now(datetime.timezone.utc)
        moment = moment.replace(microsecond=0)
    else:
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise ImageError("created must be \"now\" or an ISO 8601 date "
                             "and time, not %r" % text) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.timezone.utc)
        try:
            moment = moment.astimezone(datetime.timezone.utc)
        except (OverflowError, ValueError):
            raise ImageError("created is out of range: %r" % text) from None
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    delta = moment - epoch
    seconds = delta.days * 86400 + delta.seconds  # rounded down
    stamp = "%04d-%02d-%02dT%02d:%02d:%02d" % (
        moment.year, moment.month, moment.day,
        moment.hour, moment.minute, moment.second)
    if moment.microsecond:
        stamp += (".%06d" % moment.microsecond).rstrip("0")
    return stamp + "Z", seconds


# -- byte sinks ---------------------------------------------------------------

class _Measure:
    """Counts and hashes what is written to it."""

    def __init__(self):
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.hash.update(data)
        self.size += len(data)
        return len(data)

    def digest(self):
        return self.hash.hexdigest()


class _Bounded(_Measure):
    """Passes at most `limit` bytes on to `out`, counting and hashing."""

    def __init__(self, out, limit, what):
        super().__init__()
        self.out = out
        self.limit = limit
        self.what = what

    def write(self, data):
        if self.size + len(data) > self.limit:
            raise ImageError("%s changed while the image was written "
                             "(it grew)" % self.what)
        self.out.write(data)
        return super().write(data)


# -- layers -------------------------------------------------------------------

class StoreLayer:
    """A layer holding store paths, generated from the file system."""

    def __init__(self, store_dir, paths, mtime):
        self.store_dir = store_dir
        self.paths = sorted(set(paths), key=os.fsencode)
        self.mtime = mtime
        for path in self.paths:
            if (posixpath.normpath(path) != path
                    or posixpath.dirname(path) != store_dir
                    or posixpath.basename(path) in ("", ".", "..")):
                raise ImageError("%r is not a path directly inside the "
                                 "store directory %s" % (path, store_dir))
            if not os.path.lexists(path):
                raise ImageError("store path %s does not exist" % path)
        self.description = "store layer (%s)" % ", ".join(self.paths)
        if len(self.description) > 200:
            self.description = "store layer (%s, ... %d paths)" % (
                self.paths[0], len(self.paths))

    def history(self, created):
        return {"created": created,
                "comment": "store paths: " + " ".join(self.paths)}

    def _info(self, name, kind, mode):
        info = tarfile.TarInfo(name)
        info.type = kind
        info.mode = mode
        info.mtime = self.mtime
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    def write_to(self, sink):
        with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT,
                          encoding=ENCODING, errors=ERRORS) as archive:
            prefix = ""
            for part in self.store_dir.strip("/").split("/"):
                prefix = prefix + "/" + part if prefix else part
                archive.addfile(self._info(prefix, tarfile.DIRTYPE, 0o555))
            for path in self.paths:
                for full in _walk(path):
                    self._add(archive, full)

    def _add(self, archive, path):
        try:
            st = os.lstat(path)
        except OSError as error:
            raise ImageError("cannot read %s: %s"
                             % (path, error.strerror or error)) from None
        name = path.lstrip("/")
        mode = stat.S_IMODE(st.st_mode)
        if stat.S_ISDIR(st.st_mode):
            archive.addfile(self._info(name, tarfile.DIRTYPE, mode))
        elif stat.S_ISLNK(st.st_mode):
            info = self._info(name, tarfile.SYMTYPE, mode)
            info.linkname = _readlink(path)
            archive.addfile(info)
        elif stat.S_ISREG(st.st_mode):
            # Hard links become regular files: the layer never refers to
            # another entry.
            info = self._info(name, tarfile.REGTYPE, mode)
            info.size = st.st_size
            try:
                with open(path, "rb") as handle:
                    archive.addfile(info, handle)
            except OSError as error:
                raise ImageError("cannot read %s: %s"
                                 % (path, error.strerror or error)) from None
        else:
            raise ImageError("%s is not a regular file, directory or "
                             "symbolic link" % path)


def _readlink(path):
    try:
        return os.readlink(path)
    except OSError as error:
        raise ImageError("cannot read symbolic link %s: %s"
                         % (path, error.strerror or error)) from None


def _walk(top):
    """top and everything below it, depth first, children sorted by name;
    symbolic links are not followed."""
    yield top
    if os.path.islink(top) or not os.path.isdir(top):
        return
    stack = [iter(_children(top))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        yield child
        if not os.path.islink(child) and os.path.isdir(child):
            stack.append(iter(_children(child)))


def _children(directory):
    try:
        names = os.listdir(directory)
    except OSError as error:
        raise ImageError("cannot list %s: %s"
                         % (directory, error.strerror or error)) from None
    names.sort(key=os.fsencode)
    return [os.path.join(directory, name) for name in names]


class FileLayer:
    """A ready-made layer tarball, copied as it is."""

    def __init__(self, path, description):
        if not os.path.isfile(path):
            raise ImageError("%s does not exist or is not a file" % path)
        self.path = path
        self.description = description

    def history(self, created):
        return {"created": created, "comment": self.description}

    def write_to(self, sink):
        try:
            with open(self.path, "rb") as handle:
                _copy(handle, sink)
        except OSError as error:
            raise ImageError("cannot read %s: %s"
                             % (self.path, error.strerror or error)) from None


def _copy(source, sink):
    while True:
        data = source.read(CHUNK)
        if not data:
            return
        sink.write(data)


# -- the base image -----------------------------------------------------------

def _safe_name(name, what):
    """An archive member name made relative ("./" removed); rejects
    absolute names and names with "..", which a docker-archive never has."""
    if name.startswith("/"):
        raise ImageError("%s: unsafe absolute entry name %r" % (what, name))
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in name.split("/"):
        raise ImageError("%s: unsafe entry name %r (contains '..')"
                         % (what, name))
    return "/".join(parts)


class BaseImage:
    """A docker-archive tarball used as `from_image`."""

    MAX_LINKS = 40

    def __init__(self, path):
        self.path = path
        what = "base image %s" % path
        self.what = what
        try:
            self.archive = tarfile.open(path, "r:*", encoding=ENCODING,
                                        errors=ERRORS)
            members = self.archive.getmembers()
        except tarfile.ReadError:
            raise ImageError("%s is not a tar archive (plain, gzip, bzip2 "
                             "or xz)" % what) from None
        except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
            raise ImageError("cannot read %s: %s" % (what, error)) from None
        self.members = {}
        for member in members:
            name = _safe_name(member.name, what)
            if member.issym() or member.islnk():
                target = member.linkname
                kind = "symbolic link" if member.issym() else "hard link"
                if target.startswith("/"):
                    raise ImageError("%s: %s %r points to an absolute path %r"
                                     % (what, kind, member.name, target))
                if member.islnk():
                    _safe_name(target, what)
                else:
                    joined = posixpath.normpath(
                        posixpath.join(posixpath.dirname(name), target))
                    if joined == ".." or joined.startswith("../"):
                        raise ImageError("%s: symbolic link %r points outside "
                                         "the archive (%r)"
                                         % (what, member.name, target))
            elif not (member.isfile() or member.isdir()):
                raise ImageError("%s: unexpected entry %r (not a file, "
                                 "directory or link)" % (what, member.name))
            if name:
                self.members[name] = member
        manifest = self._json("manifest.json")
        if (not isinstance(manifest, list) or not manifest
                or not isinstance(manifest[0], dict)):
            raise ImageError("%s: manifest.json must be a non-empty list of "
                             "objects" % what)
        entry = manifest[0]
        config_name = entry.get("Config")
        layers = entry.get("Layers")
        if not isinstance(config_name, str) or not _is_string_list(layers):
            raise ImageError("%s: manifest.json needs a Config string and a "
                             "Layers list" % what)
        config = self._json(config_name)
        if not isinstance(config, dict):
            raise ImageError("%s: image config %s is not a JSON object"
                             % (what, config_name))
        rootfs = config.get("rootfs")
        diff_ids = rootfs.get("diff_ids") if isinstance(rootfs, dict) else None
        if not _is_string_list(diff_ids) or len(diff_ids) != len(layers):
            raise ImageError("%s: config rootfs.diff_ids must list one "
                             "digest per layer" % what)
        for diff_id in diff_ids:
            if not DIGEST_RE.fullmatch(diff_id):
                raise ImageError("%s: unsupported diff_id %r"
                                 % (what, diff_id))
        history = config.get("history")
        if history is not None and not (
                isinstance(history, list)
                and all(isinstance(h, dict) for h in history)):
            raise ImageError("%s: config history must be a list of objects"
                             % what)
        inner = config.get("config")
        env = inner.get("Env") if isinstance(inner, dict) else None
        if env is not None and not _is_string_list(env):
            raise ImageError("%s: config Env must be a list of strings"
                             % what)
        self.env = env or []
        self.history = history
        self.created = config.get("created")
        self.layers = [
            BaseLayer(self, self._resolve(name), diff_id, index)
            for index, (name, diff_id) in enumerate(zip(layers, diff_ids))
        ]

    def _resolve(self, name):
        """The regular-file member that name refers to, following links."""
        current = _safe_name(name, self.what)
        for _ in range(self.MAX_LINKS):
            member = self.members.get(current)
            if member is None:
                raise ImageError("%s: %s is missing" % (self.what, name))
            if member.isfile():
                return member
            if member.issym():
                current = posixpath.normpath(posixpath.join(
                    posixpath.dirname(current), member.linkname))
            elif member.islnk():
                current = _safe_name(member.linkname, self.what)
            else:
                raise ImageError("%s: %s is not a file" % (self.what, name))
        raise ImageError("%s: too many links resolving %s" % (self.what, name))

    def _json(self, name):
        member = self._resolve(name)
        try:
            handle = self.archive.extractfile(member)
            return json.loads(handle.read())
        except (ValueError, UnicodeDecodeError) as error:
            raise ImageError("%s: %s is not valid JSON: %s"
                             % (self.what, name, error)) from None
        except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
            raise ImageError("cannot read %s: %s"
                             % (self.what, error)) from None


class BaseLayer:
    """A layer of the base image, decompressed if it was compressed."""

    def __init__(self, base, member, diff_id, index):
        self.base = base
        self.member = member
        self.diff_id = diff_id
        self.description = "layer %d of %s" % (index + 1, base.what)

    def history(self, created):
        return None  # carried over with the base image's own history

    def write_to(self, sink):
        try:
            raw = self.base.archive.extractfile(self.member)
            head = raw.read(6)
            raw.seek(0)
            if head.startswith(b"\x1f\x8b"):
                source = gzip.GzipFile(fileobj=raw, mode="rb")
            elif head.startswith(b"BZh"):
                source = bz2.BZ2File(raw)
            elif head.startswith(b"\xfd7zXZ\x00"):
                source = lzma.LZMAFile(raw)
            elif head.startswith(b"\x28\xb5\x2f\xfd"):
                raise ImageError("%s is zstd-compressed, which is not "
                                 "supported" % self.description)
            else:
                source = raw
            _copy(source, sink)
        except (OSError, EOFError, lzma.LZMAError, tarfile.TarError,
                zlib.error) as error:
            raise ImageError("cannot read %s: %s"
                             % (self.description, error)) from None


# -- the image ----------------------------------------------------------------

def merge_env(base_env, env):
    """Base image variables followed by the image's own; a later value of
    a name replaces the earlier one in its place."""
    merged = {}
    for item in list(base_env) + list(env):
        merged[item.split("=", 1)[0]] = item
    return list(merged.values())


def _member_header(name, size, mtime, kind=tarfile.REGTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = size if kind == tarfile.REGTYPE else 0
    info.mode = 0o644 if kind == tarfile.REGTYPE else 0o755
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info.tobuf(tarfile.PAX_FORMAT, ENCODING, ERRORS)


def _dump(value):
    return json.dumps(value, sort_keys=True, indent=2,
                      ensure_ascii=False).encode("utf-8") + b"\n"


class Image:
    def __init__(self, conf):
        self.created, self.mtime = parse_created(conf["created"])
        store_dir = conf["store_dir"]
        self.base = (BaseImage(conf["from_image"])
                     if conf["from_image"] is not None else None)
        self.layers = list(self.base.layers) if self.base else []
        for paths in conf["store_layers"]:
            self.layers.append(StoreLayer(store_dir, paths, self.mtime))
        self.layers.append(FileLayer(
            os.path.join(conf["customisation_layer"], "layer.tar"),
            "customisation layer"))
        self.conf = conf

    def measure(self):
        """First pass: (hex digest, size) of every layer."""
        results = []
        for layer in self.layers:
            sink = _Measure()
            layer.write_to(sink)
            digest = sink.digest()
            if isinstance(layer, BaseLayer) and \
                    "sha256:" + digest != layer.diff_id:
                raise ImageError("%s does not match its diff_id %s"
                                 % (layer.description, layer.diff_id))
            results.append((digest, sink.size))
        return results

    def config_json(self, measured):
        base = self.base
        config = dict(self.conf["config"])
        env = merge_env(base.env if base else [], config.get("Env") or [])
        if env:
            config["Env"] = env
        history = []
        if base is not None:
            # The base's history is kept only where it describes its layers
            # one for one (entries marked empty_layer aside); otherwise each
            # layer gets an entry, so that history and layers stay matched.
            if base.history is not None and sum(
                    1 for h in base.history
                    if not (isinstance(h, dict) and h.get("empty_layer"))) == len(base.layers):
                history.extend(base.history)
            else:
                created = base.created if isinstance(base.created, str) \
                    else self.created
                history.extend({"created": created,
                                "comment": "base image layer"}
                               for _ in base.layers)
        for layer in self.layers:
            entry = layer.history(self.created)
            if entry is not None:
                history.append(entry)
        return _dump({
            "architecture": self.conf["architecture"],
            "os": self.conf["os"],
            "created": self.created,
            "config": config,
            "rootfs": {"type": "layers",
                       "diff_ids": ["sha256:" + d for d, _ in measured]},
            "history": history,
        })

    def stream(self, out):
        measured = self.measure()
        config = self.config_json(measured)
        config_name = hashlib.sha256(config).hexdigest() + ".json"
        manifest = _dump([{
            "Config": config_name,
            "RepoTags": [self.conf["repo_tag"]],
            "Layers": [d + "/layer.tar" for d, _ in measured],
        }])
        offset = 0

        def emit(data):
            nonlocal offset
            out.write(data)
            offset += len(data)

        written = set()
        for layer, (digest, size) in zip(self.layers, measured):
            if digest in written:
                continue
            written.add(digest)
            emit(_member_header(digest, 0, self.mtime, tarfile.DIRTYPE))
            emit(_member_header(digest + "/layer.tar", size, self.mtime))
            sink = _Bounded(out, size, layer.description)
            layer.write_to(sink)
            if sink.size != size or sink.digest() != digest:
                raise ImageError("%s changed while the image was written"
                                 % layer.description)
            offset += size
            emit(bytes(-size % BLOCK))
        for name, data in ((config_name, config), ("manifest.json", manifest)):
            emit(_member_header(name, len(data), self.mtime))
            emit(data)
            emit(bytes(-len(data) % BLOCK))
        emit(bytes(2 * BLOCK))
        emit(bytes(-offset % RECORD))


def main(argv=None):
    argv = sys.argv if argv is None else argv
    if len(argv) != 2:
        sys.stderr.write("usage: %s CONF.json > image.tar\n" % PROGRAM)
        return 1
    out = sys.stdout.buffer
    try:
        image = Image(load_conf(argv[1]))
        image.stream(out)
        out.flush()
        return 0
    except ImageError as error:
        message = str(error)
    except BrokenPipeError:
        message = "the output was closed before the image was complete"
    except KeyboardInterrupt:
        _silence_stdout()
        sys.stderr.write("%s: interrupted\n" % PROGRAM)
        return 130
    except OSError as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001 - never show a traceback
        message = "internal error: %s: %s" % (type(error).__name__, error)
    # Whatever was buffered is part of an incomplete image: drop it rather
    # than have the interpreter complain while flushing it at exit.
    _silence_stdout()
    sys.stderr.write("%s: error: %s\n" % (PROGRAM, message))
    return 1


def _silence_stdout():
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
