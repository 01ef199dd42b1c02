self: super: {
  hello = super.hello.overrideAttrs (old: {
    patches = (old.patches or []) ++ [ ./fix.patch ];
  });
  inherit (super) lib;
}
