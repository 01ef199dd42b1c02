# leading comment
1 # trailing
# after
