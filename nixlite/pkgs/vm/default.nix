# vmTools without a hypervisor.
#
# nixpkgs' vmTools boots a QEMU virtual machine to run a build as root with a
# disk of its own (/dev/vda) and a throw-away root file system; dockerTools
# uses it to mount file systems and chroot while making image layers. nixlite
# gets the same powers from the kernel it already runs on: the build runs as
# root in fresh mount, PID, IPC and UTS namespaces, with the disk image
# attached to a loop device that a private /dev shows as /dev/vda (see
# run-vm.sh and vm-stage2.sh beside this file). So such builds need root, and
# run against the host's file system (`__noChroot`), as Nix does with
# `sandbox = false`; what they mount stays in their namespaces.
{ bash, coreutils, util-linux }:

let
  # What the two scripts run with: nothing of the host's.
  toolPath = builtins.concatStringsSep ":" [
    "${coreutils}/bin"
    "${util-linux}/bin"
    "${util-linux}/sbin"
  ];
in
rec {
  # The name of the disk device the build sees (the VM's virtio disk).
  hd = "vda";

  # Shell code for `preVM`: an empty disk of `size` MiB. It is a sparse raw
  # file (QEMU's qcow2 means nothing to a loop device), `diskImage` names it,
  # and `destination`/nix-support/full-name holds `fullName`, as in nixpkgs.
  # With the default destination the disk ends up in the output.
  createEmptyImage =
    { size           # MiB
    , fullName
    , destination ? "$out"
    }: ''
      mkdir -p ${destination}
      diskImage=${destination}/disk-image.img
      truncate -s ${toString size}M "$diskImage"
      export diskImage

      mkdir -p ${destination}/nix-support
      echo "${fullName}" > ${destination}/nix-support/full-name
    '';

  # `drv`, built "in a VM": the same attributes, but bash runs run-vm.sh,
  # which evaluates `preVM`, runs the original builder (kept in origBuilder
  # and origArgs, as nixpkgs does) as root in its namespaces with `diskImage`
  # as /dev/vda, then evaluates `postVM`. The original arguments are also
  # passed on as arguments, so that ones with spaces survive. Attributes
  # only a real VM understands (memSize, QEMU_OPTS, ...) are kept and have
  # no effect.
  runInLinuxVM = drv:
    let
      attrs = drv.drvAttrs;
      origArgs = attrs.args or [ ];
      vmDrv = derivation (attrs // {
        builder = "${bash}/bin/bash";
        args = [ ./run-vm.sh "${bash}/bin/bash" ./vm-stage2.sh toolPath ] ++ origArgs;
        origBuilder = attrs.builder;
        inherit origArgs;
        # Loop devices and mounts need the host's /dev and root: no sandbox.
        __noChroot = true;
      });
      passthru = drv.passthru or { };
    in
    vmDrv // passthru // {
      inherit passthru;
      meta = drv.meta or { };
    };
}
