s: t: s ? x // t ? y == true
