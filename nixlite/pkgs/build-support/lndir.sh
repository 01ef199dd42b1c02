#!@shell@
# lndir [-silent] FROM [TO]: makes TO (default: the current directory) a tree
# of directories mirroring FROM whose files are symbolic links to FROM's files.
# A symbolic link in FROM to a directory is followed like a directory; other
# links are copied as they are. Files that already exist in TO are left
# alone, and so is everything below a directory of FROM whose place in TO is
# taken by something that is not a directory (with a warning unless -silent).
set -eu
silent=
if [ "${1:-}" = -silent ]; then silent=1; shift; fi
if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: lndir [-silent] FROM [TO]" >&2
    exit 1
fi
if [ ! -d "${2:-.}" ]; then
    echo "lndir: ${2:-.} is not a directory" >&2
    exit 1
fi
to="$(cd "${2:-.}" && pwd)"

warn() {
    [ -n "$silent" ] || echo "lndir: $*" >&2
}

# mirror FROM TO: FROM and TO absolute.
mirror() {
    local from="$1" to="$2" entry kind rel dst prefix
    local pruned=()
    while IFS= read -r -d '' entry; do
        kind="${entry%% *}"
        rel="${entry#* }"
        for prefix in ${pruned[@]+"${pruned[@]}"}; do
            case "$rel" in "$prefix"/*) continue 2 ;; esac
        done
        dst="$to/$rel"
        if [ "$kind" = l ] && [ -d "$from/$rel" ]; then
            kind=linked-dir
        fi
        case "$kind" in
            d | linked-dir)
                if [ -L "$dst" ] || { [ -e "$dst" ] && [ ! -d "$dst" ]; }; then
                    warn "$dst exists and is not a directory"
                    pruned+=("$rel")
                    continue
                fi
                mkdir -p "$dst"
                if [ "$kind" = linked-dir ]; then
                    mirror "$(cd "$from/$rel" && pwd -P)" "$dst"
                fi ;;
            l)
                if [ -e "$dst" ] || [ -L "$dst" ]; then
                    warn "$dst exists"
                else
                    ln -s "$(readlink "$from/$rel")" "$dst"
                fi ;;
            *)
                if [ -e "$dst" ] || [ -L "$dst" ]; then
                    warn "$dst exists"
                else
                    ln -s "$from/$rel" "$dst"
                fi ;;
        esac
    done < <(cd "$from" && find . -mindepth 1 -printf '%y %P\0')
}

mirror "$(cd "$1" && pwd)" "$to"
