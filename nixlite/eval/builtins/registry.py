"""The table builtins register themselves in.

`@primop(name, arity)` registers a function of `arity` arguments (lazy:
values or thunks); `@evaluator_primop` one that also receives the
Evaluator (for `import` and other builtins that depend on its state);
`constant(name, value)` a plain value.
"""

PRIMOPS = {}
EVALUATOR_PRIMOPS = {}
CONSTANTS = {}
# Operations evaluation needs from a layer above it (the store), by name.
SERVICES = {}


def primop(name, arity):
    def register(fn):
        PRIMOPS[name] = (arity, fn)
        return fn
    return register


def evaluator_primop(name, arity):
    def register(fn):
        EVALUATOR_PRIMOPS[name] = (arity, fn)
        return fn
    return register


def constant(name, value):
    CONSTANTS[name] = value

