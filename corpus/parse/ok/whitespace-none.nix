let a=1;b=[a a];in{c=a;d=b;}.c
