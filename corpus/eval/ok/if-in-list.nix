[ (if 1 > 0 then "pos" else "neg") ]
