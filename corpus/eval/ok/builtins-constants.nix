[ builtins.langVersion builtins.nixVersion builtins.storeDir (builtins.typeOf builtins.currentTime) builtins.currentSystem ]
