"""The word lists shipped in data/: governance terms, synonym groups, work areas and stopwords.

Each file is plain UTF-8 text, one entry (or one group) per line, "#" starting a comment. They are read
once per process; every index and query uses the same lexicon, so a catalog and a request always agree
on what a word means.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[str, ...]  # words the segmenter must keep whole
    stopwords: frozenset[str]
    # member text → the concepts it stands for: "~婚育" for the synonym group headed 婚育, "~农业" for an area
    concepts: dict[str, tuple[str, ...]]
    concept_lengths: tuple[int, ...]  # lengths of the member texts, longest first
    concept_names: dict[str, str]  # "~婚育" → "婚育", for explanations


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lexicon() -> Lexicon:
    # Imported here so the word lists are normalised exactly as the texts they meet.
    from .text import normalize

    concepts: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for filename in ("synonyms.txt", "areas.txt"):
        for line in _lines(filename):
            words = [normalize(word) for word in line.split()]
            concept = "~" + words[0]
            names[concept] = words[0]
            for word in words:
                concepts.setdefault(word, [])
                if concept not in concepts[word]:
                    concepts[word].append(concept)
    return Lexicon(
        terms=tuple(normalize(term) for term in _lines("terms.txt")),
        stopwords=frozenset(normalize(word) for word in _lines("stopwords.txt")),
        concepts={word: tuple(found) for word, found in concepts.items()},
        concept_lengths=tuple(sorted({len(word) for word in concepts}, reverse=True)),
        concept_names=names,
    )
