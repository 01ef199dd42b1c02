"""Building derivations: the builder's environment, running it with nixlite's
store at the logical store directory, finding the references of what it
made, and registering the outputs; a scheduler walks the derivation graph.
"""
