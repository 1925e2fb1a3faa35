"""Screening a request against one catalog: candidates, coverage, the acceptance rule and the decision.

How a request meets an item:
  1. candidates: the items with the highest BM25F score over the request's tokens;
  2. two coverages, both idf-weighted shares in [0, 1]:
       request coverage  the share of the request's meaning the item contains
                         ("请村委会出具财产证明" is fully in "居民财产证明");
       item coverage     the share of the item's best clause the request contains
                         ("招商引资" of "不得向村(社区)摊派招商引资、协税护税…任务指标" is fully in
                         "请各村完成今年招商引资任务");
  3. an item is accepted when it applies to the request (scope.py), at least one specific token matches
     (one found in at most a quarter of the items), and one of the two coverages reaches one half: more of
     one side is matched than is not. Its score is the mean of the two coverages; the best accepted
     item decides: allow, cooperate or refuse by its list kind; no accepted item → not_listed;
  4. the rule families (rules.py) may overrule it: a forbidden method or a request on the negative list
     is refused, a request "outside the list" is not listed, a conditional prohibition whose condition
     the request says is met does not apply;
  5. a confidence (0.5 … 1): how far the deciding item (for not_listed, the nearest) is from the
     acceptance line, lowered when an accepted item of another decision scores nearly as well or when a
     conditional prohibition decides a request silent on its condition; fixed per rule otherwise. Below
     UNCERTAIN the result is ``uncertain``: the screener is guessing and a person should decide. The
     confidence is for callers of this library; the CLI and API outputs do not carry it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .index import CatalogIndex
from .rules import (
    MET,
    NEGATIVE_LIST,
    OUTSIDE_LIST,
    SILENT,
    UNREASONABLE_CERTIFICATE,
    condition_stated,
    list_reference,
    methods_asked,
)
from .scope import asks_certificate, township_only
from .text import analyze, normalize, specificity

ALLOW, COOPERATE, REFUSE, NOT_LISTED = "allow", "cooperate", "refuse", "not_listed"
DECISION_BY_KIND = {
    "basic": ALLOW,
    "primary": ALLOW,
    "certificate": ALLOW,
    "cooperate": COOPERATE,
    "assist": COOPERATE,
    "withdrawn": REFUSE,
    "negative": REFUSE,
}
ACCEPT = 0.5
# Confidence (see ScreenResult.confidence): below UNCERTAIN, a person decides. Fixed, not fit to requests:
# within a tenth of coverage of the acceptance line is a guess.
UNCERTAIN = 0.6
METHOD_CONFIDENCE = 0.85  # a forbidden method named in the request
LIST_CONFIDENCE = (
    0.9  # the request names the negative list, an unreasonable certificate, or "outside the list"
)
SILENT_CONDITION_CONFIDENCE = 0.55  # a conditional prohibition decided, the request silent on its condition
CANDIDATES = 24  # items scored by coverage after the BM25F search
BATCH = 256  # requests per sparse product in screen_many


@dataclass(frozen=True)
class Match:
    list_kind: str
    item_no: str
    name: str
    score: float  # 0..1: mean of request coverage and item coverage
    matched_words: list[str] = field(default_factory=list)
    accepted: bool = True  # False: the nearest items when nothing was close enough (not_listed)


@dataclass(frozen=True)
class ScreenResult:
    decision: str
    matches: list[Match] = field(default_factory=list)
    # 0.5 (a guess) .. 1.0: how clearly the request falls on its side of the acceptance line, or how
    # explicitly a rule decided it. Below UNCERTAIN the decision needs a person (``uncertain``).
    confidence: float = 1.0

    @property
    def uncertain(self) -> bool:
        """The screener is guessing: a reviewer should decide this one by reading it."""
        return self.confidence < UNCERTAIN

    @property
    def best(self) -> Match | None:
        """The item that decided, or None for not_listed."""
        if self.matches and self.matches[0].accepted:
            return self.matches[0]
        return None


@dataclass(frozen=True)
class _Word:
    """A content word of the request, with the token ids that would show it matched."""

    text: str
    token: int  # -1 when no item has it
    concepts: tuple[int, ...]  # concepts this word stands for ("摔倒" → ~意外伤害)
    bigrams: tuple[int, ...]  # the ids of its bigrams in order (-1 unknown), for words of 3+ characters


@dataclass
class _Query:
    text: str
    words: list[_Word]
    concepts: list[tuple[int, str]]  # every known concept of the request, with the text that said it
    token_ids: np.ndarray  # known tokens
    search_weights: np.ndarray  # per known token, for BM25
    cover_weights: np.ndarray  # per known token: idf × coverage weight
    mass: float  # idf × coverage weight over all tokens, known or not
    township_only: bool
    asks_certificate: bool
    methods: tuple[str, ...]  # forbidden methods the request asks for (rules.py)
    list_reference: str | None  # the list the request names itself as on or off (rules.py)
    condition: str  # met / broken / silent: what it says of a conditional prohibition's condition


class Screener:
    """Screens requests against one catalog version. Build once per version; read-only afterwards, so
    one Screener may serve many threads."""

    def __init__(self, items: Iterable, *, accept: float = ACCEPT) -> None:
        self.index = CatalogIndex(items)
        self.accept = accept  # the coverage an item needs to be accepted (a bench may tune it)
        size = len(self.index.tokens)
        self._mark = np.zeros(size, dtype=bool)  # scratch, reset after each query
        self._cover = np.zeros(size, dtype=np.float32)

    def __len__(self) -> int:
        return self.index.size

    # -- public ------------------------------------------------------------------------------------

    def screen(self, text: str, *, top: int = 5) -> ScreenResult:
        query = self._query(text)
        return self._decide(query, self._candidates(query), top)

    def screen_many(self, texts: Sequence[str], *, top: int = 5) -> list[ScreenResult]:
        """screen() for many texts; the candidate search runs as one sparse matrix product per batch."""
        queries = [self._query(text) for text in texts]
        results = []
        for start in range(0, len(queries), BATCH):
            batch = queries[start : start + BATCH]
            for query, candidates in zip(batch, self._candidates_batch(batch), strict=True):
                results.append(self._decide(query, candidates, top))
        return results

    # -- steps -------------------------------------------------------------------------------------

    def _query(self, text: str) -> _Query:
        index = self.index
        normalized = normalize(text)
        analysis = analyze(normalized, normalized=True)
        ids, search, cover = [], [], []
        mass = 0.0
        for token, weight in analysis.coverage.items():
            number = index.vocabulary.get(token)
            idf = index.novel_idf * specificity(token) if number is None else float(index.idf[number])
            mass += idf * weight
            if number is not None:
                ids.append(number)
                search.append(min(analysis.units.get(token, 1.0), 1.0))
                cover.append(idf * weight)
        vocabulary = index.vocabulary
        concepts = [
            (vocabulary[concept], said)
            for concept, texts in analysis.concept_text.items()
            if concept in vocabulary
            for said in texts
        ]
        words = []
        for word in dict.fromkeys(analysis.words):
            bigrams = (
                tuple(vocabulary.get(word[i : i + 2], -1) for i in range(len(word) - 1))
                if len(word) > 2
                else ()
            )
            words.append(
                _Word(
                    text=word,
                    token=vocabulary.get(word, -1),
                    concepts=tuple({number for number, said in concepts if said in word}),
                    bigrams=bigrams,
                )
            )
        return _Query(
            text=normalized,
            words=words,
            concepts=concepts,
            token_ids=np.asarray(ids, dtype=np.int64),
            search_weights=np.asarray(search, dtype=np.float32),
            cover_weights=np.asarray(cover, dtype=np.float32),
            mass=mass,
            township_only=township_only(normalized, normalized=True),
            asks_certificate=asks_certificate(normalized, normalized=True),
            methods=methods_asked(normalized),
            list_reference=list_reference(normalized),
            condition=condition_stated(normalized),
        )

    def _candidates(self, query: _Query) -> np.ndarray:
        """The best items by BM25F, best first."""
        index = self.index
        positions, owner = _entries(index.post_ptr, query.token_ids)
        if not len(positions):
            return positions
        weights = index.post_weight[positions] * query.search_weights[owner]
        scores = np.bincount(index.post_item[positions], weights=weights, minlength=index.size)
        touched = np.flatnonzero(scores > 0)
        return touched[_best(scores[touched], CANDIDATES)]

    def _candidates_batch(self, queries: list[_Query]) -> list[np.ndarray]:
        """_candidates() for many queries: one sparse product (requests × tokens) · (tokens × items)."""
        index = self.index
        rows = np.repeat(np.arange(len(queries)), [len(query.token_ids) for query in queries])
        matrix = sparse.csr_matrix(
            (
                np.concatenate([query.search_weights for query in queries]),
                (rows, np.concatenate([query.token_ids for query in queries])),
            ),
            shape=(len(queries), len(index.tokens)),
        )
        scores = matrix @ index.postings
        found = []
        for row in range(len(queries)):
            start, end = scores.indptr[row], scores.indptr[row + 1]
            items, values = scores.indices[start:end], scores.data[start:end]
            found.append(items[_best(values, CANDIDATES)].astype(np.int64))
        return found

    def _decide(self, query: _Query, candidates: np.ndarray, top: int) -> ScreenResult:
        index = self.index
        # Items that forbid a method the request asks for are scored whether or not the search found them.
        forbidding = [index.method_items[m] for m in query.methods if m in index.method_items]
        if forbidding:
            candidates = np.unique(np.concatenate([candidates, *forbidding]))
        if not len(candidates) or query.mass <= 0:
            if query.list_reference in (NEGATIVE_LIST, UNREASONABLE_CERTIFICATE):
                return ScreenResult(REFUSE, confidence=LIST_CONFIDENCE)  # no item near enough to name
            return ScreenResult(NOT_LISTED, confidence=1.0)
        mark, cover = self._mark, self._cover
        mark[query.token_ids] = True
        cover[query.token_ids] = query.cover_weights
        try:
            count = len(candidates)
            # Request coverage: the request's weight of the tokens each candidate contains.
            positions, owner = _entries(index.item_ptr, candidates)
            tokens = index.item_token[positions]
            weights = cover[tokens]
            request_share = np.bincount(owner, weights=weights, minlength=count) / query.mass
            specific = (
                np.bincount(owner, weights=index.informative[tokens] & (weights > 0), minlength=count) > 0
            )
            # Item coverage: the best covered clause of each candidate's name.
            clauses, clause_owner = _entries(index.clause_start, candidates)
            places, place_owner = _entries(index.clause_ptr, clauses)
            found = index.clause_weight[places] * mark[index.clause_token[places]]
            mass = index.clause_mass[clauses]
            matched = np.bincount(place_owner, weights=found, minlength=len(clauses))
            share = np.divide(matched, mass, out=np.zeros(len(clauses)), where=mass > 0)
            item_share = np.zeros(count)
            np.maximum.at(item_share, clause_owner, share)

            village = index.village_kind[candidates]
            certificate = index.certificate[candidates]
            conditional = index.conditional[candidates]
            applies = ~(village & query.township_only) & ~(certificate & (not query.asks_certificate))
            if query.condition == MET:  # the request says the condition of a conditional prohibition holds
                applies &= ~conditional
            strength = np.maximum(request_share, item_share)
            accepted = applies & specific & (strength >= self.accept)
            score = (request_share + item_share) / 2
            # A request for a certificate is answered by a certificate item before anything else.
            certificate_first = certificate & query.asks_certificate
            order = np.lexsort((-score, -certificate_first.astype(np.int8), -accepted.astype(np.int8)))
            decided = bool(accepted[order[0]])
            decision = DECISION_BY_KIND.get(index.items[candidates[order[0]]].list_kind, NOT_LISTED)
            decision = decision if decided else NOT_LISTED
            confidence = _confidence(float(strength[order[0]]), self.accept, decided)
            if decided:
                # Two accepted items close in score that decide differently: the screener is guessing.
                for place in order[1:]:
                    if not accepted[place]:
                        break
                    other = DECISION_BY_KIND.get(index.items[candidates[place]].list_kind, NOT_LISTED)
                    if other != decision:
                        gap = float(score[order[0]] - score[place])
                        confidence = min(confidence, 0.5 + 2 * gap)
                        break

            # Rule families (rules.py): the method, then what the request says about the lists.
            rule_place = -1
            refusing = index.refusing[candidates]
            if decision != REFUSE and forbidding:
                forbids = np.isin(candidates, np.concatenate(forbidding)) & applies
                if forbids.any():
                    rule_place = int(order[np.flatnonzero(forbids[order])[0]])
                    decision, confidence = REFUSE, METHOD_CONFIDENCE
            if decision != REFUSE and query.list_reference in (NEGATIVE_LIST, UNREASONABLE_CERTIFICATE):
                wanted = refusing & applies & (score > 0)
                if query.list_reference == UNREASONABLE_CERTIFICATE and (wanted & certificate).any():
                    wanted &= certificate
                rule_place = int(order[np.flatnonzero(wanted[order])[0]]) if wanted.any() else -1
                decision, confidence = REFUSE, LIST_CONFIDENCE
            elif decision in (ALLOW, COOPERATE) and query.list_reference == OUTSIDE_LIST:
                decision, confidence, decided = NOT_LISTED, LIST_CONFIDENCE, False
                accepted = np.zeros(count, dtype=bool)
            if rule_place >= 0:
                accepted[rule_place] = True
                order = np.concatenate([[rule_place], order[order != rule_place]])
            first = int(order[0])
            if decision != NOT_LISTED and conditional[first] and query.condition == SILENT:
                confidence = min(confidence, SILENT_CONDITION_CONFIDENCE)  # deployed by the county? Ask.

            decided = decision != NOT_LISTED and bool(accepted[first])
            chosen = order[:top] if decided else order[: min(top, 3)]
            matches = []
            for place in chosen.tolist():
                if decided and not accepted[place]:
                    break
                if decision == REFUSE and not decided:
                    break  # refused by a list reference with no item near enough to name
                number = int(candidates[place])
                item = index.items[number]
                shared = set(tokens[(owner == place) & mark[tokens]].tolist())
                matches.append(
                    Match(
                        list_kind=item.list_kind,
                        item_no=item.item_no,
                        name=item.name,
                        score=round(float(score[place]), 4),
                        matched_words=self._explain(query, shared),
                        accepted=bool(accepted[place]) and decision != NOT_LISTED,
                    )
                )
        finally:
            mark[query.token_ids] = False
            cover[query.token_ids] = 0.0
        return ScreenResult(decision, matches, confidence=round(confidence, 3))

    def _explain(self, query: _Query, shared: set[int]) -> list[str]:
        """The request's own words that the item contains: whole words where possible, else the matched
        parts of a word (经济统计 → 统计), and the request's text for a synonym it used (无法自理)."""
        words: list[str] = []
        explained: set[int] = set()
        for word in query.words:
            if word.token in shared or any(concept in shared for concept in word.concepts):
                words.append(word.text)
                explained.update(word.concepts)
            elif word.bigrams:
                words.extend(piece for piece in _pieces(word, shared) if piece not in words)
        for concept, said in query.concepts:
            if concept in shared and concept not in explained and not any(said in word for word in words):
                words.append(said)
                explained.add(concept)
        return words


def _confidence(strength: float, accept: float, accepted: bool) -> float:
    """How far the deciding (or, for not_listed, the nearest) item is from the acceptance line, 0.5 on it
    and 1.0 at full coverage (accepted) or at no coverage (not_listed)."""
    if accepted:
        return 0.5 + 0.5 * min(1.0, (strength - accept) / max(1.0 - accept, 1e-9))
    # An item above the line that does not apply (a village item, a township request) decides nothing:
    # not_listed there is at best a guess, never below 0.5.
    return 0.5 + 0.5 * min(1.0, max(0.0, accept - strength) / max(accept, 1e-9))


def _pieces(word: _Word, shared: set[int]) -> list[str]:
    """Runs of matched bigrams inside a word: 经济统计 against {统计} → ["统计"]."""
    pieces, run = [], None
    for i, bigram in enumerate((*word.bigrams, -1)):
        if bigram in shared and bigram >= 0:
            run = i if run is None else run
        elif run is not None:
            pieces.append(word.text[run : i + 1])
            run = None
    return pieces


def _entries(pointers: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the entries of the given rows of a CSR-like pointer array, concatenated, and for
    each position the number (0, 1, …) of the row it belongs to."""
    starts = pointers[rows]
    lengths = pointers[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows)), lengths)
    first = np.cumsum(lengths) - lengths
    return starts[owner] + (np.arange(len(owner)) - first[owner]), owner


def _best(values: np.ndarray, count: int) -> np.ndarray:
    """Positions of the count largest values, largest first (ties: lower position first)."""
    if len(values) > count:
        chosen = np.argpartition(values, -count)[-count:]
        return chosen[np.argsort(-values[chosen], kind="stable")]
    return np.argsort(-values, kind="stable")
