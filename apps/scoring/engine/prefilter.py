"""Literal prefilter: the strings one of which every match of a regex must contain.

Scanning ~150 patterns over every profile costs milliseconds; checking a few `in` substrings
first and running only the patterns whose literals occur keeps scoring well under one.
Derived from the regex's own parse tree, so patterns stay the single source of truth.
"""

from __future__ import annotations

import re

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


_TOKEN = re.compile(r"[^\s.,;:!?()\[\]\"“”]+")
_TOKEN_CACHE_MAX = 200_000


class LiteralIndex:
    """Finds which of many literals occur in a text.

    Literals that fit inside one token are looked up per distinct token (cached across calls: a
    vocabulary repeats from profile to profile); the few that span tokens ("in car") use `in`.
    """

    def __init__(self, literals: set[str]):
        self._simple = frozenset(lit for lit in literals if _TOKEN.fullmatch(lit))
        self._spanning = tuple(sorted(lit for lit in literals if lit not in self._simple))
        self._max_len = max((len(lit) for lit in self._simple), default=0)
        self._cache: dict[str, frozenset[str]] = {}

    def _in_token(self, token: str) -> frozenset[str]:
        simple, n, top = self._simple, len(token), self._max_len
        return frozenset(token[i:j] for i in range(n) for j in range(i + 1, min(n, i + top) + 1) if token[i:j] in simple)

    def present(self, low: str) -> set[str]:
        """The literals that occur in low (an already lower-cased text)."""
        cache = self._cache
        if len(cache) > _TOKEN_CACHE_MAX:
            cache.clear()
        tokens = set(_TOKEN.findall(low))
        get = cache.get
        known = [get(token) for token in tokens]
        if None in known:  # tokens not seen before
            known = [lits if lits is not None else cache.setdefault(token, self._in_token(token))
                     for token, lits in zip(tokens, known)]
        found: set[str] = set().union(*known)
        for lit in self._spanning:
            if lit in low:
                found.add(lit)
        return found

    def first_positions(self, low: str) -> dict[str, int]:
        """Each literal that occurs in low -> offset of its first occurrence."""
        find = low.find
        return {lit: find(lit) for lit in self.present(low)}


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
