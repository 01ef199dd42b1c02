{ config, lib, pkgs, ... }:
with lib;
let cfg = config.services.foo; in {
  options.services.foo.enable = mkEnableOption "foo";
  config = mkIf cfg.enable {
    systemd.services.foo.script = ''
      ${pkgs.foo}/bin/foo --flag
    '';
  };
}
