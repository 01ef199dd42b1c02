[ (throw "x") ] == [ ]
