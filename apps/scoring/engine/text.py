"""Text helpers: regex compilation, clause scope and negation in English and Korean."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

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
_EN_STOP_CHARS = ".;:!?()\u2014\u2013"
_EN_BOUNDARY_WORDS = ("but", "while", "whereas", "although", "though", "however", "except", "unless", "so", "because",
                      "which", "who")
_EN_AND_CLAUSE = (r"\band\s+(?=(?:then\s+|also\s+|now\s+)?(?:calls|uses|runs|trains|sells|has|holds|is|offers|builds"
                  r"|relies|sends|charges|keeps|owns|serves|licenses|ships|adds|works|depends|fine-tunes|makes|lets)\b)")
_EN_BOUNDARY = re.compile(
    "[" + _EN_STOP_CHARS + r"]|\s-\s"
    r"|,"
    r"|\b(?:" + "|".join(_EN_BOUNDARY_WORDS) + r")\b"
    r"|" + _EN_AND_CLAUSE,
    FLAGS,
)
# en_boundaries() finds the same matches as _EN_BOUNDARY with str.find on the lower-cased text.
_AND_CLAUSE_AT = re.compile(_EN_AND_CLAUSE, re.ASCII)  # used with .match on lower-cased text
_ASCII_SPACE = frozenset(" \t\n\r\f\v")  # \s under re.ASCII
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


# Cheap gates in front of the negation and side-activity rules. Each lists, once per field, every offset
# where a match of the rule's cue could begin; a hit whose window holds none of them cannot be negated
# (or weak), so the exact rule runs only for the few hits with a cue nearby.
# English: every cue word of _EN_CUE and _EN_FORWARD starts a word (after \b or whitespace) with one of
# these prefixes, except "n't" (its own entry) and "no" right at a hit's end (checked separately).
_EN_CUE_WORDS = ("no", "never", "neither", "without", "lack", "unlike", "instead", "rather", "free", "absent", "cannot",
                 "zero")
_EN_CUE_GLUED = ("n't",)
# The offsets are those of this regex's matches; literal_starts() finds them with str.find, several times faster.
_EN_CUE_AT = re.compile(r"\b(?:" + "|".join(_EN_CUE_WORDS) + ")|" + "|".join(_EN_CUE_GLUED), re.ASCII)
# Single characters that are always English clause boundaries (see _EN_BOUNDARY: no other boundary
# contains one, so the boundary scan always stops on them).
_EN_STOP = re.compile("[" + _EN_STOP_CHARS + "]")
# Side activity (signals._ALSO_BEFORE): each alternative holds one of these words.
_ALSO_WORDS = ("also", "plan", "aim", "hope", "\ub610\ud55c", "\uc608\uc815")  # ... 또한 예정
_EN_BEFORE, _EN_AFTER, _KO_AFTER = 160, 120, 60  # how far the negation rules look around a hit
# Every word the cue lookups look for, so a caller can tell FieldText.present which of them occur.
# Korean: a negation ending (korean_negated) holds one of these.
_KO_CUE_WORDS = ("없", "않", "아니", "아닌", "안", "못", "대신", "말고", "제외")
HELPER_WORDS = _EN_CUE_WORDS + _EN_CUE_GLUED + _ALSO_WORDS + _EN_BOUNDARY_WORDS + ("and",) + _KO_CUE_WORDS


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def literal_starts(text: str, words: tuple[str, ...], glued: tuple[str, ...] = ()) -> list[int]:
    """Start offsets of the matches re.finditer(r"\\b(?:w1|w2|...)|g1|g2|...", re.ASCII) finds in text, for words
    that start with a word character: every occurrence of each alternative (str.find), then leftmost first, the
    earlier alternative first at one offset, and none inside the previous match, as the regex scan would."""
    found = []
    find = text.find
    for k, w in enumerate(words + glued):
        bounded = k < len(words)
        i = find(w)
        while i >= 0:
            if not (bounded and i and text[i - 1] in _ASCII_WORD):
                found.append((i, k, i + len(w)))
            i = find(w, i + 1)
    if len(found) > 1:
        found.sort()
    out = []
    last = 0
    for i, _, end in found:
        if i >= last:
            out.append(i)
            last = end
    return out


def en_boundaries(low: str, a: int, b: int, stops: list[int], words: tuple[str, ...] = _EN_BOUNDARY_WORDS,
                  conjunction: bool = True) -> list[tuple[int, int, bool]]:
    """(start, end, is_comma) of the matches of _EN_BOUNDARY.finditer(text, a) that start before b, where low is
    the text lower-cased (ascii_lower) and stops the offsets of its _EN_STOP_CHARS; words are those of
    _EN_BOUNDARY_WORDS that occur in low (or all), conjunction False when "and" does not occur.

    The regex tries every offset in turn, which is slow; here each alternative's occurrences come from str.find
    (the stop characters are known already), and the leftmost-first, non-overlapping choice is made as the
    regex makes it. No two alternatives can match at one offset: they start with different characters.
    """
    found = [(i, i + 1, False) for i in stops[bisect_left(stops, a):bisect_left(stops, b)]]
    find = low.find
    n = len(low)
    i = find(",", a, b)
    while i >= 0:
        found.append((i, i + 1, True))
        i = find(",", i + 1, b)
    i = find("-", a + 1, b + 1)  # \s-\s
    while i >= 0:
        if low[i - 1] in _ASCII_SPACE and i + 1 < n and low[i + 1] in _ASCII_SPACE:
            found.append((i - 1, i + 2, False))
        i = find("-", i + 1, b + 1)
    for w in words:  # \bword\b
        i = find(w, a, b + len(w) - 1)
        while i >= 0:
            e = i + len(w)
            if (not i or low[i - 1] not in _ASCII_WORD) and (e == n or low[e] not in _ASCII_WORD):
                found.append((i, e, False))
            i = find(w, i + 1, b + len(w) - 1)
    i = find("and", a, b + 2) if conjunction else -1
    while i >= 0:
        if not i or low[i - 1] not in _ASCII_WORD:
            m = _AND_CLAUSE_AT.match(low, i)
            if m is not None:
                found.append((i, m.end(), False))
        i = find("and", i + 1, b + 2)
    found.sort()
    out = []
    last = a
    for x in found:
        if x[0] >= last:
            out.append(x)
            last = x[1]
    return out


def _present_words(ft: FieldText, words: tuple[str, ...]) -> tuple[str, ...]:
    """The words (in order) that may occur in the field: all of them unless ft.present says otherwise."""
    present = ft.present
    if present is None:
        return words
    return tuple([w for w in words if w in present])


def occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Offsets where any of the words occurs in text (overlapping ones too), in order."""
    out = []
    find = text.find
    for w in words:
        i = find(w)
        while i >= 0:
            out.append(i)
            i = find(w, i + 1)
    if len(words) > 1:
        out.sort()
    return out


def ascii_lower(text: str) -> str:
    """text.translate(_ASCII_LOWER), faster: bytes.lower() only changes ASCII letters, and UTF-8 leaves every
    other character's bytes above 0x7F, so offsets stay those of the original text."""
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


class FieldText:
    """One profile field with its boundaries computed once, so each hit's checks are cheap."""

    __slots__ = ("text", "low", "hangul", "present", "_bounds", "_bound_ends", "_sentences", "_en_cues", "_ko_cues",
                 "_also", "_stops", "_near")

    def __init__(self, text: str):
        self.text = text
        # ASCII-only lower-casing keeps offsets identical to the original text.
        self.low = ascii_lower(text)
        self.hangul = not text.isascii() and _HANGUL.search(text) is not None
        # Strings known to occur in low, or None: when set (signals does, from its literal index), the cue
        # lookups below skip every word of HELPER_WORDS that is not among them.
        self.present: set | frozenset | None = None
        self._bounds: list[tuple[int, int, bool]] | None = None
        self._bound_ends: list[int] = []
        self._sentences: list[int] | None = None
        self._en_cues: list[int] | None = None
        self._ko_cues: list[int] | None = None
        self._also: list[int] | None = None
        self._stops: list[int] | None = None
        self._near: dict[tuple[int, int], tuple[list[tuple[int, int, bool]], list[int]]] | None = None

    def bounds(self) -> list[tuple[int, int, bool]]:
        """English clause boundaries as (start, end, is_comma), in order."""
        if self._bounds is None:
            self._bounds = [(m.start(), m.end(), m.group(0) == ",") for m in _EN_BOUNDARY.finditer(self.text)]
            self._bound_ends = [b[1] for b in self._bounds]
        return self._bounds

    def stops(self) -> list[int]:
        """Offsets of the _EN_STOP characters."""
        if self._stops is None:
            self._stops = [m.start() for m in _EN_STOP.finditer(self.low)]
        return self._stops

    def bounds_near(self, lo: int, hi: int) -> tuple[list[tuple[int, int, bool]], list[int]]:
        """The clause boundaries of bounds() that the negation rules may use for a window [lo, hi]: every one
        ending at or after lo and starting before hi, with their ends.

        The boundary scan always stops on a stop character, so scanning from the last stop before lo gives the
        same boundaries as scanning the whole text; the scan ends at the first stop at or after hi.
        """
        stops = self.stops()
        j = bisect_left(stops, lo) - 1
        a = stops[j] if j >= 0 else 0
        k = bisect_left(stops, hi)
        b = stops[k] if k < len(stops) else len(self.text)
        cache = self._near
        if cache is None:
            cache = self._near = {}
        got = cache.get((a, b))
        if got is None:
            bounds = en_boundaries(self.low, a, b, stops, _present_words(self, _EN_BOUNDARY_WORDS),
                                   self.present is None or "and" in self.present)
            got = cache[(a, b)] = (bounds, [x[1] for x in bounds])
        return got

    def marks(self) -> list[int]:
        """Offsets of the sentence marks (_SENTENCE_END: .;!? and newline)."""
        if self._sentences is None:
            self._sentences = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentences

    def sentence_start(self, pos: int) -> int:
        """Offset where the sentence holding pos begins."""
        marks = self.marks()
        i = bisect_left(marks, pos) - 1
        return marks[i] + 1 if i >= 0 else 0

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """From after the last sentence mark before start to the first at or after end (or the text's ends)."""
        marks = self.marks()
        i = bisect_left(marks, start) - 1
        j = bisect_left(marks, end)
        return (marks[i] + 1 if i >= 0 else 0), (marks[j] if j < len(marks) else len(self.text))

    def clause_bounds(self, start: int, end: int) -> tuple[int, int]:
        """clause_bounds(self.text, start, end), from the sentence marks."""
        marks = self.marks()
        lo = max(0, start - 160)
        i = bisect_left(marks, start) - 1
        hi = min(len(self.text), end + 160)
        j = bisect_left(marks, end)
        return (marks[i] + 1 if i >= 0 and marks[i] >= lo else lo), (marks[j] if j < len(marks) and marks[j] < hi else hi)

    def also_in(self, lo: int, hi: int) -> bool:
        """Whether a side-activity word (see _ALSO_WORDS) starts in [lo, hi): without one the rule cannot match
        there, since each of its alternatives holds one of the words."""
        at = self._also
        if at is None:
            at = self._also = occurrences(self.low, _present_words(self, _ALSO_WORDS))
        if not at or at[0] >= hi:
            return False
        i = bisect_left(at, lo)
        return i < len(at) and at[i] < hi


def negated(ft: FieldText, start: int, end: int, inner: bool = True) -> bool:
    """is_negated(), skipping the rules when no cue of either language is near the span (same result).

    The English rules look for a cue from the clause start (never before the last stop _EN_STOP before the
    span, since each stop is a clause boundary, nor more than _EN_BEFORE back) to the clause end (never past
    the next stop, nor _EN_AFTER on); the Korean rule only runs when one of its cues follows within _KO_AFTER.
    """
    cues = ft._en_cues
    if cues is None:
        cues = ft._en_cues = literal_starts(ft.low, _present_words(ft, _EN_CUE_WORDS), _present_words(ft, _EN_CUE_GLUED))
    if cues:
        lo = start - _EN_BEFORE
        i = bisect_left(cues, lo)
        if i < len(cues) and cues[i] < end + _EN_AFTER:  # a cue in the widest window: narrow it to the clause
            stops = ft.stops()
            j = bisect_left(stops, start) - 1  # last stop before the span
            if j >= 0 and stops[j] >= lo:
                lo = stops[j] + 1
                i = bisect_left(cues, lo)
            if i < len(cues):
                hi = end + _EN_AFTER
                j = bisect_left(stops, end)  # next stop at or after the span's end
                if j < len(stops) and stops[j] < hi:
                    hi = stops[j]
                if cues[i] < hi and english_negated(ft, start, end, inner):
                    return True
    if ft.low.startswith("no", end) and english_negated(ft, start, end, inner):
        return True  # "no" glued to the span's end is not a word start, so not among the cues
    if not ft.hangul:
        return False
    cues = ft._ko_cues
    if cues is None:
        cues = ft._ko_cues = literal_starts(ft.text, (), _present_words(ft, _KO_CUE_WORDS))
    i = bisect_left(cues, end)
    return i < len(cues) and cues[i] < end + _KO_AFTER and korean_negated(ft, start, end)


def _has_cue(text: str, lo: int, hi: int) -> bool:
    if lo >= hi or not _EN_CUE.search(text, lo, hi):
        return False
    return bool(_EN_CUE.search(_mask(text[lo:hi], _EN_NEUTRAL)))


def _en_clause_start(ft: FieldText, pos: int, bounds: list[tuple[int, int, bool]], ends: list[int]) -> int:
    """Start of the English clause holding pos, skipping back over short list items."""
    window_start = max(0, pos - _EN_BEFORE)
    i = bisect_right(ends, pos) - 1
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


def _en_clause_end(ft: FieldText, pos: int, bounds: list[tuple[int, int, bool]], ends: list[int]) -> int:
    i = bisect_right(ends, pos)
    limit = min(len(ft.text), pos + _EN_AFTER)
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
    bounds, ends = ft.bounds_near(start - _EN_BEFORE, end + _EN_AFTER)
    if _has_cue(text, _en_clause_start(ft, start, bounds, ends), start):
        return True
    return bool(_EN_FORWARD.match(text, end, _en_clause_end(ft, end, bounds, ends)))


# ---------------------------------------------------------------- Korean scope
# Korean negates after the phrase ("자체 데이터는 아직 없다", "API를 쓰지 않고"), so scan the
# following words up to the clause end; a connective ending (…고, …며, …지만) closes the clause.
_KO_TOKEN = re.compile(r"[^\s.,;:!?()\[\]\"'“”‘’\u2014]+|[.,;:!?()\u2014]")
_KO_STOP_PUNCT = frozenset(".,;:!?()\u2014")
_KO_CONNECTIVE_ENDINGS = ("고", "며", "지만", "는데", "면서", "으나", "거나", "므로", "니까", "어서", "아서", "해서", "하여")
_KO_NOUN_GO = frozenset({"광고", "재고", "최고", "참고", "보고", "사고", "신고", "공고", "창고", "경고", "고고"})
# A token (no whitespace) negates when it holds 없 or 않 or 지못, starts with one of _KO_CUE_STARTS, or is 안:
# the regex r"없|않|^아니|^아닌|^안$|^못|지\s*못|^대신|^말고|^제외" on one token, as plain string tests.
_KO_CUE_STARTS = ("아니", "아닌", "못", "대신", "말고", "제외")
# "크롤링할 수 없는": a negation that affirms exclusivity, not the absence of the thing.
_KO_NEUTRAL = re.compile(
    r"(?:크롤링|수집|구|얻|복제|따라|베끼|베낄|모방|구매|확보|접근|흉내)\S*\s*수\s*없\S*"
    r"|끊임없\S*|상관없\S*|틀림없\S*|빠짐없\S*|(?:필요|상관)\s*없이\s*(?=\S)"
    r"|묻기\s*전|요청(?:하기)?\s*전|말하기\s*전|없이도"
)
_KO_MAX_TOKENS = 7


_KO_CUE_ANY = re.compile("|".join(_KO_CUE_WORDS))  # its match offsets: literal_starts(text, (), _KO_CUE_WORDS)


def korean_negated(ft: FieldText, start: int, end: int) -> bool:
    """True when a Korean negation ending follows the span inside the same clause."""
    text = ft.text
    tail_end = min(len(text), end + _KO_AFTER)
    if not ft.hangul or not _KO_CUE_ANY.search(text, end, tail_end):
        return False
    tail = text[end:tail_end]
    if "없" in tail or "전" in tail:  # every _KO_NEUTRAL phrase holds one of them
        tail = _mask(tail, _KO_NEUTRAL)
    count = 0
    for m in _KO_TOKEN.finditer(tail):
        tok = m.group(0)
        if tok in _KO_STOP_PUNCT:
            return False
        if "없" in tok or "않" in tok or "지못" in tok or tok.startswith(_KO_CUE_STARTS) or tok == "안":
            return True
        count += 1
        if count >= _KO_MAX_TOKENS:
            return False
        if tok.endswith(_KO_CONNECTIVE_ENDINGS) and tok not in _KO_NOUN_GO:
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
