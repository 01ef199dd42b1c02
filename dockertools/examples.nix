# Example images, one per dockerTools feature, all buildable offline from the
# package set. `nixlite build -A dockerTools.examples.NAME` builds one; the
# image tests load and run them with real container tools.
{ pkgs
, lib
, buildImage
, buildLayeredImage
, fakeNss
, shadowSetup
, buildImageWithNixDb
, writeText
, writeTextDir
, runCommand
, ...
}:

let
  inherit (pkgs.dockerTools) streamLayeredImage buildLayeredImageWithNixDb mergeImages exportImage;

  # A web root with one page, for the nginx image.
  webRoot = writeTextDir "index.html" ''
    <html><body><h1>Hello from a nixlite image</h1></body></html>
  '';

  nginxPort = "80";
  nginxConf = writeText "nginx.conf" ''
    user nobody nobody;
    daemon off;
    error_log /dev/stdout info;
    pid /dev/null;
    events {}
    http {
      access_log /dev/stdout;
      client_body_temp_path /tmp/nginx/body;
      proxy_temp_path /tmp/nginx/proxy;
      fastcgi_temp_path /tmp/nginx/fastcgi;
      uwsgi_temp_path /tmp/nginx/uwsgi;
      scgi_temp_path /tmp/nginx/scgi;
      server {
        listen ${nginxPort};
        index index.html;
        location / {
          root ${webRoot};
        }
      }
    }
  '';

  # /etc/passwd, /etc/group and a home for one user that is not root.
  nonRootShadowSetup = { user, uid, gid ? uid }: [
    (writeTextDir "etc/shadow" ''
      root:!x:::::::
      ${user}:!:::::::
    '')
    (writeTextDir "etc/passwd" ''
      root:x:0:0::/root:${pkgs.runtimeShell}
      ${user}:x:${toString uid}:${toString gid}::/home/${user}:
    '')
    (writeTextDir "etc/group" ''
      root:x:0:
      ${user}:x:${toString gid}:
    '')
    (writeTextDir "etc/gshadow" ''
      root:x::
      ${user}:x::
    '')
  ];

  helloRoot = pkgs.buildEnv {
    name = "hello-root";
    paths = [ pkgs.hello ];
  };

  bashRoot = pkgs.buildEnv {
    name = "image-root";
    paths = [ pkgs.bashInteractive ];
    pathsToLink = [ "/bin" ];
  };
in
rec {
  # bash, in a single-layer image tagged "latest".
  bash = buildImage {
    name = "bash";
    tag = "latest";
    copyToRoot = bashRoot;
  };

  # The same image without a tag: the tag is the hash of its store path.
  bashNoTag = buildImage {
    name = "bash-no-tag";
    copyToRoot = bashRoot;
  };

  # redis on top of the bash image, with its user and data directory made as
  # root.
  redis = buildImage {
    name = "redis";
    tag = "latest";
    fromImage = bash;
    copyToRoot = pkgs.buildEnv {
      name = "image-root";
      paths = [ pkgs.redis ];
      pathsToLink = [ "/bin" ];
    };
    runAsRoot = ''
      #!${pkgs.runtimeShell}
      ${shadowSetup}
      groupadd -r redis
      useradd -r -g redis redis
      mkdir -p /data
      chown redis:redis /data
    '';
    config = {
      Cmd = [ "/bin/redis-server" ];
      WorkingDir = "/data";
      Volumes."/data" = { };
    };
  };

  # nginx in a layered image, with the users it looks up and its temporary
  # directories made by extraCommands.
  nginx = buildLayeredImage {
    name = "nginx-container";
    tag = "latest";
    contents = [ fakeNss pkgs.nginx ];
    extraCommands = ''
      mkdir -p tmp/nginx var/log/nginx var/lib/nginx
      chmod 1777 tmp
    '';
    config = {
      Cmd = [ "nginx" "-c" nginxConf ];
      ExposedPorts."${nginxPort}/tcp" = { };
    };
  };

  # A layered image: one layer per store path.
  layered-image = buildLayeredImage {
    name = "layered-image";
    tag = "latest";
    config.Cmd = [ "${pkgs.hello}/bin/hello" ];
    contents = [ pkgs.hello pkgs.bashInteractive ];
  };

  # A layered image on top of another.
  layered-on-top = buildLayeredImage {
    name = "layered-on-top";
    tag = "latest";
    fromImage = layered-image;
    extraCommands = ''
      mkdir -p tmp
      chmod 1777 tmp
    '';
    config = {
      Env = [ "PATH=${pkgs.coreutils}/bin/" ];
      Cmd = [ "${pkgs.coreutils}/bin/ls" "-d" "/tmp" ];
    };
  };

  # At most two layers: the store paths share one, the customisation layer
  # takes the other.
  two-layered-image = buildLayeredImage {
    name = "two-layered-image";
    tag = "latest";
    config.Cmd = [ "${pkgs.hello}/bin/hello" ];
    contents = [ pkgs.bashInteractive pkgs.hello ];
    maxLayers = 2;
  };

  # More store paths than layers: the most popular gets a layer of its own,
  # the others share the last one (the customisation layer takes the third).
  bulk-layer = buildLayeredImage {
    name = "bulk-layer";
    tag = "latest";
    contents = [ pkgs.coreutils pkgs.hello ];
    maxLayers = 3;
  };

  # The same on top of a base image that already uses two of the four layers.
  layered-bulk-layer = buildLayeredImage {
    name = "layered-bulk-layer";
    tag = "latest";
    fromImage = two-layered-image;
    contents = [ pkgs.coreutils pkgs.hello ];
    maxLayers = 4;
  };

  # Environment variables set by a parent image and its child: the child's
  # win, the parent's others are kept, none twice.
  environmentVariablesParent = buildImage {
    name = "parent";
    tag = "latest";
    config.Env = [ "FROM_PARENT=true" "LAST_LAYER=parent" ];
  };

  environmentVariables = buildImage {
    name = "child";
    fromImage = environmentVariablesParent;
    tag = "latest";
    copyToRoot = pkgs.coreutils;
    config.Env = [ "FROM_CHILD=true" "LAST_LAYER=child" ];
  };

  environmentVariablesLayered = buildLayeredImage {
    name = "child-layered";
    fromImage = environmentVariablesParent;
    tag = "latest";
    contents = [ pkgs.coreutils ];
    config.Env = [ "FROM_CHILD=true" "LAST_LAYER=child" ];
  };

  # Three images, each on the previous one, each overwriting files of the
  # one below: the top layer's file wins.
  layersOrder =
    let
      layerOne = buildImage {
        name = "layers-order-1";
        tag = "latest";
        extraCommands = ''
          mkdir -p tmp
          echo layer1 > tmp/layer1
          echo layer1 > tmp/layer2
          echo layer1 > tmp/layer3
        '';
      };
      layerTwo = buildImage {
        name = "layers-order-2";
        tag = "latest";
        fromImage = layerOne;
        extraCommands = ''
          mkdir -p tmp
          echo layer2 > tmp/layer2
          echo layer2 > tmp/layer3
        '';
      };
    in
    buildImage {
      name = "layers-order";
      tag = "latest";
      fromImage = layerTwo;
      copyToRoot = pkgs.coreutils;
      extraCommands = ''
        mkdir -p tmp
        echo layer3 > tmp/layer3
      '';
    };

  # runAsRoot and extraCommands in one image: both leave their file.
  runAsRootExtraCommands = buildImage {
    name = "runAsRootExtraCommands";
    tag = "latest";
    copyToRoot = pkgs.coreutils;
    runAsRoot = ''
      echo "made by runAsRoot" > /runAsRoot
      chown 1000:1000 /runAsRoot
    '';
    extraCommands = ''
      echo "made by extraCommands" > extraCommands
    '';
  };

  # An image whose creation time is the time it was built.
  unstableDate = buildImage {
    name = "unstable-date";
    tag = "latest";
    copyToRoot = pkgs.coreutils;
    created = "now";
  };

  # Two images in one archive.
  mergedBashAndRedis = mergeImages [ bash redis ];

  # The bash image's file system as one tarball.
  exportBash = exportImage {
    fromImage = bash;
    fromImageName = "bash";
    fromImageTag = "latest";
  };

  # Nix in an image whose Nix database knows the image's store paths.
  nix = buildImageWithNixDb {
    name = "nix";
    tag = "latest";
    copyToRoot = [
      pkgs.nix
      pkgs.bashInteractive
      pkgs.coreutils
      (runCommand "nix-tmp" { } "mkdir -p $out/tmp")
    ];
    config.Env = [ "NIX_PAGER=cat" "USER=nobody" ];
  };

  nixLayered = buildLayeredImageWithNixDb {
    name = "nix-layered";
    tag = "latest";
    contents = [ pkgs.nix pkgs.bashInteractive pkgs.coreutils ];
    config.Env = [ "NIX_PAGER=cat" "USER=nobody" ];
  };

  # hello linked at the root of the image (/bin/hello) by streamLayeredImage.
  helloOnRoot = streamLayeredImage {
    name = "hello";
    tag = "latest";
    contents = [ helloRoot ];
    config.Cmd = [ "hello" ];
  };

  # The same without the store paths: the image holds the links only.
  helloOnRootNoStore = streamLayeredImage {
    name = "hello-no-store";
    tag = "latest";
    contents = [ helloRoot ];
    config.Cmd = [ "hello" ];
    includeStorePaths = false;
  };

  # Ownership changed inside fakeroot ends up in the image.
  layeredImageWithFakeRootCommands = buildLayeredImage {
    name = "layered-image-with-fake-root-commands";
    tag = "latest";
    contents = [ pkgs.bashInteractive pkgs.coreutils ];
    fakeRootCommands = ''
      mkdir -p ./home/alice
      chown 1000 ./home/alice
      ln -s ${pkgs.hello} ./hello
    '';
  };

  # bash with a user that is not root.
  bashLayeredWithUser = buildLayeredImage {
    name = "bash-layered-with-user";
    tag = "latest";
    contents = [ pkgs.bashInteractive pkgs.coreutils ] ++ nonRootShadowSetup { uid = 999; user = "somebody"; };
    config.User = "somebody";
  };

  # A link inside /nix/store to another store path.
  layeredStoreSymlink = buildLayeredImage {
    name = "layered-store-symlink";
    tag = "latest";
    contents = [ pkgs.bashInteractive ];
    extraCommands = ''
      mkdir -p nix/store/links
      ln -s ${pkgs.hello} nix/store/links/hello
    '';
  };

  # An image name with a registry host and a path in it.
  prefixedImage = buildImage {
    name = "localhost/nixlite/prefixed-image";
    tag = "latest";
    copyToRoot = bashRoot;
  };
}
