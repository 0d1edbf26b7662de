"""Literal prefilter: the strings one of which every match of a regex must contain.

Scanning ~150 patterns over every profile costs milliseconds; checking a few `in` substrings
first and running only the patterns whose literals occur keeps scoring well under one.
Derived from the regex's own parse tree, so patterns stay the single source of truth.
"""

from __future__ import annotations

import re
from typing import Hashable, Iterable, Mapping

try:  # Python 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_MAX_EXACT = 64  # cap on alternative spellings tracked exactly before falling back to "required"


class _Info:
    """exact: every string the node can match (None if unknown).
    reqs: literal sets that must all be hit, each by at least one of its strings (a conjunction)."""

    __slots__ = ("exact", "reqs")

    def __init__(self, exact: frozenset[str] | None, reqs: tuple[frozenset[str], ...] = ()):
        self.exact = exact
        self.reqs = reqs

    def required(self) -> tuple[frozenset[str], ...]:
        if self.exact is not None and all(self.exact):
            return (self.exact,)
        return self.reqs


# Words so common that requiring them filters nothing.
_COMMON = frozenset("a an the on in of to for and or is are it its with by at as from be this that per no not".split())


def _score(s: frozenset[str]) -> float:
    # Fewer and longer literals filter better; common words barely filter at all.
    if not s or any(not x for x in s):
        return float("-inf")
    penalty = 200 if any(x.strip(" -") in _COMMON or (len(x.strip()) < 2 and x.isascii()) for x in s) else 0
    return min(len(x) for x in s) * 10 - len(s) - penalty


def _useful(sets) -> tuple[frozenset[str], ...]:
    good = sorted({x for x in sets if _score(x) > -100}, key=_score, reverse=True)
    return tuple(good[:3])


def _best_one(sets: tuple[frozenset[str], ...]) -> frozenset[str] | None:
    valid = [x for x in sets if x and all(x)]
    return max(valid, key=_score) if valid else None


def _seq(items: list) -> _Info:
    run: frozenset[str] = frozenset({""})  # exact strings of the contiguous run since the last unknown node
    reqs: list[frozenset[str]] = []
    broken = False
    for item in items:
        info = _node(*item)
        if info.exact is not None and len(run) * len(info.exact) <= _MAX_EXACT:
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        broken = True
        if all(run):
            reqs.append(run)
        reqs.extend(info.required())
        run = info.exact if info.exact is not None and len(info.exact) <= _MAX_EXACT else frozenset({""})
    if not broken:
        return _Info(run)
    if all(run):
        reqs.append(run)
    return _Info(None, _useful(reqs) or tuple(x for x in reqs if all(x))[:1])


def _node(op, av) -> _Info:
    if op is C.LITERAL:
        return _Info(frozenset({chr(av).lower()}))
    if op is C.NOT_LITERAL or op is C.ANY:
        return _Info(None)
    if op is C.IN:
        chars = set()
        for kind, val in av:
            if kind is C.LITERAL:
                chars.add(chr(val).lower())
            elif kind is C.RANGE and val[1] - val[0] < 8:
                chars.update(chr(c).lower() for c in range(val[0], val[1] + 1))
            else:
                return _Info(None)
        return _Info(frozenset(chars))
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _Info(frozenset({""}))
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is C.BRANCH:
        infos = [_seq(list(b)) for b in av[1]]
        if all(i.exact is not None for i in infos) and sum(len(i.exact) for i in infos) <= _MAX_EXACT:
            return _Info(frozenset().union(*(i.exact for i in infos)))
        bests = [_best_one(i.required()) for i in infos]
        if any(b is None for b in bests):
            return _Info(None)
        return _Info(None, (frozenset().union(*bests),))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        info = _seq(list(sub))
        if lo == 0:
            if hi == 1 and info.exact is not None:
                return _Info(info.exact | {""})
            return _Info(None)
        if lo == hi == 1:
            return info
        return _Info(None, info.required())
    return _Info(None)


def required_literals(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Lower-cased literal sets that every match hits (one string of each set); () when none can be derived."""
    try:
        tree = P.parse(pattern, flags)
    except Exception:  # pragma: no cover - a parser change must not break scoring
        return ()
    return tuple(x for x in _seq(list(tree)).required() if x and all(x) and not any(y.isspace() for y in x))


_TOKEN_CACHE_MAX = 200_000


class LiteralIndex:
    """Finds which of many literals occur in a text, together with the tags each literal carries.

    A literal without whitespace lies inside one whitespace-separated token, so those are looked up per
    distinct token (cached across calls: a vocabulary repeats from profile to profile); the few literals with
    whitespace ("in car") use `in`, and only when their first word occurs.

    Tags are what a caller wants to know once a literal occurs (signals.py: the literal groups it satisfies and
    the patterns it brings into play); present() returns them mixed with the literals, so one set union per
    text gives both. Tags must not equal any literal.
    """

    def __init__(self, literals: set[str], tags: Mapping[str, Iterable[Hashable]] | None = None):
        tags = tags or {}
        self._tags = {lit: frozenset(tags.get(lit, ())) for lit in literals}
        spanning = sorted(lit for lit in literals if any(ch.isspace() for ch in lit))
        # A literal with whitespace is looked for only when its first word occurs (every one of them does).
        self._always: tuple[tuple[str, frozenset[Hashable]], ...] = tuple(
            (lit, self._tags[lit] | {lit}) for lit in spanning if lit[0].isspace())
        self._by_first: dict[str, tuple[tuple[str, frozenset[Hashable]], ...]] = {}
        for lit in spanning:
            if not lit[0].isspace():
                first = lit.split(None, 1)[0]
                self._by_first[first] = self._by_first.get(first, ()) + ((lit, self._tags[lit] | {lit}),)
        self._firsts = frozenset(self._by_first)
        self._simple = frozenset(literals).difference(spanning) | self._firsts
        self._lengths: dict[str, tuple[int, ...]] = {}  # first character -> lengths of the literals it starts
        for lit in self._simple:
            if lit:
                self._lengths[lit[0]] = tuple(sorted(set(self._lengths.get(lit[0], ())) | {len(lit)}))
        self._cache = _TokenCache(self._in_token)

    def _in_token(self, token: str) -> frozenset[Hashable]:
        simple, n, tags, lengths = self._simple, len(token), self._tags, self._lengths
        found = {token[i:i + k] for i in range(n) for k in lengths.get(token[i], ()) if i + k <= n
                 and token[i:i + k] in simple}
        return frozenset(found.union(*[tags[lit] for lit in found if lit in tags]))

    def present(self, low: str) -> set[Hashable]:
        """The literals that occur in low (an already lower-cased text), and their tags."""
        cache = self._cache
        if len(cache) > _TOKEN_CACHE_MAX:
            cache.clear()
        found: set[Hashable] = set().union(*map(cache.__getitem__, low.split()))
        for first in self._firsts.intersection(found):
            for lit, with_tags in self._by_first[first]:
                if lit in low:
                    found |= with_tags
        for lit, with_tags in self._always:
            if lit in low:
                found |= with_tags
        return found


class _TokenCache(dict):
    """token -> what LiteralIndex finds in it, computed on first use."""

    def __init__(self, compute) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str) -> frozenset[Hashable]:
        value = self[token] = self._compute(token)
        return value


# ---------------------------------------------------------------- anchoring prefixes
# Every match of a regex starts with one of a few strings ("chip", "inference", "retention"...): then
# the regex need only be tried (with .match) where those strings occur, instead of letting `re` try
# every position of the text (it only skips ahead by itself when a pattern starts with one literal).
_MAX_PREFIXES = 64
_OPEN = frozenset({("", False)})  # a node whose first characters are unknown


def _prefix_seq(items: list) -> set[tuple[str, bool]]:
    """(prefix, complete) pairs: every match starts with a prefix; complete means the prefix is the
    whole match of the items seen so far, so the next item's prefixes extend it."""
    cur: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        if not any(done for _, done in cur):
            break
        sub = _prefix_node(op, av)
        nxt: set[tuple[str, bool]] = set()
        for s, done in cur:
            if not done:
                nxt.add((s, False))
                continue
            for t, d in sub:
                nxt.add((s + t, d))
        if len(nxt) > _MAX_PREFIXES:
            return {(s, False) for s, _ in cur}
        cur = nxt
    return cur


def _prefix_node(op, av) -> set[tuple[str, bool]]:
    if op is C.LITERAL:
        return {(chr(av), True)}
    if op is C.IN:
        chars = set()
        for kind, val in av:
            if kind is C.LITERAL:
                chars.add(chr(val))
            elif kind is C.RANGE and val[1] - val[0] < 8:
                chars.update(chr(c) for c in range(val[0], val[1] + 1))
            else:
                return set(_OPEN)
        return {(c, True) for c in chars}
    if op is C.SUBPATTERN:
        return _prefix_seq(list(av[-1]))
    if op is C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for b in av[1]:
            out |= _prefix_seq(list(b))
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        inner = _prefix_seq(list(sub))
        if lo == hi == 1:
            return inner
        out = {(s, False) for s, _ in inner}
        if lo == 0:
            out.add(("", True))
        return out
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", True)}  # zero-width: consumes nothing
    return set(_OPEN)


def match_prefixes(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of a case-sensitive pattern starts with (none a prefix of
    another), or None when a match may start with anything."""
    try:
        tree = P.parse(pattern, flags)
    except Exception:  # pragma: no cover - a parser change must not break scoring
        return None
    if tree.getwidth()[0] == 0:
        return None
    strings = {s for s, _ in _prefix_seq(list(tree))}
    if not strings or "" in strings:
        return None
    kept: list[str] = []
    for s in sorted(strings, key=len):
        if not any(s.startswith(k) for k in kept):
            kept.append(s)
    return tuple(sorted(kept))


# ---------------------------------------------------------------- tail gates
# A pattern that starts with something the regex engine cannot skip ahead to (a digit, an optional word,
# "a|the|...") is tried at every offset of the text. Yet every match holds a match of each tail of its top-level
# sequence: when a tail starts with known strings ("(?:model|llm)\s+apis?\b"), the engine finds it quickly, and a
# text without it needs no full scan.
_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
_ESCAPE_LEN = {"u": 6, "U": 10, "x": 4}


def sequence_items(pattern: str) -> list[str] | None:
    """The top-level items of a regex (each atom with its quantifier), in order; None for a top-level "|",
    a global inline flag or a back-reference, where a tail is not a regex of its own."""
    items: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            e = pattern[i + 1]
            if e.isdigit() or e in "gkN":
                return None
            j = i + _ESCAPE_LEN.get(e, 2)
        elif c == "[":
            j = i + 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            j += 1
        elif c == "(":
            if pattern.startswith("(?", i) and i + 2 < n and pattern[i + 2] not in ":=!<P" \
                    and ":" not in pattern[i + 2:pattern.find(")", i) + 1]:
                return None  # a global flag like (?i) applies to the whole pattern
            depth, j, in_class = 0, i, False
            while j < n:
                ch = pattern[j]
                if ch == "\\":
                    j += 2
                    continue
                if in_class:
                    in_class = ch != "]"
                elif ch == "[":
                    in_class = True
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            j += 1
        elif c == "|":
            return None
        else:
            j = i + 1
        if j > n:
            return None
        q = _QUANTIFIER.match(pattern, j)
        if q is not None:
            j = q.end()
        items.append(pattern[i:j])
        i = j
    return items if "".join(items) == pattern else None


def _min_width(pattern: str, flags: int) -> int:
    return P.parse(pattern, flags).getwidth()[0]


def tail_gate(pattern: str, flags: int = 0) -> str | None:
    """The longest tail of the pattern's top-level sequence that starts with known strings (match_prefixes) and
    is more than a plain string (those are in required_literals already), or None. Every match of the pattern
    contains a match of it."""
    try:
        items = sequence_items(pattern)
        if items is None:
            return None
        widths = [_min_width(item, flags) for item in items]
        for k in range(1, len(items)):
            if widths[k] == 0:
                continue
            tail = "".join(items[k:])
            if all(op is C.LITERAL for op, _ in P.parse(tail, flags)):
                break  # the rest is a plain string
            if match_prefixes(tail, flags) is not None:
                re.compile(tail, flags)
                return tail
    except Exception:  # pragma: no cover - a parser change must not break scoring; the gate only saves time
        return None
    return None
