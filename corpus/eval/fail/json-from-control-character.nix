builtins.fromJSON "[\"tab\there\"]"
