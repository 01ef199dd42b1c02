"""The LALR(1) tables of grammar/nix.lark, with bison's precedence rules.

lark reads the grammar and builds its LALR(1) automaton; lark resolves every
shift/reduce conflict as a shift, while Nix's grammar relies on bison's
%left/%right/%nonassoc declarations. This module re-does lark's conflict
resolution step with the precedence table below, which is Nix 2.8's, so
the automaton is the one bison builds. From it come both the parser's
action table and what bison's error messages need: each state's default
reduction and the tokens bison would list after "expecting".

Building the tables takes a moment, so they are cached on disk next to the
parse cache.
"""

import functools
import pickle

from nixlite.syntax import cache

# Lowest to highest, as in Nix 2.8's parser.y; NOT and NEGATE are the
# precedences that `!e` and `-e` borrow.
PRECEDENCE = [
    ("right", ["IMPL"]),
    ("left", ["OR"]),
    ("left", ["AND"]),
    ("nonassoc", ["EQ", "NEQ"]),
    ("nonassoc", ["LT", "GT", "LEQ", "GEQ"]),
    ("right", ["UPDATE"]),
    ("left", ["NOT"]),
    ("left", ["PLUS", "MINUS"]),
    ("left", ["STAR", "SLASH"]),
    ("right", ["CONCAT"]),
    ("nonassoc", ["QUESTION"]),
    ("nonassoc", ["NEGATE"]),
]
RULE_PRECEDENCE_OVERRIDES = {"not_": "NOT", "negate": "NEGATE"}

# Tokens in bison's symbol-number order, with the names its messages use.
# The order decides the order of "expecting A or B"; FORMALS_OPEN is
# nixlite's name for a '{' that opens formals.
TOKEN_NAMES = [
    ("EOF", "end of file"), ("INVALID", "invalid token"),
    ("ID", "ID"), ("STR", "STR"), ("IND_STR", "IND_STR"), ("INT", "INT"),
    ("FLOAT", "FLOAT"), ("PATH", "PATH"), ("HPATH", "HPATH"), ("SPATH", "SPATH"),
    ("PATH_END", "PATH_END"), ("URI", "URI"), ("IF", "IF"), ("THEN", "THEN"),
    ("ELSE", "ELSE"), ("ASSERT", "ASSERT"), ("WITH", "WITH"), ("LET", "LET"),
    ("IN", "IN"), ("REC", "REC"), ("INHERIT", "INHERIT"), ("EQ", "EQ"),
    ("NEQ", "NEQ"), ("AND", "AND"), ("OR", "OR"), ("IMPL", "IMPL"),
    ("OR_KW", "OR_KW"), ("DOLLAR_CURLY", "DOLLAR_CURLY"),
    ("IND_STRING_OPEN", "IND_STRING_OPEN"), ("IND_STRING_CLOSE", "IND_STRING_CLOSE"),
    ("ELLIPSIS", "ELLIPSIS"), ("LT", "'<'"), ("GT", "'>'"), ("LEQ", "LEQ"),
    ("GEQ", "GEQ"), ("UPDATE", "UPDATE"), ("PLUS", "'+'"), ("MINUS", "'-'"),
    ("STAR", "'*'"), ("SLASH", "'/'"), ("CONCAT", "CONCAT"), ("QUESTION", "'?'"),
    ("COLON", "':'"), ("LBRACE", "'{'"), ("FORMALS_OPEN", "'{'"), ("RBRACE", "'}'"),
    ("AT", "'@'"), ("SEMI", "';'"), ("BANG", "'!'"), ("DOT", "'.'"), ("QUOTE", "'\"'"),
    ("LPAREN", "'('"), ("RPAREN", "')'"), ("LBRACKET", "'['"), ("RBRACKET", "']'"),
    ("ASSIGN", "'='"), ("COMMA", "','"),
]
TOKEN_ORDER = {kind: i for i, (kind, _) in enumerate(TOKEN_NAMES)}
TOKEN_DISPLAY = dict(TOKEN_NAMES)

SHIFT, REDUCE = 0, 1


class Rule:
    """A grammar rule as the parser needs it: its action, left side and length."""

    __slots__ = ("number", "action", "origin", "length")

    def __init__(self, number, action, origin, length):
        self.number, self.action, self.origin, self.length = number, action, origin, length


class Tables:
    """Action and goto tables, and what bison-style error reports need.

    actions[state][token] is (SHIFT, state) or (REDUCE, rule number);
    gotos[state][nonterminal] is the next state; errors[state] holds the
    tokens that %nonassoc made explicit errors; default[state] is the rule
    bison reduces by on any other token, or None. A state whose only action
    is its default reduction is `consistent`: bison reduces there without
    reading the next token, which decides whether an error in an action or
    in the next token is reported first. The parse is done when `start` has
    been reduced, which leaves the parser in state `accept`.
    """

    def __init__(self, rules, actions, gotos, errors, default, consistent, start, accept):
        self.rules, self.actions, self.gotos = rules, actions, gotos
        self.errors, self.default, self.consistent = errors, default, consistent
        self.start, self.accept = start, accept


def _token_precedence():
    table = {}
    for level, (assoc, tokens) in enumerate(PRECEDENCE, 1):
        for token in tokens:
            table[token] = (level, assoc)
    return table


def _rule_precedence(rule, token_prec):
    if rule.alias in RULE_PRECEDENCE_OVERRIDES:
        return token_prec[RULE_PRECEDENCE_OVERRIDES[rule.alias]]
    for sym in reversed(rule.expansion):
        if sym.is_term and sym.name in token_prec:
            return token_prec[sym.name]
    return None


def _token_kind(terminal):
    """The lexer's name for a lark terminal (lark calls end of input $END),
    as a plain str: lark's own name objects compare slowly."""
    return "EOF" if terminal.name == "$END" else str(terminal.name)


def build(grammar_text):
    """Build the Tables for the grammar text (no cache)."""
    # lark is only needed here: a warm start loads the tables from the cache.
    from lark.common import ParserConf
    from lark.load_grammar import load_grammar
    from lark.parsers.lalr_analysis import LALR_Analyzer

    grammar, _ = load_grammar(grammar_text, "nix.lark", [], False)
    _terms, lark_rules, _ignore = grammar.compile(["start"], set())
    analyzer = LALR_Analyzer(ParserConf(lark_rules, {}, ["start"]))
    analyzer.compute_lr0_states()
    analyzer.compute_reads_relations()
    analyzer.compute_includes_lookback()
    analyzer.compute_lookaheads()

    token_prec = _token_precedence()
    numbers = {}
    rules = []
    for rule in lark_rules:
        numbers[rule] = len(rules)
        rules.append(Rule(len(rules), str(rule.alias), str(rule.origin.name), len(rule.expansion)))

    state_ids = {}
    for itemset in analyzer.lr0_itemsets:
        state_ids[itemset] = len(state_ids)
    actions, gotos, errors, default = [], [], [], []
    conflicts = []
    for itemset in analyzer.lr0_itemsets:
        act, go, err = {}, {}, set()
        for sym, target in itemset.transitions.items():
            if sym.is_term:
                act[_token_kind(sym)] = (SHIFT, state_ids[target])
            else:
                go[str(sym.name)] = state_ids[target]
        for la, la_rules in itemset.lookaheads.items():
            if len(la_rules) > 1:
                conflicts.append(f"reduce/reduce on {la.name}: {la_rules}")
                continue
            (rule,) = la_rules
            name = _token_kind(la)
            if name not in act:
                act[name] = (REDUCE, numbers[rule])
                continue
            rprec, tprec = _rule_precedence(rule, token_prec), token_prec.get(name)
            if rprec is None or tprec is None:
                conflicts.append(f"shift/reduce on {name}: {rule}")
            elif tprec[0] < rprec[0] or (tprec[0] == rprec[0] and tprec[1] == "left"):
                act[name] = (REDUCE, numbers[rule])
            elif tprec[0] == rprec[0] and tprec[1] == "nonassoc":
                del act[name]
                err.add(name)
        actions.append(act)
        gotos.append(go)
        errors.append(err)
        default.append(_default_reduction(act))
    if conflicts:
        raise ValueError("grammar/nix.lark has unresolved conflicts:\n" + "\n".join(conflicts))
    start = state_ids[analyzer.lr0_start_states["start"]]
    consistent = [
        d if d is not None and not e and all(a == (REDUCE, d) for a in act.values()) else None
        for act, e, d in zip(actions, errors, default)]
    return Tables(rules, actions, gotos, errors, default, consistent, start, gotos[start]["start"])


def _default_reduction(act):
    """Bison's default reduction: the rule reduced on the most tokens."""
    counts = {}
    for kind, arg in act.values():
        if kind == REDUCE:
            counts[arg] = counts.get(arg, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda r: counts[r])


@functools.cache
def grammar_text():
    with open(cache.grammar_path(), encoding="utf-8") as f:
        return f.read()


_tables = None


def load():
    """The Tables for the shipped grammar, from the disk cache when possible."""
    global _tables
    if _tables is None:
        key = "tables-" + cache.fingerprint()
        data = cache.get(key)
        if data is not None:
            _tables = pickle.loads(data)
        else:
            _tables = build(grammar_text())
            cache.put(key, pickle.dumps(_tables, protocol=pickle.HIGHEST_PROTOCOL))
    return _tables
