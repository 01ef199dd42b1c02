let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in let f = args: mk ({ name = "ov"; } // args); in [ (f { }) (f { v = 2; }) ]
