[ (builtins.hasContext "") (builtins.hasContext (toString 1)) ]
