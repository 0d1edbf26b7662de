"""Find signals in a profile's text: prefiltered patterns per family, then context rules
(negation, who acts, whose model, secondary mentions)."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from .patterns import FAMILIES
from .patterns_use import FAMILIES_USE
from .prefilter import LiteralIndex, match_prefixes, required_literals, tail_gate
from .text import FLAGS, HELPER_WORDS, FieldText, has_hangul, negated, split_top_level
from .types import Hit, Profile

ALL_FAMILIES: dict[str, list[tuple[str, str]]] = {**FAMILIES, **FAMILIES_USE}

# Families whose negation is not meaningful (context-only markers).
_NO_NEGATION = frozenset({"human_agent", "chat_only", "big_tech", "frontier"})


_UPPER = re.compile(r"(?<!\\)[A-Z]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_new = tuple.__new__  # builds a Hit without the NamedTuple's Python-level __new__ (hot path)


def _compile_family(items: list[tuple[str, str]]) -> tuple[tuple[str, re.Pattern[str], tuple[frozenset[str], ...], bool, bool, tuple[str, ...] | None, re.Pattern[str] | None], ...]:
    """Each top-level branch -> (code, pattern, prefilter literals, is Korean, needs a word boundary at start,
    anchoring prefixes, tail gate).

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
            anchors, gate = _anchors(src)
            out.append((code, re.compile(src, re.ASCII), lits, has_hangul(branch), boundary, anchors, gate))
    return tuple(out)


def _anchors(src: str) -> tuple[tuple[str, ...] | None, re.Pattern[str] | None]:
    """How to find a branch's matches: (anchoring prefixes, None) to try the pattern only where a prefix occurs
    (a few str.find and .match calls), or (None, tail gate or None) to let the regex scan the text itself.

    Prefixes must be distinctive: two characters, or one outside ASCII (a Hangul syllable); otherwise a scan
    does better, after a tail gate (prefilter.tail_gate) when the pattern has one: a text without the tail
    needs no scan. Whichever way, the matches are the same (those of finditer); only the time differs.
    """
    prefixes = match_prefixes(src, re.ASCII)
    if prefixes is not None and all(len(p) >= 2 for p in prefixes):
        return prefixes, None
    gate = tail_gate(src, re.ASCII)
    if gate is not None:
        return None, re.compile(gate, re.ASCII)
    if prefixes is not None and all(len(p) >= 2 or not p.isascii() for p in prefixes):
        return prefixes, None
    return None, None


# Compiled once at import. Each alternative carries the literals one of which any match must contain
# (prefilter.py), so most patterns never run on a given profile.
_COMPILED = tuple((family, _compile_family(items)) for family, items in ALL_FAMILIES.items())
_BRANCHES = tuple((family, idx, *alt) for family, alts in _COMPILED for idx, alt in enumerate(alts))
_LOOKBACK = 200  # longest stretch a pattern may span before its literal (patterns stay within a clause)

# The literal index tags every literal with the ids (ints >= 0) of the literal groups it belongs to, and with
# ~bid (ints < 0) for each branch whose first group holds it. The set a text gives back then names its candidate
# branches (a branch runs only when every one of its groups occurs) without a loop over literals or branches.
_GROUP_ID: dict[frozenset[str], int] = {}
for _b in _BRANCHES:
    for _g in _b[4] or ():
        _GROUP_ID.setdefault(_g, len(_GROUP_ID))
_TAGS: dict[str, set[int]] = {}
for _g, _gid in _GROUP_ID.items():
    for _lit in _g:
        _TAGS.setdefault(_lit, set()).add(_gid)
for _bid, _b in enumerate(_BRANCHES):
    for _lit in (_b[4][0] if _b[4] else ()):
        _TAGS[_lit].add(~_bid)
_LITERALS = LiteralIndex(set(_TAGS) | {p for b in _BRANCHES if b[7] for p in b[7]} | set(HELPER_WORDS), _TAGS)
_TRIGGERS = frozenset(~bid for bid, b in enumerate(_BRANCHES))
_TRIGGERS_LATIN = frozenset(~bid for bid, b in enumerate(_BRANCHES) if not b[5])  # Korean branches need Hangul
_ALWAYS = frozenset(~bid for bid, b in enumerate(_BRANCHES) if not b[4])  # without literals (none today): always run
_ALWAYS_LATIN = _ALWAYS & _TRIGGERS_LATIN

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


def _matches(ft: FieldText) -> dict[str, list[tuple[int, int, str]]]:
    """Per family, non-overlapping matches, leftmost first and earlier branch first on ties (as one alternation)."""
    low = ft.low
    present = ft.present = _LITERALS.present(low)  # literals in the text, their groups and the branches they trigger
    cands = present & (_TRIGGERS if ft.hangul else _TRIGGERS_LATIN)  # Korean branches cannot match without Hangul
    if _ALWAYS:
        cands |= _ALWAYS if ft.hangul else _ALWAYS_LATIN
    if not cands:
        return {}
    find = low.find
    where: dict[str, list[int]] = {}  # anchoring prefix -> offsets of all its occurrences
    found: dict[str, list[tuple[int, int, int, str]]] = {}
    for t in cands:
        branch = _RUN[~t]
        if not branch[5] <= present:  # a literal group the branch needs is missing
            continue
        family, idx, code, finditer, match, _, boundary, anchors, scan = branch
        spans = []
        long = False  # a match longer than _LOOKBACK may start before a scan window: scan from the start then
        if anchors is None:
            spans = _scan(finditer, low, scan, present, find)
        elif anchors.__class__ is str:
            # One literal every match starts with: the regex engine finds it by itself, in C.
            for m in finditer(low):
                x, e = m.span()
                spans.append((x, e))
                if e - x > _LOOKBACK:
                    long = True
        else:
            # Every match starts with an anchoring prefix: try the pattern only where one occurs, in order,
            # resuming after each match (exactly what finditer would return from the same start).
            starts: list[int] | None = None
            for pre in anchors.intersection(present):
                at = where.get(pre)
                if at is None:  # every occurrence, overlapping ones too
                    at = where[pre] = []
                    i = find(pre)
                    while i >= 0:
                        at.append(i)
                        i = find(pre, i + 1)
                starts = at if starts is None else sorted(starts + at)
            if starts is None:
                continue
            last = -1
            for x in starts:
                if x >= last:
                    m = match(low, x)
                    if m is not None:
                        last = m.end()
                        spans.append((x, last))
                        if last - x > _LOOKBACK:
                            long = True
        if not spans:
            continue
        if long:
            spans = _scan(finditer, low, scan, present, find)
        items = found.get(family)
        if items is None:
            items = found[family] = []
        for start, end in spans:
            if boundary and start and low[start - 1] in _WORD and low[start] in _WORD:
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


def _scan(finditer, low: str, scan: tuple, present: set, find) -> list[tuple[int, int]]:
    """All matches from a clause before the first occurrence of a first-group literal (a match holds one);
    none when the branch's tail gate does not occur there."""
    first, gate = scan
    lo = min([find(lit) for lit in first.intersection(present)]) if first else 0
    lo = lo - _LOOKBACK if lo > _LOOKBACK else 0
    if gate is not None and gate(low, lo) is None:
        return []
    return [m.span() for m in finditer(low, lo)]


def _anchor_set(anchors: tuple[str, ...] | None) -> frozenset[str] | str | None:
    """A branch's anchoring prefixes as _matches uses them: a lone prefix as a plain string."""
    if not anchors:
        return None
    return anchors[0] if len(anchors) == 1 else frozenset(anchors)


# Per branch, what _matches needs at run time: bound finditer and match, the literal groups it needs (ids),
# whether a word boundary must precede it, its anchoring prefixes, and for a scan (_scan) its first literal group
# with its tail gate's search.
_RUN = tuple(
    (family, idx, code, pattern.finditer, pattern.match, frozenset(_GROUP_ID[g] for g in literals or ()), boundary,
     _anchor_set(anchors), (literals[0] if literals else None, gate.search if gate else None))
    for family, idx, code, pattern, literals, korean, boundary, anchors, gate in _BRANCHES)


def _scan_field(field: str, ft: FieldText) -> list[Hit]:
    """The field's hits, ordered by offset (then family)."""
    hits: list[Hit] = []
    text = ft.text
    low = ft.low
    in_name = field == "name"
    for family, matches in _matches(ft).items():
        check_negation = family not in _NO_NEGATION
        for start, end, code in matches:
            evidence = text[start:end]
            stripped = evidence.rstrip()  # trailing whitespace is not evidence (str.isspace, as rstrip uses)
            if len(stripped) != len(evidence):
                evidence = stripped
                end = start + len(stripped)
            if family == "fm_api" and low.endswith(_API_ENDINGS, start, end):  # as _API_TAIL.search(text, start, end)
                code = "third_party_api"  # "runs on a third-party model API": the API form is the stronger claim
            if family == "own_model" and _YOUR.search(text, start, end):
                continue  # "train your own models" speaks to a customer (a platform), not about the company
            neg = check_negation and negated(ft, start, end, code not in _NEGATION_INSIDE)
            weak = in_name
            if not weak and ft.also_in(0, start):  # "Also releases open models": a side activity
                lo = max(0, ft.sentence_start(start) - 1)
                weak = ft.also_in(lo, start) and _ALSO_BEFORE.search(text, lo, start) is not None
            hits.append(_new(Hit, (family, code, field, start, end, evidence, neg, weak)))
    if len(hits) > 1:
        hits.sort(key=_START_FAMILY)
    return hits


_START_FAMILY = itemgetter(3, 0)  # a Hit's (start, family)


def _apply_context(hits: list[Hit], fields: dict[str, FieldText]) -> list[Hit]:
    humans: list[Hit] = []
    owners: list[Hit] = []  # per-user fine-tuning, or customers who train: the model is not the company's own
    for h in hits:
        family = h[0]
        if family == "human_agent":
            humans.append(h)
        elif family == "per_user_finetune" or (family == "tooling" and h[1] == "enable_builders"):
            owners.append(h)
    out: list[Hit] = []
    for h in hits:
        family = h[0]
        if family in _CONTEXT_FAMILIES:
            ft = fields[h[2]]
            text = ft.text
            if family == "agent_action" or family == "agent_mention":
                c0, c1 = ft.clause_bounds(h.start, h.end)
                # A human agent ("travel agent", "상담원") in the clause is the actor, not an AI.
                if any(x.field == h.field and c0 <= x.start < c1 and not _CLAUSE_BREAK.search(
                        text, min(x.end, h.end), max(x.start, h.start)) for x in humans):
                    continue
                if family == "agent_action" and (
                    _USER_ACTS_BEFORE.search(text[max(0, h.start - 60):h.start])
                    or _USER_ACTS_AFTER_KO.search(text[h.end:h.end + 16])
                ):
                    continue
            elif family == "own_model":
                # Per-user fine-tuning of someone else's model, or training done by customers on a platform,
                # is not the company's own model.
                lo, hi = ft.sentence_span(h.start, h.end)
                if any(x.field == h.field and lo <= x.start < hi for x in owners):
                    continue
            elif family == "fm_api" and _OWNED_BEFORE.search(text[max(0, h.start - 30):h.start]):
                continue  # "its own model API" is a product it sells, not a dependency
        out.append(h)
    return out


_CONTEXT_FAMILIES = frozenset({"agent_action", "agent_mention", "own_model", "fm_api"})


DETECT_CACHE_SIZE = 8192  # profiles; about 2-4 KB each (hits and their evidence strings)


@lru_cache(maxsize=DETECT_CACHE_SIZE)
def detect_fields(name: str, one_liner: str, description: str) -> tuple[Hit, ...]:
    """All signal hits in the three text fields, in reading order; cached, since detection depends only
    on the text (not on the thesis): rescoring the same profiles against a new thesis version skips it."""
    hits: list[Hit] = []
    fields: dict[str, FieldText] = {}
    for field, text in (("name", name), ("one_liner", one_liner), ("description", description)):
        if text:  # in reading order, each field's hits by offset (then family)
            ft = fields[field] = FieldText(text)
            hits.extend(_scan_field(field, ft))
    return tuple(_apply_context(hits, fields))


def detect(profile: Profile) -> list[Hit]:
    """All signal hits in the profile's name, one-liner and description, in reading order."""
    return list(detect_fields(profile.name or "", profile.one_liner or "", profile.description or ""))
