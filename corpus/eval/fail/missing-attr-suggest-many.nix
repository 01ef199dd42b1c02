{ abc = 1; abd = 2; xyz = 3; }.abx
