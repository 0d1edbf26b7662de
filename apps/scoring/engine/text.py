"""Text helpers: regex compilation, clause scope and negation in English and Korean."""

from __future__ import annotations

import re
from bisect import bisect_right

# re.ASCII keeps \b and \w Latin-only, so "API를" still has a word boundary after "API":
# Korean particles attach to Latin words without a space.
FLAGS = re.IGNORECASE | re.ASCII


def split_top_level(pattern: str) -> list[str]:
    """Split a regex at its top-level "|" (outside groups and character classes)."""
    parts, depth, in_class, escaped, cur = [], 0, False, False, []
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


def has_hangul(s: str) -> bool:
    """True when the string holds a Hangul syllable."""
    return bool(_HANGUL_CHARS.search(s))


_HANGUL_CHARS = re.compile("[\uac00-\ud7a3]")


# ---------------------------------------------------------------- English scope
# A clause ends at sentence punctuation, a dash, or a conjunction that starts a new claim;
# negation before that boundary does not reach the hit.
_EN_BOUNDARY = re.compile(
    r"[.;:!?()\u2014\u2013]|\s-\s"
    r"|,"
    r"|\b(?:but|while|whereas|although|though|however|except|unless|so|because|which|who)\b"
    r"|\band\s+(?=(?:then\s+|also\s+|now\s+)?(?:calls|uses|runs|trains|sells|has|holds|is|offers|builds|relies"
    r"|sends|charges|keeps|owns|serves|licenses|ships|adds|works|depends|fine-tunes|makes|lets)\b)",
    FLAGS,
)
_EN_CUE = re.compile(
    r"\b(?:no|not|never|without|none|neither|nor|lacks?|lacking|unlike|instead\s+of|rather\s+than"
    r"|free\s+of|absent|cannot|zero)\b|n't\b|\bno\s+longer\b",
    FLAGS,
)
# Phrases that contain a negation word but affirm something ("cannot be crawled").
_EN_NEUTRAL = re.compile(
    r"\b(?:cannot|can't|can\s+not|could\s+not|couldn't|not)\s+be\s+(?:crawled|scraped|copied|bought|"
    r"replicated|found|obtained|licensed|reproduced)\b"
    r"|\bnot\s+(?:only|just|merely)\b|\bno-code\b|\bno\s+matter\b|\bno\s+one\s+else\b|\bnowhere\s+else\b"
    r"|\bnot\s+(?:publicly\s+)?available\s+(?:elsewhere|publicly|online|to\s+(?:others|competitors))\b"
    r"|\bnot\s+public(?:ly\s+available)?\b|\bno\s+(?:longer\s+)?needs?\s+to\s+ask\b"
    r"|\bwithout\s+(?:being\s+asked|asking|a\s+prompt|prompting|you\s+asking|lifting)\b"
    r"|\bnot\s+at\s+all\b|\bor\s+not\b",
    FLAGS,
)
_EN_FORWARD = re.compile(  # used with .match at the end of the hit
    r"[^.;:!?,]{0,25}?\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:not|never)\b"
    r"|\s*(?:\(|:)?\s*(?:none|no)\b",
    FLAGS,
)
_LIST_WORDS = re.compile(r"[A-Za-z\-]+")
# A comma item starting a new subject ("Unlike X, it books ...") is a new clause, not a list item;
# and only list negators ("no X, Y or Z") distribute over the items after a comma.
_NEW_SUBJECT = re.compile(r"\b(?:it|we|they|he|she|this|which|who|users?|customers?|the\s+company)\b", FLAGS)
_LIST_CUE = re.compile(r"\b(?:no|not|never|without|none|neither|nor|lacks?|lacking)\b|n't\b", FLAGS)


_HANGUL = re.compile("[\uac00-\ud7a3]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SENTENCE_END = re.compile(r"[.;!?\n]")


class FieldText:
    """One profile field with its boundaries computed once, so each hit's checks are cheap."""

    __slots__ = ("text", "low", "hangul", "_bounds", "_bound_ends", "_sentences")

    def __init__(self, text: str):
        self.text = text
        # ASCII-only lower-casing keeps offsets identical to the original text.
        self.low = text.translate(_ASCII_LOWER)
        self.hangul = bool(_HANGUL.search(text))
        self._bounds: list[tuple[int, int, bool]] | None = None
        self._bound_ends: list[int] = []
        self._sentences: list[int] | None = None

    def bounds(self) -> list[tuple[int, int, bool]]:
        """English clause boundaries as (start, end, is_comma), in order."""
        if self._bounds is None:
            self._bounds = [(m.start(), m.end(), m.group(0) == ",") for m in _EN_BOUNDARY.finditer(self.text)]
            self._bound_ends = [b[1] for b in self._bounds]
        return self._bounds

    def sentence_start(self, pos: int) -> int:
        """Offset where the sentence holding pos begins."""
        if self._sentences is None:
            self._sentences = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        i = bisect_right(self._sentences, pos) - 1
        return self._sentences[i] if i >= 0 else 0


def _has_cue(text: str, lo: int, hi: int) -> bool:
    if lo >= hi or not _EN_CUE.search(text, lo, hi):
        return False
    return bool(_EN_CUE.search(_mask(text[lo:hi], _EN_NEUTRAL)))


def _en_clause_start(ft: FieldText, pos: int) -> int:
    """Start of the English clause holding pos, skipping back over short list items."""
    bounds = ft.bounds()
    window_start = max(0, pos - 160)
    i = bisect_right(ft._bound_ends, pos) - 1
    if i < 0 or bounds[i][1] < window_start:
        return window_start
    start = bounds[i][1]
    text = ft.text
    # "no own model, fine-tuning or data": a short comma item inherits the earlier negation.
    while (i >= 0 and bounds[i][2] and len(_LIST_WORDS.findall(text, bounds[i][1], pos)) <= 4
           and not _NEW_SUBJECT.search(text, bounds[i][1], pos)):
        prev_end = bounds[i - 1][1] if i > 0 and bounds[i - 1][1] >= window_start else window_start
        if _LIST_CUE.search(text, prev_end, bounds[i][0]) and _has_cue(text, prev_end, bounds[i][0]):
            start = prev_end
            i -= 1
        else:
            break
    return start


def _en_clause_end(ft: FieldText, pos: int) -> int:
    bounds = ft.bounds()
    i = bisect_right(ft._bound_ends, pos)
    limit = min(len(ft.text), pos + 120)
    while i < len(bounds) and bounds[i][0] < pos:
        i += 1
    return min(bounds[i][0], limit) if i < len(bounds) else limit


def _mask(segment: str, neutral: re.Pattern[str]) -> str:
    return neutral.sub(lambda m: " " * len(m.group(0)), segment)


def english_negated(ft: FieldText, start: int, end: int, inner: bool = True) -> bool:
    """True when an English negation cue governs the span within its clause (or sits inside it)."""
    text = ft.text
    if inner and _has_cue(text, start, end):
        return True  # "usage data never improves the model": the cue sits in the pattern's gap
    if _has_cue(text, _en_clause_start(ft, start), start):
        return True
    return bool(_EN_FORWARD.match(text, end, _en_clause_end(ft, end)))


# ---------------------------------------------------------------- Korean scope
# Korean negates after the phrase ("자체 데이터는 아직 없다", "API를 쓰지 않고"), so scan the
# following words up to the clause end; a connective ending (…고, …며, …지만) closes the clause.
_KO_TOKEN = re.compile(r"[^\s.,;:!?()\[\]\"'“”‘’\u2014]+|[.,;:!?()\u2014]")
_KO_STOP_PUNCT = frozenset(".,;:!?()\u2014")
_KO_CONNECTIVE = re.compile(r"(?:고|며|지만|는데|면서|으나|거나|므로|니까|어서|아서|해서|하여)$")
_KO_NOUN_GO = frozenset({"광고", "재고", "최고", "참고", "보고", "사고", "신고", "공고", "창고", "경고", "고고"})
_KO_CUE = re.compile(r"없|않|^아니|^아닌|^안$|^못|지\s*못|^대신|^말고|^제외")
# "크롤링할 수 없는": a negation that affirms exclusivity, not the absence of the thing.
_KO_NEUTRAL = re.compile(
    r"(?:크롤링|수집|구|얻|복제|따라|베끼|베낄|모방|구매|확보|접근|흉내)\S*\s*수\s*없\S*"
    r"|끊임없\S*|상관없\S*|틀림없\S*|빠짐없\S*|(?:필요|상관)\s*없이\s*(?=\S)"
    r"|묻기\s*전|요청(?:하기)?\s*전|말하기\s*전|없이도"
)
_KO_MAX_TOKENS = 7


_KO_CUE_ANY = re.compile(r"없|않|아니|아닌|안|못|대신|말고|제외")


def korean_negated(ft: FieldText, start: int, end: int) -> bool:
    """True when a Korean negation ending follows the span inside the same clause."""
    text = ft.text
    tail_end = min(len(text), end + 60)
    if not ft.hangul or not _KO_CUE_ANY.search(text, end, tail_end):
        return False
    tail = _mask(text[end:tail_end], _KO_NEUTRAL)
    count = 0
    for m in _KO_TOKEN.finditer(tail):
        tok = m.group(0)
        if tok in _KO_STOP_PUNCT:
            return False
        if _KO_CUE.search(tok):
            return True
        count += 1
        if count >= _KO_MAX_TOKENS:
            return False
        if _KO_CONNECTIVE.search(tok) and tok not in _KO_NOUN_GO:
            return False
    return False


def is_negated(ft: FieldText, start: int, end: int, inner: bool = True) -> bool:
    """Negation of a span in either language, scoped to its clause."""
    return english_negated(ft, start, end, inner) or korean_negated(ft, start, end)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough clause around a span (both languages), used for actor checks."""
    lo = max(0, start - 160)
    seg = text[lo:start]
    cut = max(seg.rfind(ch) for ch in ".;!?\n")
    c0 = lo + cut + 1 if cut >= 0 else lo
    hi = min(len(text), end + 160)
    seg2 = text[end:hi]
    idx = [i for i in (seg2.find(ch) for ch in ".;!?\n") if i >= 0]
    c1 = end + min(idx) if idx else hi
    return c0, c1
