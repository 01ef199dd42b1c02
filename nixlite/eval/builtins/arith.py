"""Builtins for numbers: arithmetic as Nix's int64/double, bit operations."""

import math

from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import EvalError
from nixlite.eval.ops import INT_MIN, force_float, force_int, force_numbers, less_than, wrap


@primop("add", 2)
def add(a, b):
    a, b = force_numbers(a, b)
    if a.__class__ is int and b.__class__ is int:
        return wrap(a + b)
    return float(a) + float(b)


@primop("sub", 2)
def sub(a, b):
    a, b = force_numbers(a, b)
    if a.__class__ is int and b.__class__ is int:
        return wrap(a - b)
    return float(a) - float(b)


@primop("mul", 2)
def mul(a, b):
    a, b = force_numbers(a, b)
    if a.__class__ is int and b.__class__ is int:
        return wrap(a * b)
    return float(a) * float(b)


@primop("div", 2)
def div(a, b):
    a, b = force_numbers(a, b)
    if b == 0:
        raise EvalError("division by zero")
    if a.__class__ is int and b.__class__ is int:
        if a == INT_MIN and b == -1:
            raise EvalError("overflow in integer division")
        quotient = abs(a) // abs(b)
        return quotient if (a < 0) == (b < 0) else -quotient
    return float(a) / float(b)


@primop("lessThan", 2)
def less_than_primop(a, b):
    return less_than(a, b)


@primop("bitAnd", 2)
def bit_and(a, b):
    return force_int(a) & force_int(b)


@primop("bitOr", 2)
def bit_or(a, b):
    return force_int(a) | force_int(b)


@primop("bitXor", 2)
def bit_xor(a, b):
    return force_int(a) ^ force_int(b)


@primop("ceil", 1)
def ceil(x):
    return wrap(math.ceil(force_float(x)))


@primop("floor", 1)
def floor(x):
    return wrap(math.floor(force_float(x)))
