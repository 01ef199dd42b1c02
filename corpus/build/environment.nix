let mk = import ./lib/mk.nix; in mk { name = "env"; passAsFile = [ "big" ]; big = "text"; other = [ 1 true null ]; flag = false; num = 3;
  args = [ "-c" "export -p | /bin/sed \"s|/tmp/nix-build-env.drv-[0-9]*|BUILD|g; /NIX_BUILD_CORES/d\" > $out" ]; }
