builtins.trace "msg" 5
