# The images bench/images.py builds: dockerTools' bash example (one layer), a
# layered image, and redis on top of bash with runAsRoot. `salt` goes into
# each image's own derivations (not into the package set's), so a new salt
# rebuilds the images from the package set already built.
{ salt }:

let
  pkgs = import ../nixlite/pkgs { };
  inherit (pkgs) dockerTools buildEnv;
  root = paths: buildEnv { name = "image-root-${salt}"; inherit paths; pathsToLink = [ "/bin" ]; };
in
rec {
  bash = dockerTools.buildImage {
    name = "bash";
    tag = "latest";
    copyToRoot = root [ pkgs.bashInteractive ];
  };

  layered = dockerTools.buildLayeredImage {
    name = "layered";
    tag = "latest";
    contents = [ pkgs.hello pkgs.bashInteractive (pkgs.writeTextDir "etc/salt" salt) ];
  };

  redis = dockerTools.buildImage {
    name = "redis";
    tag = "latest";
    fromImage = bash;
    copyToRoot = root [ pkgs.redis ];
    runAsRoot = ''
      #!${pkgs.runtimeShell}
      mkdir -p /data
    '';
    config.Cmd = [ "/bin/redis-server" ];
  };
}
