let "quoted" = 1; in quoted
