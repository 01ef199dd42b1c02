# The setup hook of makeWrapper: builders that list makeWrapper among their
# inputs get `makeWrapper` and `wrapProgram`.

# makeWrapper EXECUTABLE WRAPPER FLAGS...: writes WRAPPER, a shell script that
# sets up the environment as the flags say and then runs EXECUTABLE.
#   --argv0 NAME              run EXECUTABLE with NAME as its argv[0] (by
#                             default its own path; wrapProgram keeps the
#                             wrapper's)
#   --set VAR VALUE           export VAR=VALUE
#   --set-default VAR VALUE   export VAR=VALUE unless VAR is already set
#   --unset VAR               unset VAR
#   --prefix VAR SEP VALUE    put VALUE before VAR's value, SEP between (an
#                             empty VALUE adds nothing)
#   --suffix VAR SEP VALUE    put VALUE after VAR's value, SEP between
#   --run COMMAND             run COMMAND (shell code) first
#   --add-flags FLAGS         put FLAGS (split by the shell) before the arguments
#   --append-flags FLAGS      put FLAGS after the arguments
# Commands given with --run may add arguments to the array extraFlagsArray;
# they come after FLAGS of --add-flags.
makeWrapper() {
    local original="$1" wrapper="$2"; shift 2
    if [ ! -x "$original" ]; then
        echo "makeWrapper: '$original' does not exist or is not executable" >&2
        return 1
    fi
    local argv0="" flagsBefore="" flagsAfter="" lines=() need
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --argv0) need=2; argv0="-a $(printf '%q' "$2") " ;;
            --inherit-argv0) need=1; argv0='-a "$0" ' ;;
            --set) need=3; lines+=("export $2=$(printf '%q' "$3")") ;;
            --set-default) need=3; lines+=("export $2=\${$2-$(printf '%q' "$3")}") ;;
            --unset) need=2; lines+=("unset $2") ;;
            --prefix)
                need=4
                if [ -n "${4-}" ]; then
                    lines+=("$2=$(printf '%q' "$4")\${$2:+$(printf '%q' "$3")}\${$2:-}" "export $2")
                fi ;;
            --suffix)
                need=4
                if [ -n "${4-}" ]; then
                    lines+=("$2=\${$2:-}\${$2:+$(printf '%q' "$3")}$(printf '%q' "$4")" "export $2")
                fi ;;
            --run) need=2; lines+=("$2") ;;
            --add-flags) need=2; flagsBefore="$flagsBefore $2" ;;
            --append-flags) need=2; flagsAfter="$flagsAfter $2" ;;
            *) echo "makeWrapper: unknown flag '$1'" >&2; return 1 ;;
        esac
        if [ "$#" -lt "$need" ]; then
            echo "makeWrapper: $1 needs $((need - 1)) argument(s)" >&2
            return 1
        fi
        shift "$need"
    done
    mkdir -p "$(dirname "$wrapper")"
    {
        echo "#!@shell@ -e"
        local line
        for line in ${lines[@]+"${lines[@]}"}; do echo "$line"; done
        echo "exec ${argv0}$(printf '%q' "$original")${flagsBefore} \"\${extraFlagsArray[@]}\" \"\$@\"${flagsAfter}"
    } > "$wrapper"
    chmod +x "$wrapper"
}

# wrapProgram PROGRAM FLAGS...: moves PROGRAM to .PROGRAM-wrapped beside it
# and puts a makeWrapper wrapper in its place.
wrapProgram() {
    local program="$1"; shift
    local hidden
    hidden="$(dirname "$program")/.$(basename "$program")-wrapped"
    while [ -e "$hidden" ]; do hidden="${hidden}_"; done
    mv "$program" "$hidden"
    makeWrapper "$hidden" "$program" --inherit-argv0 "$@"
}
