# The body of `$stdenv/setup` (the stdenv's builder puts `initialPath` and
# `shell` before it). Sourced by every mkDerivation build: it sets up PATH
# from the inputs, sources their setup hooks, and defines the phases that
# `genericBuild` runs, and the helpers builders use (runHook, substitute,
# substituteInPlace, substituteAll, patchShebangs).

set -eo pipefail
umask 0022

export SHELL="$shell"
export CONFIG_SHELL="$shell"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-315532800}"
export TZ=UTC
export LC_ALL="${LC_ALL:-C}"

# With structured attributes the outputs are an associative array; give each
# output its variable as without them.
if [[ "$(declare -p outputs 2>/dev/null)" == "declare -A"* ]]; then
    for _o in "${!outputs[@]}"; do export "$_o=${outputs[$_o]}"; done
    unset _o
fi


######################################################################
# Hooks

# runHook NAME ARGS...: runs the hook NAME (a shell function, or a string of
# commands) and then every entry of the array NAMEHooks (`preConfigureHooks`,
# ...) that setup hooks add to.
runHook() {
    local hookName="$1"; shift
    _callImplicitHook "$hookName" "$@"
    local hooks="${hookName%Hook}Hooks[@]"
    local hook
    for hook in ${!hooks+"${!hooks}"}; do
        _evalHook "$hook" "$@"
    done
    return 0
}

_callImplicitHook() {
    local hookName="$1"; shift
    case "$(type -t "$hookName")" in
        function) "$hookName" "$@" ;;
        *) if [ -n "${!hookName:-}" ]; then eval "${!hookName}"; fi ;;
    esac
}

_evalHook() {
    local hook="$1"; shift
    if [ "$(type -t "$hook")" = function ]; then "$hook" "$@"; else eval "$hook"; fi
}

# Setup hooks register functions to run for every input: addEnvHooks OFFSET FN...
envHooks=()
addEnvHooks() {
    shift
    envHooks+=("$@")
}


######################################################################
# Inputs

addToSearchPath() {
    local var="$1" dir="$2"
    if [ -d "$dir" ]; then
        export "$var=${!var:+${!var}:}$dir"
    fi
}

# The initial path first: the pre-hook and the inputs' setup hooks may use it.
_basePath=""
for _p in $initialPath; do _basePath="${_basePath:+$_basePath:}$_p/bin"; done
unset _p
if [ "${PATH:-}" = /path-not-set ]; then PATH=""; fi
export PATH="${_basePath}${PATH:+:$PATH}"

runHook preHook

# The inputs, each followed by what it propagates, each once.
_inputs=()
_seenInputs=" "
_collectInput() {
    local pkg="$1" file dep
    case "$_seenInputs" in *" $pkg "*) return 0 ;; esac
    _seenInputs+="$pkg "
    if [ ! -e "$pkg" ]; then
        echo "build input $pkg does not exist" >&2
        exit 1
    fi
    _inputs+=("$pkg")
    for file in propagated-native-build-inputs propagated-build-inputs; do
        if [ -f "$pkg/nix-support/$file" ]; then
            for dep in $(< "$pkg/nix-support/$file"); do
                _collectInput "$dep"
            done
        fi
    done
}
for _pkg in ${nativeBuildInputs[@]-} ${propagatedNativeBuildInputs[@]-} ${buildInputs[@]-} ${propagatedBuildInputs[@]-}; do
    _collectInput "$_pkg"
done

# Their setup hooks, then their bin/ on PATH (before the initial path) and
# the env hooks those setup hooks registered, run on every input.
for _pkg in ${_inputs[@]+"${_inputs[@]}"}; do
    if [ -f "$_pkg/nix-support/setup-hook" ]; then
        source "$_pkg/nix-support/setup-hook"
    fi
done
_inputPath=""
for _pkg in ${_inputs[@]+"${_inputs[@]}"}; do
    if [ -d "$_pkg/bin" ]; then
        _inputPath="${_inputPath:+$_inputPath:}$_pkg/bin"
    fi
    for _hook in ${envHooks[@]+"${envHooks[@]}"}; do
        "$_hook" "$_pkg"
    done
done
unset _pkg _hook
export PATH="${_inputPath}${_inputPath:+:}${PATH}"


######################################################################
# Helpers

# substitute INPUT OUTPUT [--replace OLD NEW] [--subst-var NAME]
#            [--subst-var-by NAME VALUE]...
# --replace-fail fails, and --replace-warn warns, where OLD does not occur
# (--replace and --replace-quiet say nothing).
substitute() {
    local input="$1" output="$2"; shift 2
    if [ ! -f "$input" ]; then
        echo "substitute(): file '$input' does not exist" >&2
        return 1
    fi
    local content
    IFS= read -r -d '' content < "$input" || true
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --replace | --replace-quiet | --replace-warn | --replace-fail)
                [ "$#" -ge 3 ] || { echo "substitute(): $1 needs two arguments" >&2; return 1; }
                if [[ "$content" != *"$2"* ]]; then
                    case "$1" in
                        --replace-fail)
                            echo "substitute(): '$2' does not occur in '$input'" >&2
                            return 1 ;;
                        --replace-warn)
                            echo "substitute(): warning: '$2' does not occur in '$input'" >&2 ;;
                    esac
                fi
                content="${content//"$2"/"$3"}"
                shift 3 ;;
            --subst-var)
                [ "$#" -ge 2 ] || { echo "substitute(): --subst-var needs an argument" >&2; return 1; }
                if ! [[ "$2" =~ ^[a-zA-Z_][a-zA-Z0-9_]*$ ]]; then
                    echo "substitute(): '$2' is not a valid variable name" >&2
                    return 1
                fi
                if [ -z "${!2+set}" ]; then
                    echo "substitute(): variable '$2' is not set" >&2
                    return 1
                fi
                content="${content//"@$2@"/"${!2}"}"
                shift 2 ;;
            --subst-var-by)
                [ "$#" -ge 3 ] || { echo "substitute(): --subst-var-by needs two arguments" >&2; return 1; }
                content="${content//"@$2@"/"$3"}"
                shift 3 ;;
            *)
                echo "substitute(): unknown argument '$1'" >&2
                return 1 ;;
        esac
    done
    if [ -e "$output" ]; then chmod u+w "$output"; fi
    printf '%s' "$content" > "$output.tmp.$$"
    if [ -x "$input" ]; then chmod +x "$output.tmp.$$"; fi
    mv "$output.tmp.$$" "$output"
}

substituteInPlace() {
    local file="$1"; shift
    substitute "$file" "$file" "$@"
}

# substituteAll INPUT OUTPUT: replaces @name@ by the value of every exported
# variable (the derivation's attributes) whose name starts with a lower-case
# letter.
substituteAll() {
    local input="$1" output="$2" name
    local args=()
    for name in $(compgen -e); do
        if [[ "$name" =~ ^[a-z][a-zA-Z0-9_]*$ ]]; then
            args+=(--subst-var "$name")
        fi
    done
    substitute "$input" "$output" "${args[@]}"
}

substituteAllInPlace() {
    substituteAll "$1" "$1"
}

# patchShebangs PATH...: points the `#!` line of every executable file under
# the paths at the program of the same name on PATH (`/usr/bin/env prog` too),
# so scripts run where /usr/bin does not exist.
patchShebangs() {
    local target file
    for target in "$@"; do
        [ -e "$target" ] || continue
        find "$target" -type f -perm -0100 -print0 | while IFS= read -r -d '' file; do
            _patchShebang "$file"
        done
    done
}

_patchShebang() {
    local file="$1" first interpreter args program new
    IFS= read -r first < "$file" 2>/dev/null || [ -n "${first:-}" ] || return 0
    [[ "$first" == '#!'* ]] || return 0
    read -r interpreter args <<< "${first#\#!}"
    [ -n "$interpreter" ] || return 0
    case "$interpreter" in "$NIX_STORE"/*) return 0 ;; esac
    if [ "$(basename "$interpreter")" = env ]; then
        read -r program args <<< "$args"
        case "$program" in -*) return 0 ;; esac
    else
        program="$(basename "$interpreter")"
    fi
    new="$(type -P "$program" || true)"
    if [ -z "$new" ]; then
        echo "patchShebangs: $file: no '$program' on PATH; leaving '#!${first#\#!}'" >&2
        return 0
    fi
    echo "patching script interpreter paths in $file: $interpreter -> $new"
    {
        printf '#!%s%s\n' "$new" "${args:+ $args}"
        tail -n +2 "$file"
    } > "$file.tmp.$$"
    chmod --reference="$file" "$file.tmp.$$"
    mv "$file.tmp.$$" "$file"
}

stripHash() {
    local base
    base="$(basename "$1")"
    if [[ "$base" =~ ^[a-z0-9]{32}- ]]; then
        echo "${base:33}"
    else
        echo "$base"
    fi
}


######################################################################
# Phases

# _words NAME...: the words of each variable, one per line ending in NUL:
# an array's elements as they are (structured attributes), a string's split
# at white space (attributes passed as environment variables).
_words() {
    local name
    for name in "$@"; do
        if [[ "$(declare -p "$name" 2>/dev/null)" == "declare -a"* ]]; then
            local -n _wordsOf=$name
            [ "${#_wordsOf[@]}" -eq 0 ] || printf '%s\0' "${_wordsOf[@]}"
            unset -n _wordsOf
        elif [ -n "${!name:-}" ]; then
            printf '%s\0' ${!name}
        fi
    done
}

unpackFile() {
    local file="$1"
    echo "unpacking source archive $file"
    if [ -d "$file" ]; then
        cp -r --preserve=mode,timestamps --reflink=auto -- "$file" "$(stripHash "$file")"
        chmod -R u+w -- "$(stripHash "$file")"
        return
    fi
    case "$file" in
        *.tar|*.tar.gz|*.tgz|*.tar.bz2|*.tbz2|*.tar.xz|*.txz|*.tar.*) tar xf "$file" ;;
        *.gz) gzip -dc "$file" > "$(stripHash "${file%.gz}")" ;;
        *) echo "do not know how to unpack source archive $file" >&2; return 1 ;;
    esac
}

unpackPhase() {
    runHook preUnpack
    local srcsList="${srcs[*]-${src:-}}"
    if [ -z "$srcsList" ]; then
        echo "variable \$src or \$srcs should point to the source" >&2
        return 1
    fi
    local -A before=()
    local entry dir
    while IFS= read -r -d '' entry; do before["$entry"]=1; done < <(find . -mindepth 1 -maxdepth 1 -print0)
    for dir in $srcsList; do
        if [ -n "${unpackCmd:-}" ] && ! [ -d "$dir" ]; then
            curSrc="$dir"
            eval "$unpackCmd"
        else
            unpackFile "$dir"
        fi
    done
    if [ -z "${sourceRoot:-}" ]; then
        while IFS= read -r -d '' entry; do
            [ -n "${before["$entry"]-}" ] && continue
            if [ -n "${sourceRoot:-}" ]; then
                echo "unpacker produced multiple directories" >&2
                return 1
            fi
            sourceRoot="${entry#./}"
        done < <(find . -mindepth 1 -maxdepth 1 -type d -print0 | sort -z)
    fi
    if [ -z "${sourceRoot:-}" ]; then
        echo "unpacker appears to have produced no directories" >&2
        return 1
    fi
    echo "source root is $sourceRoot"
    chmod -R u+w -- "$sourceRoot"
    runHook postUnpack
}

patchPhase() {
    runHook prePatch
    local p
    local patchList
    mapfile -d '' -t patchList < <(_words patches)
    for p in ${patchList[@]+"${patchList[@]}"}; do
        echo "applying patch $p"
        case "$p" in
            *.gz) gzip -dc "$p" | patch ${patchFlags:--p1} ;;
            *.bz2) bzip2 -dc "$p" | patch ${patchFlags:--p1} ;;
            *.xz) xz -dc "$p" | patch ${patchFlags:--p1} ;;
            *) patch ${patchFlags:--p1} < "$p" ;;
        esac
    done
    runHook postPatch
}

configurePhase() {
    runHook preConfigure
    local script="${configureScript:-./configure}"
    if [ -x "$script" ]; then
        local flags=()
        if [ -z "${dontAddPrefix:-}" ]; then flags+=("${prefixKey:---prefix=}${prefix:-$out}"); fi
        echo "configure flags: ${flags[*]} $(_words configureFlags | tr '\0' ' ')"
        local extra
        mapfile -d '' -t extra < <(_words configureFlags)
        "$script" "${flags[@]}" ${extra[@]+"${extra[@]}"}
    else
        echo "no configure script, doing nothing"
    fi
    runHook postConfigure
}

_hasMakefile() {
    [ -n "${makefile:-}" ] || [ -e Makefile ] || [ -e makefile ] || [ -e GNUmakefile ]
}

# _runMake FLAGS-VARIABLE TARGET...: make with the common flags, makeFlags
# and the phase's own flags.
_runMake() {
    local flagsVariable="$1"; shift
    local flags=(SHELL="$SHELL") extra
    if [ -n "${makefile:-}" ]; then flags+=(-f "$makefile"); fi
    if [ -n "${enableParallelBuilding:-}" ]; then flags+=("-j${NIX_BUILD_CORES:-1}"); fi
    mapfile -d '' -t extra < <(_words makeFlags "$flagsVariable")
    make "${flags[@]}" ${extra[@]+"${extra[@]}"} "$@"
}

buildPhase() {
    runHook preBuild
    if _hasMakefile; then
        _runMake buildFlags
    else
        echo "no Makefile, doing nothing"
    fi
    runHook postBuild
}

checkPhase() {
    runHook preCheck
    if _hasMakefile; then
        _runMake checkFlags ${checkTarget:-check}
    else
        echo "no Makefile, no tests to run"
    fi
    runHook postCheck
}

installPhase() {
    runHook preInstall
    mkdir -p "${prefix:-$out}"
    if _hasMakefile; then
        _runMake installFlags ${installTargets:-install}
    else
        echo "no Makefile, nothing to install"
    fi
    runHook postInstall
}

# The names of the outputs (with structured attributes `outputs` maps them
# to their paths).
_outputNames() {
    if [[ "$(declare -p outputs 2>/dev/null)" == "declare -A"* ]]; then
        echo "${!outputs[@]}"
    else
        echo "${outputs[*]-out}"
    fi
}

fixupPhase() {
    runHook preFixup
    local output
    for output in $(_outputNames); do
        [ -e "${!output}" ] || continue
        if [ -z "${dontPatchShebangs:-}" ]; then patchShebangs "${!output}"; fi
    done
    if [ -n "${propagatedBuildInputs[*]-}" ]; then
        mkdir -p "$out/nix-support"
        printf '%s ' ${propagatedBuildInputs[@]} > "$out/nix-support/propagated-build-inputs"
    fi
    if [ -n "${propagatedNativeBuildInputs[*]-}" ]; then
        mkdir -p "$out/nix-support"
        printf '%s ' ${propagatedNativeBuildInputs[@]} > "$out/nix-support/propagated-native-build-inputs"
    fi
    if [ -n "${propagatedUserEnvPkgs[*]-}" ]; then
        mkdir -p "$out/nix-support"
        printf '%s ' ${propagatedUserEnvPkgs[@]} > "$out/nix-support/propagated-user-env-packages"
    fi
    if [ -n "${setupHook:-}" ]; then
        mkdir -p "$out/nix-support"
        substituteAll "$setupHook" "$out/nix-support/setup-hook"
    fi
    runHook postFixup
}

installCheckPhase() {
    runHook preInstallCheck
    if _hasMakefile; then
        _runMake installCheckFlags ${installCheckTarget:-installcheck}
    fi
    runHook postInstallCheck
}

# The phases to run, each skipped when its `dont...` variable is set (check
# phases run only with doCheck / doInstallCheck).
_phaseWanted() {
    case "$1" in
        unpackPhase) [ -z "${dontUnpack:-}" ] ;;
        patchPhase) [ -z "${dontPatch:-}" ] ;;
        configurePhase) [ -z "${dontConfigure:-}" ] ;;
        buildPhase) [ -z "${dontBuild:-}" ] ;;
        checkPhase) [ -n "${doCheck:-}" ] ;;
        installPhase) [ -z "${dontInstall:-}" ] ;;
        fixupPhase) [ -z "${dontFixup:-}" ] ;;
        installCheckPhase) [ -n "${doInstallCheck:-}" ] ;;
        *) true ;;
    esac
}

# genericBuild: `buildCommand` (or the file passAsFile made of it) when there
# is one; otherwise the phases, each an attribute of the same name when the
# derivation gives one, else the function above.
genericBuild() {
    if [ -f "${buildCommandPath:-}" ]; then
        source "$buildCommandPath"
        return
    fi
    if [ -n "${buildCommand:-}" ]; then
        eval "$buildCommand"
        return
    fi
    local phase
    for phase in ${phases[*]-${prePhases[*]-} unpackPhase patchPhase ${preConfigurePhases[*]-} configurePhase ${preBuildPhases[*]-} buildPhase checkPhase ${preInstallPhases[*]-} installPhase ${preFixupPhases[*]-} fixupPhase installCheckPhase ${postPhases[*]-}}; do
        _phaseWanted "$phase" || continue
        echo "running $phase"
        if [ -n "${!phase:-}" ]; then
            eval "${!phase}"
        else
            "$phase"
        fi
        if [ "$phase" = unpackPhase ]; then
            cd "${sourceRoot:-.}"
        fi
    done
}

runHook postHook
