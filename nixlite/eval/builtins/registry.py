"""The table builtins register themselves in.

`@primop(name, arity)` registers a function of `arity` arguments (lazy:
values or thunks); `@evaluator_primop` one that also receives the
Evaluator (for `import` and other builtins that depend on its state);
`constant(name, value)` a plain value.
"""

PRIMOPS = {}
EVALUATOR_PRIMOPS = {}
EVALUATOR_VALUES = {}
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


def evaluator_value(name):
    """Register `fn(evaluator)`, which makes the value of builtin `name`
    (a builtin written in Nix, say) for each Evaluator."""
    def register(fn):
        EVALUATOR_VALUES[name] = fn
        return fn
    return register
