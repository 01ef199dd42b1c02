builtins.compareVersions builtins.nixVersion "2.0"
