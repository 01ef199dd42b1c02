[ http://example.com/x https://nixos.org ]
