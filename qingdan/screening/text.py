"""Chinese text → normalised text → weighted tokens.

A text becomes three kinds of tokens, all strings in one vocabulary:
  words     what the segmenter (rjieba with the shipped governance terms) finds, less stopwords and
            function words ("健在", "证明", "招商引资");
  bigrams   the two-character pieces of every longer word ("经济统计" → 经济, 济统, 统计), so that a word
            cut differently in the request and in the item still meets;
  concepts  "~婚育" for any member of a synonym group or work area found in the text (婚育 / 生育 / 计生);
            for the noun a certificate is about (场所 of 经营场所证明), "~c4:Cb28A", its thesaurus word
            group one level up (场所 / 住所 / 寓所), so a certificate named in other words still meets.

Each token has a unit weight (how often it occurs, for BM25) and a coverage weight (how much of the
text's meaning it carries, for the acceptance rule): a word has 1, its bigrams share 1, and a word a
concept stands for has 0 there, because the concept carries it ("婚育状况证明" and "生育状况证明" then
cover each other completely).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .lexicon import lexicon

# One spelling for punctuation that NFKC leaves alone; "、" is a list separator like ",".
_PUNCTUATION = str.maketrans(
    {
        "、": ",",
        "。": ".",
        "“": '"',
        "”": '"',
        "‘": '"',
        "’": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "《": '"',
        "》": '"',
        "〈": '"',
        "〉": '"',
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "—": "-",
        "–": "-",
        "…": ".",
        "·": " ",
    }
)
_SPACES = re.compile(r"\s+")

# Who a request is addressed to is read by scope.py; in matching these phrases only add noise
# ("向村(社区)摊派" would otherwise give the word 向村).
_ADDRESSEES = re.compile(
    r"村\((?:社区|居)\)(?:委会|民委员会|民|两委)?|社区居委会|村委会|居委会|村民委员会|居民委员会"
    r"|(?:乡镇|镇乡|镇)\(街道\)|乡\(镇\)|村级组织|基层群众性自治组织"
)
# Clause boundaries: an item's clauses are matched one by one (see index.py).
_CLAUSE_BREAKS = frozenset(",.;:!?()[]\"'")
# Part-of-speech tags (jieba's set) of words that never carry subject matter:
# punctuation, particles, prepositions, conjunctions, adverbs, pronouns, numerals, measure words,
# time and place words, interjections, onomatopoeia.
_FUNCTION_TAGS = frozenset(
    [
        "x",
        "w",
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "p",
        "c",
        "d",
        "r",
        "m",
        "mq",
        "q",
        "t",
        "tg",
        "f",
        "e",
        "y",
        "o",
        "zg",
    ]
)


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """Traditional → simplified, full-width → half-width, one spelling of punctuation, single spaces,
    lower case: "請社區出具證明（ＡＰＰ）" → "请社区出具证明(app)"."""
    text = _converter().convert(text)
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    return _SPACES.sub(" ", text).strip().lower()


@cache
def _segmenter():
    import rjieba

    jieba = rjieba.Jieba()
    lex = lexicon()
    # Multi-character stopwords are words too: "统一部署" must be cut whole to be left out whole.
    for term in (*lex.terms, *(word for word in lex.stopwords if len(word) > 2)):
        if not jieba.has_word(term):
            jieba.add_word(term, None, None)
    return jieba


# Word counts in the segmenter's dictionary (about 60 million words of general Chinese text): a word
# seen 100,000 times or more is everyday language (组织, 活动, 发展), one seen 100 times or fewer is
# specific (招商引资, 婚育 is in between).
_EVERYDAY, _RARE = 100_000, 100
# Words less specific than this (组织 0.19, 开展 0.39) are not looked up in the thesaurus.
THESAURUS_SPECIFICITY = 0.4


@lru_cache(maxsize=500_000)
def specificity(token: str) -> float:
    """How specific a token is in general Chinese, from 0.1 (everyday) to 1.0 (rare or unknown).

    A catalog of a hundred items says little about how common a word is; this background figure
    multiplies the catalog's idf, so that "组织" and "活动" weigh less than "植树" in any catalog.
    """
    word = lexicon().concept_names.get(token, token)
    count = max(_segmenter().suggest_freq(word), 1)
    return min(1.0, max(0.1, math.log(_EVERYDAY / count) / math.log(_EVERYDAY / _RARE)))


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@dataclass
class Analysis:
    """The tokens of one text. ``words`` keeps the content words in reading order, for explanations."""

    words: list[str] = field(default_factory=list)
    units: dict[str, float] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    clauses: list[dict[str, float]] = field(default_factory=list)  # coverage weights clause by clause
    concept_text: dict[str, list[str]] = field(default_factory=dict)  # "~残疾" → ["无法自理"], as written


def _add(weights: dict[str, float], token: str, weight: float) -> None:
    if weight > weights.get(token, -1.0):
        weights[token] = weight


def _concept_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    lex = lexicon()
    starts = _concept_starts()
    spans = []
    for i in range(len(text) - 1):
        if text[i : i + 2] not in starts:
            continue
        for length in lex.concept_lengths:
            if i + length <= len(text) and (found := lex.concepts.get(text[i : i + length])):
                spans.append((i, i + length, found))
    return spans


@cache
def _concept_starts() -> frozenset[str]:
    return frozenset(word[:2] for word in lexicon().concepts)


_CERTIFICATE = "证明"
# Words that say which fact a certificate states, not what it is about (疾病状况证明: about 疾病).
_FACET = frozenset({"状况", "情况", "信息", "关系", "证明"})


def _certificate_head(tagged: list[tuple[str, str]], number: int) -> str | None:
    """The noun (or the head-final part of a compound: 场所 of 经营场所) that word ``number`` gives as
    what a certificate is about, when it heads a 证明 phrase: "住所 证明", "疾病 状况 证明", "出生证明";
    else None. Only nouns, and only words the thesaurus has one level up."""
    word, tag = tagged[number]
    if len(word) > 2 and word.endswith(_CERTIFICATE):
        stem = word[: -len(_CERTIFICATE)]
    else:
        if word in _FACET or not tag.startswith("n"):
            return None
        following = [piece for piece, _ in tagged[number + 1 : number + 4] if piece.strip() and piece != "的"]
        if following[:1] != [_CERTIFICATE] and not (
            following[:1] and following[0] in _FACET and following[1:2] == [_CERTIFICATE]
        ):
            return None
        stem = word
    if len(stem) > 2 and stem[-2:] in _FACET:
        stem = stem[:-2]
    upper = lexicon().upper
    for head in (stem, stem[-2:]):
        if len(head) > 1 and head not in _FACET and head in upper:
            return head
    return None


def analyze(text: str, *, normalized: bool = False) -> Analysis:
    """Tokens of one text (a request, or one field of a duty item)."""
    if not normalized:
        text = normalize(text)
    text = _ADDRESSEES.sub(" ", text)
    stopwords = lexicon().stopwords
    result = Analysis()
    if not text:
        return result

    spans = _concept_spans(text)
    covered = bytearray(len(text))
    for start, end, _ in spans:
        covered[start:end] = b"\x01" * (end - start)

    # Clause number of every character.
    clause_of = []
    clause = 0
    for char in text:
        if char in _CLAUSE_BREAKS:
            clause += 1
        clause_of.append(clause)
    clauses: dict[int, dict[str, float]] = {}

    thesaurus = lexicon().thesaurus
    position = 0
    tagged = _segmenter().tag(text)
    for number, (word, tag) in enumerate(tagged):
        start, position = position, position + len(word)
        if len(word) < 2 or word in stopwords:
            continue
        # The segmenter tags some content words as time words (去世, 过世 are "t"): a specific one stays.
        if tag in _FUNCTION_TAGS and not (tag == "t" and specificity(word) >= THESAURUS_SPECIFICITY):
            continue
        cjk = _is_cjk(word[0])
        if not cjk and not word.isalpha():
            continue  # numbers, codes, stray symbols
        # The part of the word no concept stands for: 0 for "生育", 0.5 for "婚育状况".
        uncovered = 1.0 - sum(covered[start:position]) / len(word)
        weights = clauses.setdefault(clause_of[start], {})
        result.words.append(word)
        result.units[word] = result.units.get(word, 0.0) + 1.0
        # A whole word of a thesaurus group: its groups carry its meaning, shared among them. Everyday
        # words (组织, 活动, 管理) are left alone: their groups are too broad to say the same thing.
        groups = thesaurus.get(word) if uncovered > 0 else None
        # The noun heading a certificate phrase (住所 of 住所证明, 场所 of 经营场所证明) is read one level
        # up the thesaurus: a certificate of one kind of thing is asked for in many words.
        head = _certificate_head(tagged, number)
        own: set[int] | None = None  # with a head inside the word: the bigrams the head does not say
        if head and uncovered == 0:
            # A governance term carries it (住所 → ~居住): the group one level up is said beside it.
            for concept in lexicon().upper[head]:
                result.units[concept] = result.units.get(concept, 0.0) + 1.0
                _add(weights, concept, len(head) / len(word))
                said = result.concept_text.setdefault(concept, [])
                if word not in said:
                    said.append(word)
        elif head:
            groups = lexicon().upper[head]
            offset = word.rfind(head)
            own = {
                i
                for i in range(len(word) - 1)
                if (i + 2 <= offset or i >= offset + len(head)) and word[i : i + 2] not in stopwords
            }
        elif groups and specificity(word) < THESAURUS_SPECIFICITY:
            groups = None
        if groups:
            # The groups carry the word's meaning, less what its own bigrams outside a head still say
            # (经营 of 经营场所, whose head 场所 the group one level up says).
            rest = 1.0 - (len(own) / (len(word) - 1) if own else 0.0)
            for concept in groups:
                result.units[concept] = result.units.get(concept, 0.0) + rest / len(groups)
                _add(weights, concept, uncovered * rest / len(groups))
                said = result.concept_text.setdefault(concept, [])
                if word not in said:
                    said.append(word)
        _add(weights, word, 0.0 if groups else uncovered)
        if cjk and len(word) > 2:
            share = 1.0 / (len(word) - 1)
            for i in range(len(word) - 1):
                bigram = word[i : i + 2]
                if bigram in stopwords:
                    continue
                result.units[bigram] = result.units.get(bigram, 0.0) + share
                said_here = not groups or (own is not None and i in own)
                left = 1.0 - sum(covered[start + i : start + i + 2]) / 2 if said_here else 0.0
                _add(weights, bigram, share * left)

    for start, end, concepts in spans:
        weights = clauses.setdefault(clause_of[start], {})
        for concept in concepts:
            said = result.concept_text.setdefault(concept, [])
            if text[start:end] not in said:
                said.append(text[start:end])
            if concept not in weights:
                result.units[concept] = result.units.get(concept, 0.0) + 1.0
            weights[concept] = 1.0

    result.clauses = [clauses[number] for number in sorted(clauses)]
    for weights in result.clauses:
        for token, weight in weights.items():
            _add(result.coverage, token, weight)
    return result
