"${toString ./a}"
