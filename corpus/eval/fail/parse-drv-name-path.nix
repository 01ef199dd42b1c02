builtins.parseDrvName ./hello-1.0
