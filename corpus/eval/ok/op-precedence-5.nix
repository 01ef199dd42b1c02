!false && true || false
