# Pieces of version strings ("1.2.3" -> major "1", minor "2", majorMinor
# "1.2"), as Nix's own version comparison splits them.
{ lib }:

let
  inherit (builtins) splitVersion elemAt concatStringsSep genList;
in
rec {

  inherit splitVersion;

  major = v: elemAt (splitVersion v) 0;

  minor = v: elemAt (splitVersion v) 1;

  patch = v: elemAt (splitVersion v) 2;

  majorMinor = v: concatStringsSep "." (lib.lists.take 2 (splitVersion v));

  # The numeric part (before the first "-") cut or padded with zeros to n
  # components; the rest is kept: pad 3 "1.2-rc1" == "1.2.0-rc1".
  pad = n: version:
    let
      numeric = builtins.head (lib.strings.splitString "-" version);
      suffix = lib.strings.removePrefix numeric version;
      parts = splitVersion numeric;
    in concatStringsSep "." (lib.lists.take n (parts ++ genList (_: "0") n)) + suffix;
}
