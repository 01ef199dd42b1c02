# Packages taken from the Debian packages installed on the host.
#
# `hostPackage { name | pname, debs, ... }` copies the files dpkg lists for
# the Debian packages `debs` into the store (builder.sh says how), with
# every ELF file pointed at the store: its interpreter at the glibc host
# package, its RUNPATH at its own lib and glibc's, and the libraries it
# needs beyond those copied into its own lib. The closure of a host package
# runs in a root that holds nothing else.
#
# The builds read the host's file system (`__noChroot`; real Nix builds
# them with `--option sandbox false`). So that a derivation changes when
# what it copies changes, it hashes dpkg's records (.list and .md5sums, and
# the version) of its Debian packages and of everything they depend on,
# which is where the libraries it copies come from. A Debian package that
# is not installed is an evaluation error once the package is used.
{ lib, system }:

let
  info = "/var/lib/dpkg/info";

  installMessage = name: deb:
    "host package '${name}' is not installed (Debian package ${deb}); run: apt-get install ${deb}";

  # dpkg's status file, as { NAME = "the rest of its paragraph"; }. One
  # regular expression without alternatives splits it (each paragraph
  # starts with its Package field); fields are read only from the
  # paragraphs asked for. The first of several architectures wins.
  dpkgStatus =
    let
      parts = builtins.split "\nPackage: ([^\n]*)\n" ("\n" + builtins.readFile "/var/lib/dpkg/status");
    in
    builtins.listToAttrs (builtins.genList
      (i: {
        name = builtins.head (builtins.elemAt parts (2 * i + 1));
        value = builtins.elemAt parts (2 * i + 2);
      })
      ((builtins.length parts - 1) / 2));

  field = name: paragraph:
    let found = builtins.split "\n${name}: ([^\n]*)" ("\n" + paragraph); in
    if builtins.length found > 1 then builtins.head (builtins.elemAt found 1) else "";

  # The installed packages a Debian package depends on (Pre-Depends and
  # Depends, every alternative; virtual packages have no paragraph). Read
  # once per package however many host packages need it.
  dependencies = deb: dependencyLists.${deb};
  dependencyLists = builtins.mapAttrs (deb: paragraph:
    let
      items = builtins.filter builtins.isString
        (builtins.split "[,|]" "${field "Pre-Depends" paragraph},${field "Depends" paragraph}");
      names = map (item: let m = builtins.match " *([^ :(]*).*" item; in if m == null then "" else builtins.head m) items;
    in
    builtins.filter (dep: dep != "" && dpkgStatus ? ${dep}) names) dpkgStatus;

  dependencyClosure = debs: map (item: item.key) (builtins.genericClosure {
    startSet = map (key: { inherit key; }) debs;
    operator = item: map (key: { inherit key; }) (dependencies item.key);
  });

  # Where dpkg keeps the records of a Debian package: named with the
  # architecture for a multi-arch one. Installed means a .list and a
  # .md5sums (or .conffiles): a package removed with its configuration
  # files kept still has its .list.
  dpkgBase = deb:
    let
      installed = base:
        builtins.pathExists "${base}.list"
        && (builtins.pathExists "${base}.md5sums" || builtins.pathExists "${base}.conffiles");
      plain = "${info}/${deb}";
      arch = "${info}/${deb}:amd64";
    in
    if installed plain then plain else if installed arch then arch else null;

  dpkgState = deb: if dpkgStatus ? ${deb} then dpkgStates.${deb} else dpkgStateOf deb;
  dpkgStates = builtins.mapAttrs (deb: _: dpkgStateOf deb) dpkgStatus;
  dpkgStateOf = deb:
    let
      base = dpkgBase deb;
      hashOf = file: if builtins.pathExists file then builtins.hashFile "sha256" file else "none";
    in
    if base == null then "${deb} none"
    else "${deb} ${field "Version" dpkgStatus.${deb}} ${hashOf "${base}.list"} ${hashOf "${base}.md5sums"} ${conffilesState base}";

  # The configuration files (which the admin may edit, and .md5sums leaves
  # out) that are there and readable, by content.
  conffilesState = base:
    let
      listed = "${base}.conffiles";
      names = if builtins.pathExists listed
        then builtins.filter (n: builtins.isString n && n != "") (builtins.split "\n" (builtins.readFile listed))
        else [ ];
      readable = name: let t = builtins.tryEval (builtins.hashFile "sha256" name); in if t.success then t.value else "unreadable";
    in
    builtins.concatStringsSep "," (map (name: if builtins.pathExists name then readable name else "none") names);

  # The upstream part of a Debian version (no epoch, no Debian revision),
  # as a store path name allows it.
  upstreamVersion = version:
    let
      noEpoch = let m = builtins.match "[0-9]+:(.*)" version; in if m == null then version else builtins.head m;
      upstream = let m = builtins.match "(.*)-[^-]*" noEpoch; in if m == null then noEpoch else builtins.head m;
    in
    builtins.replaceStrings [ "~" ":" ] [ "_" "_" ] upstream;

  makeHostPackages = self: {
    # A package made of the files of the installed Debian packages `debs`,
    # named `name`, or `pname` and the version of the first Debian package.
    # `postInstall` is shell code run by the builder once the files are in
    # $out, before the ELF files are rewritten; any other attribute goes
    # into the derivation's environment.
    hostPackage = { debs, postInstall ? "", meta ? { }, ... }@args:
      let
        label = args.name or args.pname;
        checked = map
          (deb: let base = dpkgBase deb; in if base == null then throw (installMessage label deb) else base)
          debs;
        # Every Debian package is checked before anything reads its status.
        installed = builtins.deepSeq checked debs;
        version = args.version or (upstreamVersion (field "Version" dpkgStatus.${builtins.head installed}));
        isGlibc = args.isGlibc or false;
        drv = derivation (builtins.removeAttrs args [ "debs" "meta" "isGlibc" "pname" "version" ] // {
          name = args.name or "${args.pname}-${version}";
          inherit system postInstall;
          builder = "/bin/sh";
          args = [ ./builder.sh ];
          __noChroot = true;
          PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
          dpkgLists = map (base: "${base}.list") checked;
          dpkgState = builtins.hashString "sha256"
            (builtins.concatStringsSep "\n" (map dpkgState (dependencyClosure installed)));
          glibc = if isGlibc then "" else self.glibc;
        });
      in
      drv // { inherit meta; };

    # Any other installed Debian package, as it is.
    fromDebian = deb: self.hostPackage { pname = deb; debs = [ deb ]; };

    glibc = self.hostPackage {
      pname = "glibc";
      debs = [ "libc6" ];
      isGlibc = true;
      meta.description = "The GNU C library (Debian libc6)";
    };

    bash = self.hostPackage {
      pname = "bash";
      debs = [ "bash" ];
      postInstall = ''
        ln -s bash "$out/bin/sh"
      '';
      meta.description = "GNU Bourne-Again Shell (Debian bash)";
    };
    bashInteractive = self.bash;

    coreutils = self.hostPackage {
      pname = "coreutils";
      debs = [ "coreutils" ];
      meta.description = "The GNU core utilities (Debian coreutils)";
    };

    findutils = self.hostPackage {
      pname = "findutils";
      debs = [ "findutils" ];
      meta.description = "GNU find and xargs (Debian findutils)";
    };

    diffutils = self.hostPackage {
      pname = "diffutils";
      debs = [ "diffutils" ];
      meta.description = "GNU diff, cmp, diff3 and sdiff (Debian diffutils)";
    };

    gnugrep = self.hostPackage {
      pname = "gnugrep";
      debs = [ "grep" ];
      meta.description = "GNU grep (Debian grep)";
    };

    gnused = self.hostPackage {
      pname = "gnused";
      debs = [ "sed" ];
      meta.description = "GNU sed (Debian sed)";
    };

    gawk = self.hostPackage {
      pname = "gawk";
      debs = [ "gawk" ];
      postInstall = ''
        [ -e "$out/bin/awk" ] || ln -s gawk "$out/bin/awk"
      '';
      meta.description = "GNU awk (Debian gawk)";
    };

    gnutar = self.hostPackage {
      pname = "gnutar";
      debs = [ "tar" ];
      meta.description = "GNU tar (Debian tar)";
    };

    gzip = self.hostPackage {
      pname = "gzip";
      debs = [ "gzip" ];
      meta.description = "GNU gzip (Debian gzip)";
    };

    bzip2 = self.hostPackage {
      pname = "bzip2";
      debs = [ "bzip2" ];
      meta.description = "bzip2 compressor (Debian bzip2)";
    };

    xz = self.hostPackage {
      pname = "xz";
      debs = [ "xz-utils" ];
      meta.description = "XZ utilities (Debian xz-utils)";
    };

    gnumake = self.hostPackage {
      pname = "gnumake";
      debs = [ "make" ];
      meta.description = "GNU make (Debian make)";
    };

    patch = self.hostPackage {
      pname = "patch";
      debs = [ "patch" ];
      meta.description = "GNU patch (Debian patch)";
    };

    pigz = self.hostPackage {
      pname = "pigz";
      debs = [ "pigz" ];
      meta.description = "Parallel gzip (Debian pigz)";
    };

    jq = self.hostPackage {
      pname = "jq";
      debs = [ "jq" ];
      meta.description = "Command-line JSON processor (Debian jq)";
    };

    jshon = self.hostPackage {
      pname = "jshon";
      debs = [ "jshon" ];
      meta.description = "JSON parser for the shell (Debian jshon)";
    };

    rsync = self.hostPackage {
      pname = "rsync";
      debs = [ "rsync" ];
      meta.description = "Fast remote file copy (Debian rsync)";
    };

    moreutils = self.hostPackage {
      pname = "moreutils";
      debs = [ "moreutils" ];
      meta.description = "More Unix tools: sponge, ts, ... (Debian moreutils)";
    };

    util-linux = self.hostPackage {
      pname = "util-linux";
      debs = [ "util-linux" "mount" ];
      meta.description = "Linux system utilities (Debian util-linux and mount)";
    };

    e2fsprogs = self.hostPackage {
      pname = "e2fsprogs";
      debs = [ "e2fsprogs" ];
      meta.description = "ext2/ext3/ext4 file system utilities (Debian e2fsprogs)";
    };

    shadow = self.hostPackage {
      pname = "shadow";
      debs = [ "passwd" "login" ];
      meta.description = "User and group account tools (Debian passwd and login)";
    };

    fakeroot = let inherit (self) bash coreutils gnused util-linux; in self.hostPackage {
      pname = "fakeroot";
      debs = [ "fakeroot" "libfakeroot" ];
      # Debian's fakeroot picks its variant through alternatives; this one
      # is the SysV IPC one, with its paths and helpers in the store.
      postInstall = ''
        sed -e '1s|^#!/bin/sh|#!${bash}/bin/sh|' \
            -e "s|^FAKEROOT_PREFIX=.*|FAKEROOT_PREFIX=$out|" \
            -e "s|^FAKEROOT_BINDIR=.*|FAKEROOT_BINDIR=$out/bin|" \
            -e "s|/usr/lib/x86_64-linux-gnu/libfakeroot|$out/lib/libfakeroot|" \
            -e 's|`getopt |`${util-linux}/bin/getopt |g' \
            -e "s|sed 's/:/ /g'|${gnused}/bin/sed 's/:/ /g'|" \
            -e 's#|cut #|${coreutils}/bin/cut #g' \
            -e 's|/bin/ls |${coreutils}/bin/ls |' \
            -e 's|sleep 0.1|${coreutils}/bin/sleep 0.1|' \
            -e 's|^cat - |${coreutils}/bin/cat - |' \
            -e 's|''${SHELL:-/bin/sh}|''${SHELL:-${bash}/bin/sh}|' \
            "$out/bin/fakeroot-sysv" > "$out/bin/fakeroot"
        chmod +x "$out/bin/fakeroot"
        ln -s faked-sysv "$out/bin/faked"
      '';
      meta.description = "Run a command in an environment faking root privileges (Debian fakeroot)";
    };

    fakechroot = let inherit (self) bash coreutils gnused util-linux; in self.hostPackage {
      pname = "fakechroot";
      debs = [ "fakechroot" "libfakechroot" ];
      postInstall = ''
        for f in "$out"/bin/fakechroot "$out"/bin/*.fakechroot "$out"/etc/fakechroot/*.env; do
          sed -i -e '1s|^#!/bin/sh|#!${bash}/bin/sh|' \
            -e "s|^fakechroot_paths=no|fakechroot_paths=$out/lib/fakechroot|" \
            -e "s|/etc/fakechroot|$out/etc/fakechroot|g" \
            -e 's|`getopt |`${util-linux}/bin/getopt |g' \
            -e 's|`basename |`${coreutils}/bin/basename |g' \
            -e 's#| tr #| ${coreutils}/bin/tr #g' \
            -e 's|^\( *\)sed |\1${gnused}/bin/sed |' \
            -e 's#| sed #| ${gnused}/bin/sed #g' \
            -e 's|/usr/bin/seq |${coreutils}/bin/seq |g' \
            -e 's|/bin/echo|${coreutils}/bin/echo|g' \
            -e 's|=/bin/true|=${coreutils}/bin/true|g' \
            -e "s|\''${fakechroot_bindir:-/usr/s\?bin}|\''${fakechroot_bindir:-$out/bin}|g" \
            -e 's|''${SHELL:-/bin/sh}|''${SHELL:-${bash}/bin/sh}|' \
            "$f"
        done
      '';
      meta.description = "Run a command in a fake chroot environment (Debian fakechroot)";
    };

    skopeo = self.hostPackage {
      pname = "skopeo";
      debs = [ "skopeo" ];
      meta.description = "Work with remote container images and registries (Debian skopeo)";
    };

    cacert = self.hostPackage {
      pname = "cacert";
      debs = [ "ca-certificates" ];
      # The bundle Debian generates at installation, made from the
      # package's own certificates.
      postInstall = ''
        mkdir -p "$out/etc/ssl/certs"
        cat "$out"/share/ca-certificates/mozilla/*.crt > "$out/etc/ssl/certs/ca-bundle.crt"
        ln -s ca-bundle.crt "$out/etc/ssl/certs/ca-certificates.crt"
      '';
      meta.description = "Mozilla's certificate authorities (Debian ca-certificates)";
    };

    python3 = self.hostPackage {
      pname = "python3";
      debs = [ "python3.11" "python3.11-minimal" "libpython3.11-stdlib" "libpython3.11-minimal" ];
      postInstall = ''
        ln -s python3.11 "$out/bin/python3"
        ln -s python3.11 "$out/bin/python"
        sed -i "1s|^#!/usr/bin/python3.11|#!$out/bin/python3.11|" "$out/bin/pydoc3.11"
      '';
      meta.description = "Python 3.11 (Debian python3.11)";
    };

    perl = let inherit (self) bash; in self.hostPackage {
      pname = "perl";
      debs = [ "perl-base" "perl" "perl-modules-5.36" "libperl5.36" ];
      # perl looks for its modules at the paths compiled into it: a wrapper
      # adds their new places in front.
      postInstall = ''
        mv "$out/bin/perl" "$out/bin/.perl-wrapped"
        rm -f "$out/bin/perl5.36.0"
        inc=
        for dir in etc/perl lib/perl5/5.36 share/perl5 lib/perl-base lib/perl/5.36 share/perl/5.36; do
          [ -e "$out/$dir" ] && inc=''${inc:+$inc:}$out/$dir
        done
        {
          echo '#!${bash}/bin/bash'
          echo "export PERL5LIB=$inc\''${PERL5LIB:+:\$PERL5LIB}"
          echo "exec -a \"\$0\" $out/bin/.perl-wrapped \"\$@\""
        } > "$out/bin/perl"
        chmod +x "$out/bin/perl"
        ln -s perl "$out/bin/perl5.36.0"
        # perl's own scripts (cpan, prove, ...) run this perl.
        for f in "$out"/bin/*; do
          if [ -f "$f" ] && [ ! -L "$f" ] && [ "$(head -c 15 "$f")" = "#!/usr/bin/perl" ]; then
            sed -i "1s|^#!/usr/bin/perl|#!$out/bin/perl|" "$f"
          fi
        done
      '';
      meta.description = "Perl 5.36 (Debian perl)";
    };

    hello = self.hostPackage {
      pname = "hello";
      debs = [ "hello" ];
      meta.description = "GNU hello (Debian hello)";
    };

    redis = self.hostPackage {
      pname = "redis";
      debs = [ "redis-server" "redis-tools" ];
      meta.description = "Redis key-value store (Debian redis-server and redis-tools)";
    };

    nginx = self.hostPackage {
      pname = "nginx";
      debs = [ "nginx" "nginx-common" ];
      meta.description = "nginx web server (Debian nginx and nginx-common)";
    };

    nix = self.hostPackage {
      pname = "nix";
      debs = [ "nix-bin" ];
      meta.description = "The Nix package manager (Debian nix-bin)";
    };
  };
in
lib.fix makeHostPackages
