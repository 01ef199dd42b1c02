null < 1
