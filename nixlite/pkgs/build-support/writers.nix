# Script writers: a program text (a string or a file) written to the store
# behind its interpreter's `#!` line, and checked before it is accepted.
{ lib, runCommand, writeShellScript, python3 }:

rec {
  # makeScriptWriter { interpreter; check; } "name" content: `$out` is the
  # script; "/bin/name" as the name puts it at `$out/bin/name`. `check` is a
  # command that the script's file is given to; the build fails if it does.
  makeScriptWriter = { interpreter, check ? "" }: nameOrPath: content:
    let
      isBinPath = lib.hasPrefix "/bin/" nameOrPath;
      name = if isBinPath then lib.removePrefix "/bin/" nameOrPath else nameOrPath;
      body = if builtins.isPath content then builtins.readFile content else content;
    in
    runCommand name
      {
        text = "#!${interpreter}\n${body}";
        passAsFile = [ "text" ];
        inherit check;
        preferLocalBuild = true;
        allowSubstitutes = false;
      } ''
      target=$out${lib.optionalString isBinPath "/bin/${name}"}
      mkdir -p "$(dirname "$target")"
      cp "$textPath" "$target"
      chmod +x "$target"
      if [ -n "$check" ]; then
        eval "$check \"\$target\""
      fi
    '';

  # writePython3 "name" { libraries ? [ ]; } content. `libraries` are
  # packages holding lib/python3.*/site-packages; the script's interpreter
  # then puts them on PYTHONPATH. The check compiles the script, so a syntax
  # error fails the build.
  writePython3 = nameOrPath: { libraries ? [ ], flakeIgnore ? [ ] }: content:
    let
      interpreter =
        if libraries == [ ] then "${python3}/bin/python3"
        else writeShellScript "python3-with-libraries" ''
          for lib in ${lib.escapeShellArgs libraries}; do
            for dir in "$lib"/lib/python3*/site-packages; do
              PYTHONPATH="$dir''${PYTHONPATH:+:$PYTHONPATH}"
            done
          done
          export PYTHONPATH
          exec ${python3}/bin/python3 "$@"
        '';
    in
    makeScriptWriter
      {
        inherit interpreter;
        check = "${python3}/bin/python3 -c 'import ast, sys; ast.parse(open(sys.argv[1], \"rb\").read(), sys.argv[1])'";
      }
      nameOrPath
      content;

  writePython3Bin = name: writePython3 "/bin/${name}";
}
