# The builder of buildEnv (see build-env.nix), sourced from its buildCommand.

out_root="$out$extraPrefix"
mkdir -p "$out_root"

# The priority (meta.priority, lower wins; 5 by default) of the package
# each link made so far comes from, and of the package being linked now.
declare -A linkPriority=()
priority=5

collision() {
    local dst="$1" old="$2" new="$3" src="$4"
    if [ "$old" = "$new" ]; then return 0; fi
    local oldPriority="${linkPriority["$dst"]:-5}"
    if [ "$priority" -lt "$oldPriority" ]; then
        rm -rf "$dst"
        ln -s "$src" "$dst"
        linkPriority["$dst"]=$priority
        return 0
    elif [ "$priority" -gt "$oldPriority" ]; then
        return 0
    fi
    if [ -n "$checkCollisionContents" ] && [ -f "$old" ] && [ -f "$new" ] && cmp -s "$old" "$new"; then
        return 0
    fi
    if [ -n "$ignoreCollisions" ]; then
        echo "warning: collision between '$old' and '$new'; keeping '$old'" >&2
        return 0
    fi
    echo "error: collision between '$old' and '$new'" >&2
    exit 1
}

# Replaces the link DST to a directory by a real directory of links to
# that directory's entries.
unsymlink() {
    local dst="$1" target entry
    target="$(readlink "$dst")"
    rm "$dst"
    mkdir "$dst"
    for entry in "$target"/* "$target"/.[!.]* "$target"/..?*; do
        [ -e "$entry" ] || [ -L "$entry" ] || continue
        ln -s "$entry" "$dst/$(basename "$entry")"
        linkPriority["$dst/$(basename "$entry")"]=${linkPriority["$dst"]:-5}
    done
}

# link DST SRC: puts SRC (a file or directory of a package) at DST.
link() {
    local dst="$1" src="$2" entry
    if [ ! -e "$dst" ] && [ ! -L "$dst" ]; then
        ln -s "$src" "$dst"
        linkPriority["$dst"]=$priority
        return
    fi
    if [ -d "$src" ] && [ -d "$dst" ]; then
        if [ -L "$dst" ]; then
            [ "$(readlink "$dst")" = "$src" ] && return
            unsymlink "$dst"
        fi
        for entry in "$src"/* "$src"/.[!.]* "$src"/..?*; do
            [ -e "$entry" ] || [ -L "$entry" ] || continue
            link "$dst/$(basename "$entry")" "$entry"
        done
        return
    fi
    collision "$dst" "$(readlink -f "$dst")" "$(readlink -f "$src")" "$src"
}

# The packages, then what they propagate (nix-support/propagated-user-env-packages).
read -r -a queue < "$pathsPath" || true
read -r -a priorities <<< "$priorities"
declare -A packagePriority=()
for i in "${!queue[@]}"; do
    packagePriority["${queue[$i]}"]=${priorities[$i]:-5}
done
seen=" "
i=0
while [ "$i" -lt "${#queue[@]}" ]; do
    pkg="${queue[$i]}"
    i=$((i + 1))
    case "$seen" in *" $pkg "*) continue ;; esac
    seen+="$pkg "
    priority=${packagePriority["$pkg"]:-5}
    for p in $pathsToLink; do
        p="${p%/}"
        src="$pkg$p"
        [ -e "$src" ] || continue
        if [ -z "$p" ]; then
            link "$out_root" "$src"
        else
            mkdir -p "$(dirname "$out_root$p")"
            link "$out_root$p" "$src"
        fi
    done
    if [ -f "$pkg/nix-support/propagated-user-env-packages" ]; then
        queue+=($(cat "$pkg/nix-support/propagated-user-env-packages"))
    fi
done

eval "$postBuild"
