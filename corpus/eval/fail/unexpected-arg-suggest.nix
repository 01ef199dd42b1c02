let f = {abc, abd}: 1; in f { abc = 1; abd = 2; abe = 3; abf = 4; }
