[ (null == null) (null == false) (builtins.isNull null) (builtins.isNull 0) ]
