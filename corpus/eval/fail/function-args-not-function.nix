# A set with __functor can be called, but functionArgs wants a function.
builtins.functionArgs { __functor = self: x: x; }
