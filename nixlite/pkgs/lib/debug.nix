# Tracing helpers for looking at values while an expression evaluates:
# builtins.trace prints a message and returns its second argument; these
# variants print the value itself, fully evaluated or only when asked.
{ lib }:

let
  inherit (builtins) trace deepSeq;
in
rec {

  # Trace `msg` only when `pred` holds.
  traceIf = pred: msg: x: if pred then trace msg x else x;

  # Trace `f x` and return x.
  traceValFn = f: x: trace (f x) x;

  traceVal = traceValFn (x: x);

  # Trace x fully evaluated, then return y.
  traceSeq = x: y: trace (deepSeq x x) y;

  traceValSeqFn = f: v: traceValFn f (deepSeq v v);

  traceValSeq = traceValSeqFn (x: x);
}
