#!@shell@
# lndir [-silent] FROM [TO]: makes TO (default: the current directory) a tree
# of directories mirroring FROM whose files are symbolic links to FROM's files.
# Symbolic links in FROM are copied as they are; files that already exist in
# TO are left alone (with a warning unless -silent).
set -eu
silent=
if [ "${1:-}" = -silent ]; then silent=1; shift; fi
if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: lndir [-silent] FROM [TO]" >&2
    exit 1
fi
from="$(cd "$1" && pwd)"
to="${2:-.}"
if [ ! -d "$to" ]; then
    echo "lndir: $to is not a directory" >&2
    exit 1
fi
cd "$from"
find . -mindepth 1 -printf '%y %P\0' | while IFS= read -r -d '' entry; do
    kind="${entry%% *}"
    rel="${entry#* }"
    dst="$to/$rel"
    case "$kind" in
        d)
            if [ -L "$dst" ] || { [ -e "$dst" ] && [ ! -d "$dst" ]; }; then
                [ -n "$silent" ] || echo "lndir: $dst exists and is not a directory" >&2
            else
                mkdir -p "$dst"
            fi ;;
        l)
            if [ -e "$dst" ] || [ -L "$dst" ]; then
                [ -n "$silent" ] || echo "lndir: $dst exists" >&2
            else
                ln -s "$(readlink "$rel")" "$dst"
            fi ;;
        *)
            if [ -e "$dst" ] || [ -L "$dst" ]; then
                [ -n "$silent" ] || echo "lndir: $dst exists" >&2
            else
                ln -s "$from/$rel" "$dst"
            fi ;;
    esac
done
