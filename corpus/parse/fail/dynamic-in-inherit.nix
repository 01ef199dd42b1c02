let k = "k"; in { inherit ${k}; }
