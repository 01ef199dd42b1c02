x: in
