let mk = import ./lib/mk.nix; in mk { name = "f"; outputHash = "sha256-Q0copBCnj1b8G1iZw1k0NuYasMcx6QctleltspAgXlM="; args = [ "-c" "echo content > $out" ]; }
