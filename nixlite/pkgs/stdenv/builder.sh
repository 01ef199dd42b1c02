# Builds the stdenv itself: `$out/setup`, which is setup.sh preceded by the
# values it needs from this derivation.
PATH=
for p in $initialPath; do PATH="$PATH${PATH:+:}$p/bin"; done
mkdir "$out"
{
    printf 'initialPath="%s"\n' "$initialPath"
    printf 'shell=%s\n' "$shell"
    cat "$setup"
} > "$out/setup"
