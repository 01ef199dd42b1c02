# Builder of the host packages (see default.nix), run by the host's /bin/sh
# outside any sandbox: it copies the files of installed Debian packages into
# $out with a Nix-like layout, brings along the shared libraries they need
# beyond glibc, and points every ELF file at the store (interpreter, RUNPATH),
# so that the closure runs with nothing from the host.
#
# Environment (from the derivation):
#   dpkgLists    dpkg's .list files of the Debian packages, in order
#   glibc        the glibc host package, or empty when building glibc itself
#   postInstall  shell code run after the copy, before the ELF rewriting
set -eu
export LC_ALL=C
umask 022

work=$PWD
mkdir -p "$out"

# Sets `mapped` to the place of a Debian path in $out, or to nothing for
# what is left out: /usr is stripped, sbin merges into bin,
# lib/x86_64-linux-gnu (and lib64) into lib, and documentation goes away.
# (A function that sets a variable: no subshell for each of thousands of
# files.)
map_path() {
    mapped=${1#/usr}
    case $mapped in
        /share/doc | /share/doc/* | /share/man | /share/man/* | /share/info | /share/info/* | \
        /share/lintian | /share/lintian/* | /share/locale | /share/locale/*)
            mapped= ;;
        /bin/?* | /sbin/?*) mapped=bin/${mapped#/*bin/} ;;
        /lib/x86_64-linux-gnu/?*) mapped=lib/${mapped#/lib/x86_64-linux-gnu/} ;;
        /lib64/?*) mapped=lib/${mapped#/lib64/} ;;
        /?*) mapped=${mapped#/} ;;
        *) mapped= ;;
    esac
}

# The top-level directories that merged /usr turned into symlinks are
# directories as far as dpkg is concerned.
is_merged_dir() {
    case $1 in
        /bin | /sbin | /lib | /lib32 | /lib64 | /libx32) return 0 ;;
    esac
    return 1
}

# 1. Regular files, in the order of the lists; the first one to claim a
# place keeps it. Every mapped path is remembered, so that symlinks can
# tell whether they point into the package.
: > "$work/members"
: > "$work/links"
for list in $dpkgLists; do
    while IFS= read -r src; do
        map_path "$src"
        dest=$mapped
        [ -n "$dest" ] || continue
        printf '%s\n' "$dest" >> "$work/members"
        if [ -L "$src" ]; then
            is_merged_dir "$src" || printf '%s\t%s\n' "$src" "$dest" >> "$work/links"
        elif [ -f "$src" ]; then
            [ -e "$out/$dest" ] && continue
            # A file not everyone may read (a configuration file holding a
            # secret) stays out of the store, which everyone may read.
            case $(stat -c %A "$src") in
                ???????r??) ;;
                *) echo "host package: leaving out $src (not readable by everyone)" >&2; continue ;;
            esac
            case $dest in
                */*) [ -d "$out/${dest%/*}" ] || mkdir -p "$out/${dest%/*}" ;;
            esac
            cp "$src" "$out/$dest"
        fi
    done < "$list"
done
chmod -R u+w "$out"

# 2. Symlinks. One whose target is a file of the package points at that
# file's new place, relatively; any other keeps its target.
while IFS="	" read -r src dest; do
    [ -e "$out/$dest" ] || [ -L "$out/$dest" ] && continue
    target=$(readlink "$src")
    case $target in
        /*) abs=$target ;;
        *) abs=${src%/*}/$target ;;
    esac
    map_path "$(realpath -m -s "$abs")"
    if [ -n "$mapped" ] && grep -qxF -e "$mapped" "$work/members"; then
        target=$(realpath -m -s --relative-to="$out/$dest/.." "$out/$mapped")
    fi
    case $dest in
        */*) mkdir -p "$out/${dest%/*}" ;;
    esac
    ln -s "$target" "$out/$dest"
done < "$work/links"

# 3. Fix-ups of the package.
if [ -n "${postInstall:-}" ]; then
    eval "$postInstall"
fi

# 4. ELF files. grep finds the candidates quickly (a NUL-separated record
# that starts with the magic number); the first four bytes decide.
magic=$(printf '\177ELF')
find "$out" -type f -print0 | xargs -0 -r grep -lz -e "^$magic" -- | sort > "$work/candidates" || true
: > "$work/elves"
while IFS= read -r f; do
    [ "$(head -c 4 "$f")" = "$magic" ] || continue
    # Only executables and shared objects have a dynamic section to patch.
    patchelf --print-rpath "$f" > /dev/null 2>&1 || continue
    case $f in
        */ld-linux-x86-64.so.2) continue ;;
    esac
    printf '%s\n' "$f" >> "$work/elves"
done < "$work/candidates"

if [ -n "${glibc:-}" ]; then
    libc_dir=$glibc/lib
else
    libc_dir=$out/lib
fi

# Where libraries the package lacks are looked for on the host: the
# original RUNPATHs of its files, then the usual directories.
: > "$work/hostdirs"
while IFS= read -r f; do
    patchelf --print-rpath "$f" | tr ':' '\n' | grep '^/' >> "$work/hostdirs" || true
done < "$work/elves"
printf '%s\n' /usr/lib/x86_64-linux-gnu /usr/lib /usr/local/lib/x86_64-linux-gnu >> "$work/hostdirs"

host_lib() {
    while IFS= read -r dir; do
        if [ -e "$dir/$1" ]; then
            printf '%s\n' "$dir/$1"
            return 0
        fi
    done < "$work/hostdirs"
    /sbin/ldconfig -p | awk -v n="$1" '$1 == n && /x86-64/ { print $NF; exit }'
}

# Needed libraries, transitively: each one found in the package (maybe in
# a subdirectory of lib, which then joins the RUNPATH) or in glibc is
# fine; any other is copied from the host into $out/lib, and its own needs
# join the search.
: > "$work/libdirs"
: > "$work/seen"
cp "$work/elves" "$work/todo"
while [ -s "$work/todo" ]; do
    while IFS= read -r f; do
        patchelf --print-needed "$f"
    done < "$work/todo" | sort -u > "$work/needed"
    : > "$work/todo"
    while IFS= read -r lib; do
        grep -qxF -e "$lib" "$work/seen" && continue
        printf '%s\n' "$lib" >> "$work/seen"
        [ -e "$libc_dir/$lib" ] && continue
        [ -e "$out/lib/$lib" ] && continue
        found=$(find "$out/lib" -name "$lib" 2>/dev/null | sort | head -n 1)
        if [ -n "$found" ]; then
            printf '%s\n' "${found%/*}" >> "$work/libdirs"
            continue
        fi
        src=$(host_lib "$lib")
        if [ -z "$src" ]; then
            echo "warning: $name: library $lib not found on the host" >&2
            continue
        fi
        mkdir -p "$out/lib"
        cp -L "$src" "$out/lib/$lib"
        chmod u+w "$out/lib/$lib"
        printf '%s\n' "$out/lib/$lib" >> "$work/todo"
        printf '%s\n' "$out/lib/$lib" >> "$work/elves"
    done < "$work/needed"
done

rpath=$out/lib
for dir in $(sort -u "$work/libdirs"); do
    [ "$dir" = "$out/lib" ] || rpath=$rpath:$dir
done
[ -n "${glibc:-}" ] && rpath=$rpath:$glibc/lib

while IFS= read -r f; do
    if patchelf --print-interpreter "$f" > /dev/null 2>&1; then
        patchelf --set-interpreter "$libc_dir/ld-linux-x86-64.so.2" --set-rpath "$rpath" "$f"
    else
        patchelf --set-rpath "$rpath" "$f"
    fi
done < "$work/elves"
