"""Find signals in a profile's text: prefiltered patterns per family, then context rules
(negation, who acts, whose model, secondary mentions)."""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import FAMILIES
from .patterns_use import FAMILIES_USE
from .prefilter import LiteralIndex, match_prefixes, required_literals
from .text import FLAGS, FieldText, clause_bounds, has_hangul, negated, split_top_level
from .types import Hit, Profile

ALL_FAMILIES: dict[str, list[tuple[str, str]]] = {**FAMILIES, **FAMILIES_USE}

# Families whose negation is not meaningful (context-only markers).
_NO_NEGATION = frozenset({"human_agent", "chat_only", "big_tech", "frontier"})


_UPPER = re.compile(r"(?<!\\)[A-Z]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_new = tuple.__new__  # builds a Hit without the NamedTuple's Python-level __new__ (hot path)


def _compile_family(items: list[tuple[str, str]]) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None, bool, bool, tuple[str, ...] | None], ...]:
    """Each top-level branch -> (code, pattern, prefilter literals, is Korean, needs a word boundary at start,
    anchoring prefixes).

    Branches run case-sensitively on ASCII-lower-cased text without their leading \\b: a pattern that starts
    with literals lets the regex engine skip ahead in C instead of trying every position; the boundary is
    checked on the match instead. Each branch has its own literals, so only branches that can match run.
    """
    out = []
    for code, pattern in items:
        for branch in split_top_level(pattern):
            src = _UPPER.sub(lambda m: m.group(0).lower(), branch)
            boundary = src.startswith("\\b")
            if boundary:
                src = src[2:]
            lits = required_literals(src, re.ASCII)
            out.append((code, re.compile(src, re.ASCII), lits, has_hangul(branch), boundary, _anchors(src)))
    return tuple(out)


def _anchors(src: str) -> tuple[str, ...] | None:
    """Prefixes every match starts with, when they are distinctive enough to try the pattern only where they
    occur (a few str.find and .match calls); None to let the regex scan the text itself."""
    prefixes = match_prefixes(src, re.ASCII)
    if prefixes is None or any(len(p) < 2 for p in prefixes):
        return None
    return prefixes


# Compiled once at import. Each alternative carries the literals one of which any match must contain
# (prefilter.py), so most patterns never run on a given profile.
_COMPILED = tuple((family, _compile_family(items)) for family, items in ALL_FAMILIES.items())
_LITERALS = LiteralIndex({lit for _, alts in _COMPILED for alt in alts if alt[2] for group in alt[2] for lit in group}
                         | {p for _, alts in _COMPILED for alt in alts if alt[5] for p in alt[5]})
# Flat list of branches and an index from each literal of a branch's first literal set to the branch:
# a field's literals then name its candidate branches directly, without looping over all of them.
_BRANCHES = tuple((family, idx, *alt) for family, alts in _COMPILED for idx, alt in enumerate(alts))
_BY_LITERAL: dict[str, tuple[int, ...]] = {}
for _bid, _b in enumerate(_BRANCHES):
    for _lit in (_b[4][0] if _b[4] else ()):
        _BY_LITERAL[_lit] = _BY_LITERAL.get(_lit, ()) + (_bid,)
_LOOKBACK = 200  # longest stretch a pattern may span before its literal (patterns stay within a clause)
_ALWAYS = frozenset(bid for bid, b in enumerate(_BRANCHES) if not b[4])

# Codes whose own pattern contains a negation word ("no revenue", "model-agnostic").
_NEGATION_INSIDE = frozenset({"free_no_revenue", "model_agnostic", "proprietary_data"})

# "lets users book", "helps agents file claims": the person acts, the product only helps.
_USER_ACTS_BEFORE = re.compile(
    r"\b(?:lets?|helps?|allows?|enables?|so\s+that|where|for)\s+(?:[\w'’-]+\s+){0,3}?(?:to\s+)?$"
    r"|\b(?:users?|you|people|customers|teams|staff|clinicians|agents|humans?)\s+(?:can|could|may|must)\s+(?:\w+\s+)?$",
    FLAGS,
)
_USER_ACTS_AFTER_KO = re.compile(r"^\S*\s*(?:수\s*있(?:도록|게)|있도록\s*돕)")
_OWNED_BEFORE = re.compile(r"\b(?:its|our|their)\s+own\s+(?:[\w-]+\s+)?$|\b(?:its|our)\s+(?:[\w-]+\s+)?$", FLAGS)
_ALSO_BEFORE = re.compile(r"(?:^|[.;!?])\s*also\b[^.;!?]*$|\balso\s+$|\b(?:plans?|planning|aims?|hopes?)\s+to\s+"
                          r"(?:\w+\s+){0,3}$|또한\s*$|(?:할|될)\s*예정", FLAGS)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|while|unlike|whereas|instead)\b", FLAGS)
_API_TAIL = re.compile(r"apis?$", FLAGS)
_API_ENDINGS = ("api", "apis")  # _API_TAIL on a span that does not end in whitespace
_YOUR = re.compile(r"\byour\b", FLAGS)
_SENTENCE = re.compile(r"[.;!?\n]")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE.search(text, end)
    return lo, (m.start() if m else len(text))


def _matches(ft: FieldText) -> dict[str, list[tuple[int, int, str]]]:
    """Per family, non-overlapping matches, leftmost first and earlier branch first on ties (as one alternation)."""
    low = ft.low
    present = _LITERALS.present(low)
    if ft.hangul:
        by_literal, keys = _BY_LITERAL, _BY_LITERAL_KEYS
    else:  # Korean branches cannot match a text without Hangul
        by_literal, keys = _BY_LITERAL_LATIN, _BY_LITERAL_LATIN_KEYS
    cands = set().union(*[by_literal[lit] for lit in keys.intersection(present)])
    if _ALWAYS:  # branches without literals (none today) run on every text
        cands |= _ALWAYS if ft.hangul else _ALWAYS_LATIN
    if not cands:
        return {}
    # Literal groups with at least one literal present: a branch runs only when all of its groups are.
    groups = set().union(*[_GROUPS_OF[lit] for lit in _GROUP_KEYS.intersection(present)])
    find = low.find
    where: dict[str, list[int]] = {}  # anchoring prefix -> offsets of all its occurrences
    found: dict[str, list[tuple[int, int, int, str]]] = {}
    for bid in cands:
        family, idx, code, finditer, match, needs, boundary, anchors, first = _RUN[bid]
        if not needs <= groups:
            continue
        if anchors is None:
            spans = _scan(finditer, low, first, present, find)
        elif len(anchors) == 1:
            # One literal every match starts with: the regex engine finds it by itself, in C.
            spans = [m.span() for m in finditer(low)]
            if spans and max(e - x for x, e in spans) > _LOOKBACK:
                spans = _scan(finditer, low, first, present, find)  # a match may start before the scan window
        else:
            # Every match starts with an anchoring prefix: try the pattern only where one occurs, in order,
            # resuming after each match (exactly what finditer would return from the same start).
            starts: list[int] | None = None
            for pre in anchors.intersection(present):
                at = where.get(pre)
                if at is None:
                    at = where[pre] = _occurrences(find, pre)
                starts = at if starts is None else sorted(starts + at)
            if starts is None:
                continue
            spans = []
            last = -1
            for x in starts:
                if x >= last:
                    m = match(low, x)
                    if m is not None:
                        last = m.end()
                        spans.append((x, last))
            if spans and max(e - x for x, e in spans) > _LOOKBACK:
                spans = _scan(finditer, low, first, present, find)  # a match may start before the scan window
        if not spans:
            continue
        items = found.get(family)
        if items is None:
            items = found[family] = []
        for start, end in spans:
            if boundary and start > 0 and low[start - 1] in _WORD and low[start] in _WORD:
                continue
            items.append((start, idx, end, code))
    out: dict[str, list[tuple[int, int, str]]] = {}
    for family, items in found.items():
        if not items:
            continue
        if len(items) > 1:
            items.sort()
        kept: list[tuple[int, int, str]] = []
        last_end = -1
        for start, _, end, code in items:
            if start >= last_end and end > start:
                kept.append((start, end, code))
                last_end = end
        out[family] = kept
    return out


def _scan(finditer, low: str, first: frozenset[str] | None, present: set[str], find) -> list[tuple[int, int]]:
    """All matches from a clause before the first occurrence of a first-group literal (a match holds one)."""
    lo = min([find(lit) for lit in first.intersection(present)]) if first else 0
    return [m.span() for m in finditer(low, lo - _LOOKBACK if lo > _LOOKBACK else 0)]


def _occurrences(find, s: str) -> list[int]:
    out = []
    i = find(s)
    while i >= 0:
        out.append(i)
        i = find(s, i + 1)
    return out


# Per branch, what _matches needs at run time: bound finditer and match, the literal groups it needs (ids),
# whether a word boundary must precede it, its anchoring prefixes and its first literal group.
_GROUP_ID: dict[frozenset[str], int] = {}
for _b in _BRANCHES:
    for _g in _b[4] or ():
        _GROUP_ID.setdefault(_g, len(_GROUP_ID))
_GROUPS_OF: dict[str, frozenset[int]] = {}
for _g, _gid in _GROUP_ID.items():
    for _lit in _g:
        _GROUPS_OF[_lit] = _GROUPS_OF.get(_lit, frozenset()) | {_gid}
_GROUP_KEYS = frozenset(_GROUPS_OF)
_RUN = tuple(
    (family, idx, code, pattern.finditer, pattern.match, frozenset(_GROUP_ID[g] for g in literals or ()), boundary,
     frozenset(anchors) if anchors else None, literals[0] if literals else None)
    for family, idx, code, pattern, literals, korean, boundary, anchors in _BRANCHES)
_BY_LITERAL_LATIN = {lit: tuple(b for b in bids if not _BRANCHES[b][5]) for lit, bids in _BY_LITERAL.items()}
_BY_LITERAL_LATIN = {lit: bids for lit, bids in _BY_LITERAL_LATIN.items() if bids}
_BY_LITERAL_KEYS = frozenset(_BY_LITERAL)
_ALWAYS_LATIN = frozenset(b for b in _ALWAYS if not _BRANCHES[b][5])
_BY_LITERAL_LATIN_KEYS = frozenset(_BY_LITERAL_LATIN)


def _scan_field(field: str, text: str) -> list[Hit]:
    hits: list[Hit] = []
    ft = FieldText(text)
    low = ft.low
    in_name = field == "name"
    for family, matches in _matches(ft).items():
        check_negation = family not in _NO_NEGATION
        for start, end, code in matches:
            while end > start and text[end - 1].isspace():
                end -= 1
            if family == "fm_api" and low.endswith(_API_ENDINGS, start, end):  # as _API_TAIL.search(text, start, end)
                code = "third_party_api"  # "runs on a third-party model API": the API form is the stronger claim
            if family == "own_model" and _YOUR.search(text, start, end):
                continue  # "train your own models" speaks to a customer (a platform), not about the company
            neg = check_negation and negated(ft, start, end, code not in _NEGATION_INSIDE)
            weak = in_name or (ft.also_before(0, start) and _ALSO_BEFORE.search(
                text, max(0, ft.sentence_start(start) - 1), start) is not None)  # "Also releases open models"
            hits.append(_new(Hit, (family, code, field, start, end, text[start:end], neg, weak)))
    return hits


def _same_sentence(a: Hit, b: Hit, text: str) -> bool:
    if a.field != b.field:
        return False
    lo, hi = _sentence_span(text, a.start, a.end)
    return lo <= b.start < hi


def _apply_context(hits: list[Hit], texts: dict[str, str]) -> list[Hit]:
    by_family: dict[str, list[Hit]] = {}
    for h in hits:
        by_family.setdefault(h.family, []).append(h)
    humans = by_family.get("human_agent", [])
    per_user = by_family.get("per_user_finetune", [])
    builders = [h for h in by_family.get("tooling", []) if h.code == "enable_builders"]
    out: list[Hit] = []
    for h in hits:
        text = texts[h.field]
        if h.family in ("agent_action", "agent_mention"):
            c0, c1 = clause_bounds(text, h.start, h.end)
            # A human agent ("travel agent", "상담원") in the clause is the actor, not an AI.
            if any(x.field == h.field and c0 <= x.start < c1 and not _CLAUSE_BREAK.search(
                    text, min(x.end, h.end), max(x.start, h.start)) for x in humans):
                continue
            if h.family == "agent_action" and (
                _USER_ACTS_BEFORE.search(text[max(0, h.start - 60):h.start])
                or _USER_ACTS_AFTER_KO.search(text[h.end:h.end + 16])
            ):
                continue
        if h.family == "own_model":
            # Per-user fine-tuning of someone else's model, or training done by customers on a platform,
            # is not the company's own model.
            if any(_same_sentence(h, x, text) for x in per_user + builders):
                continue
        if h.family == "fm_api" and _OWNED_BEFORE.search(text[max(0, h.start - 30):h.start]):
            continue  # "its own model API" is a product it sells, not a dependency
        out.append(h)
    return out


DETECT_CACHE_SIZE = 8192  # profiles; about 2-4 KB each (hits and their evidence strings)


@lru_cache(maxsize=DETECT_CACHE_SIZE)
def detect_fields(name: str, one_liner: str, description: str) -> tuple[Hit, ...]:
    """All signal hits in the three text fields, in reading order; cached, since detection depends only
    on the text (not on the thesis): rescoring the same profiles against a new thesis version skips it."""
    texts = {"name": name, "one_liner": one_liner, "description": description}
    hits: list[Hit] = []
    for field, text in texts.items():
        if text:
            hits.extend(_scan_field(field, text))
    hits = _apply_context(hits, texts)
    hits.sort(key=_reading_order)
    return tuple(hits)


_FIELD_ORDER = {"name": 0, "one_liner": 1, "description": 2}


def _reading_order(h: Hit) -> tuple[int, int, str]:
    return (_FIELD_ORDER[h.field], h.start, h.family)


def detect(profile: Profile) -> list[Hit]:
    """All signal hits in the profile's name, one-liner and description, in reading order."""
    return list(detect_fields(profile.name or "", profile.one_liner or "", profile.description or ""))
