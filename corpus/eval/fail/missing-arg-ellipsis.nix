let f = { abc, abd, ... }: 1; in f { }
