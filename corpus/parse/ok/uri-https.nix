https://nixos.org/channels/nixos-unstable
