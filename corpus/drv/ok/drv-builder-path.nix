derivation { name = "bp"; builder = ../data/script.sh; system = "x86_64-linux"; }
