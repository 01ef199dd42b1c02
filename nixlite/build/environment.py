"""The environment a builder runs in, exactly as Nix 2.8 sets it up.

Nix starts from an empty environment: a few fixed variables, the build
directory under several names, then every attribute of the derivation.
Attributes listed in `passAsFile` are written to files in the build
directory instead, and `<name>Path` names the file. `exportReferencesGraph`
writes the closure of the paths it names to files. With structured
attributes the attributes go to `.attrs.json` and `.attrs.sh` instead.
"""

import hashlib
import json

from nixlite.hashing import base32

FIXED = {
    "PATH": "/path-not-set",
    "HOME": "/homeless-shelter",
    "NIX_LOG_FD": "2",
    "TERM": "xterm-256color",
}
BUILD_DIR_NAMES = ("NIX_BUILD_TOP", "TMPDIR", "TEMPDIR", "TMP", "TEMP", "PWD")


def is_fixed_output(drv):
    """Whether the derivation's outputs are fixed by their hash (which
    earns it the network and its impureEnvVars)."""
    return bool(drv.outputs) and all(out.hash for out in drv.outputs.values())


def builder_environment(drv, build_dir, cores, store):
    """(environment, {file name in the build dir: contents}) for a build."""
    env = dict(FIXED)
    env["NIX_STORE"] = store.store_dir
    env["NIX_BUILD_CORES"] = str(cores)
    for name in BUILD_DIR_NAMES:
        env[name] = build_dir
    files = {}
    if "__json" in drv.env:
        attrs = json.loads(drv.env["__json"])
        attrs["outputs"] = {name: out.path for name, out in sorted(drv.outputs.items())}
        for name, paths in (attrs.get("exportReferencesGraph") or {}).items():
            roots = paths if isinstance(paths, list) else [paths]
            attrs[name] = [_path_info(store, p) for p in sorted(store.closure(roots))]
        files[".attrs.json"] = json.dumps(attrs, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        files[".attrs.sh"] = structured_attrs_shell(attrs)
        env["NIX_ATTRS_JSON_FILE"] = f"{build_dir}/.attrs.json"
        env["NIX_ATTRS_SH_FILE"] = f"{build_dir}/.attrs.sh"
        return env, files
    pass_as_file = set(drv.env.get("passAsFile", "").split())
    for key, value in drv.env.items():
        if key in pass_as_file:
            file_name = ".attr-" + base32(hashlib.sha256(key.encode("latin-1")).digest())
            files[file_name] = value
            env[key + "Path"] = f"{build_dir}/{file_name}"
        else:
            env[key] = value
    graph = drv.env.get("exportReferencesGraph", "").split()
    for name, root in zip(graph[0::2], graph[1::2]):
        files[name] = "".join(_registration(store, p) for p in sorted(store.closure([root])))
    return env, files


def _registration(store, path):
    """One path in the format Nix writes for exportReferencesGraph."""
    refs = store.query(path).references
    return f"{path}\n\n{len(refs)}\n" + "".join(r + "\n" for r in refs)


def _path_info(store, path):
    from nixlite.store.store import nix_hash_text
    info = store.query(path)
    closure = store.closure([path])
    return {
        "closureSize": sum(store.query(p).nar_size for p in closure),
        "narHash": nix_hash_text(info.nar_hash),
        "narSize": info.nar_size,
        "path": path,
        "references": info.references,
    }


def _shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def _simple(value):
    """A JSON value as a shell word, if Nix writes it to .attrs.sh."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, str):
        return _shell_quote(value)
    if isinstance(value, (int, float)) and float(value).is_integer():
        return str(int(value))
    if value is None:
        return "''"
    return None


def structured_attrs_shell(attrs):
    """.attrs.sh: the attributes bash can hold, as `declare` lines."""
    lines = []
    for key, value in sorted(attrs.items()):
        if isinstance(value, list):
            words = [_simple(v) for v in value]
            if all(w is not None for w in words):
                lines.append(f"declare -a {key}=(" + "".join(w + " " for w in words) + ")")
        elif isinstance(value, dict):
            words = {k: _simple(v) for k, v in value.items()}
            if all(w is not None for w in words.values()):
                lines.append(f"declare -A {key}=(" + "".join(
                    f"[{_shell_quote(k)}]={w} " for k, w in sorted(words.items())) + ")")
        else:
            word = _simple(value)
            if word is not None:
                lines.append(f"declare {key}={word}")
    return "".join(line + "\n" for line in lines)
