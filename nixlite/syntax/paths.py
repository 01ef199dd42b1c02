"""Path text as Nix normalises it."""


def canon_path(path):
    """Nix's canonPath: absolute, no `.`/`..` components, no double slashes."""
    parts = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/" + "/".join(parts)
