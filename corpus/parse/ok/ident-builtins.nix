[ builtins true false null __sub __lessThan map toString import ]
