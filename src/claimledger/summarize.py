"""Stage 7: a short extractive summary that keeps attribution and hears both sides.

Selection is unsupervised and explainable: each sentence's score is its centrality
(PageRank over TF-IDF cosine similarity, as in TextRank/LexRank) times a lead prior (news
puts the most important facts first); sentences too similar to one already chosen are
skipped. Chosen sentences are shown in article order, within a number of sentences and,
when one is given, a number of words; sentences are never cut, so neither is a quotation.

Fairness: when the article has two sides (parties.py: a claim and its denial, an accuser
and the accused), the summary carries a claim of each of the two most important parties,
swapping out its lowest-ranked sentence if it has to.

Attribution is then enforced: a chosen sentence that carries a claim must name its source.
'He argued ...' becomes 'Rogov argued ...' (marked `edited`, with the original kept); only
the speaker's mention outside quotation marks is replaced, so quoted words stay exactly as
the article has them. A claim whose cue lies outside the sentence (a continued quotation)
makes the sentence ineligible instead, since it cannot be repaired without inventing words.

Cost is linear in the article: claims are found per sentence by binary search, and a
sentence's centrality is computed over its NEIGHBOURS nearest sentences on either side
(every sentence, in any article of fewer than that many).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from spacy.tokens import Doc, Span

from claimledger.claims.quotes import quote_regions
from claimledger.document import Claim, SummarySentence
from claimledger.parties import (
    Context,
    Party,
    authored,
    dispute_cues,
    disputes,
    name_keys,
    named_in,
    sides,
    spokespeople,
    words_of,
)
from claimledger.speakers.words import speaker_words
from claimledger.text import surname

DEFAULT_SENTENCES = 3
MIN_SENTENCE_WORDS = 5
DAMPING = 0.85
# Lead prior: weight of sentence i is 1 + LEAD_WEIGHT / (1 + i). Tuned on the BBC subset
# (bench/summary.py); 0 is pure TextRank, large values approach LEAD-k.
LEAD_WEIGHT = 1.0
# Bonus for a sentence carrying a claim of the article's most-quoted source: a reader of a
# fact-checking summary needs to meet the main source. Set on the dev cases' must-mention
# names, checked not to cost ROUGE on the BBC subset (bench/summary.py).
SOURCE_WEIGHT = 0.5
PRONOUNS = frozenset("he she it they him her them we i".split())
# Sentences whose TF-IDF cosine with a chosen one exceeds this are redundant.
REDUNDANCY = 0.5
# Centrality compares each sentence with this many sentences before and after it. News
# articles have far fewer sentences, so for them this is the full similarity graph; it only
# bounds the cost of a book-length text (bench/scaling.py).
NEIGHBOURS = 150


@dataclass(frozen=True)
class Candidate:
    index: int
    span: Span
    claims: tuple[Claim, ...]  # claims whose content starts in this sentence


@dataclass(frozen=True)
class Budget:
    sentences: int
    words: int | None = None


@dataclass(frozen=True)
class Chosen:
    """A chosen sentence as the article has it, and the same characters with every quotation
    (and every direct claim's words) blanked out: the only characters attribution may replace."""

    text: str
    start: int  # offset of `text` in the article
    unquoted: str  # `text` with quoted and claimed words replaced by spaces, same length
    before: str  # the article's text before the sentence
    after: str = ""  # and after it
    # speaker -> the body it speaks for, where the article names that body with a generic
    # noun only ('пресс-секретарь предприятия', parties.spokespeople)
    bodies: Mapping[str, str] = field(default_factory=dict)
    # the organisation a sentence-initial 'Its'/'Their' points to: the named subject of the
    # sentence before ('The Norwegian Aquaculture Federation ... rejected the findings. Its
    # research director, ... said'), or "" when that subject is not a named organisation
    possessor: str = ""

    def edited(self, edits: dict[int, tuple[int, str]]) -> SummarySentence:
        """The sentence with `edits` (position -> (length replaced, replacement)) applied."""
        out = self.text
        for position in sorted(edits, reverse=True):
            length, replacement = edits[position]
            out = out[:position] + replacement + out[position + length:]
        end = self.start + len(self.text)
        if out == self.text:
            return SummarySentence(text=out, start=self.start, end=end)
        return SummarySentence(text=out, start=self.start, end=end, edited=True, original=self.text)


# a language's way of making a chosen sentence name its sources (see `summarize`)
Attribute = Callable[[Chosen, list[Claim]], SummarySentence]


def summarize(doc: Doc, claims: list[Claim], sentences: int = DEFAULT_SENTENCES, words: int | None = None, *,
              attribute: Attribute | None = None, language: str = "en") -> list[SummarySentence]:
    """`attribute(sentence, its claims)` rewrites a chosen sentence so it names its sources;
    by default the English `attributed`, which never edits inside a quotation. `language`
    says which cues show the article's sides (parties.py)."""
    budget = Budget(sentences, words)
    candidates, vectors = sentence_candidates(doc, claims)
    if not candidates or sentences <= 0:
        return []
    scores = centrality(vectors)
    main_source = most_quoted(claims)
    weights = [(1 + LEAD_WEIGHT / (1 + c.index))
               * (1 + SOURCE_WEIGHT * any(claim.speaker.name == main_source for claim in c.claims))
               for c in candidates]
    ranked = sorted(range(len(candidates)), key=lambda i: -scores[i] * weights[i])
    text = doc.text  # rebuilt by spaCy on every access: read once
    quotes = quote_regions(text)
    bodies = spokespeople(claims, language)
    repaired: dict[int, SummarySentence] = {}

    def shown(i: int) -> SummarySentence:
        if i not in repaired:
            own = list(candidates[i].claims)
            sentence = chosen(candidates[i].span, own, quotes, text, bodies)
            repaired[i] = (attribute or attributed)(sentence, own)
        return repaired[i]

    selection = Selection(candidates, vectors, budget, lambda i: word_count(shown(i).text), lambda i: shown(i).text)
    for i in ranked:
        if len(selection.chosen) == budget.sentences:
            break
        selection.try_add(i)
    read = context(doc, claims, language)
    found = sides(claims, read.cue_lemmas, language, context=read)
    for party in found:
        selection.cover(party, ranked, language)
    if not found and len(answered := sides(claims, read.cue_lemmas, language, context=read, answered=True)) == 2:
        selection.rebalance(*answered, ranked, language)
    return [shown(i) for i in sorted(selection.chosen, key=lambda i: candidates[i].index)]


class Selection:
    """The chosen sentences (candidate numbers, best first) and the rules they keep: the
    budget, no two alike, and every party already covered stays covered."""

    def __init__(self, candidates: list[Candidate], vectors: sparse.csr_matrix, budget: Budget,
                 words: Callable[[int], int], text: Callable[[int], str]):
        self.candidates, self.vectors, self.budget, self.words, self.text = candidates, vectors, budget, words, text
        self.chosen: list[int] = []
        self.required: list[Party] = []

    def allowed(self, chosen: list[int]) -> bool:
        if len(chosen) > self.budget.sentences:
            return False
        if self.budget.words is not None and sum(self.words(i) for i in chosen) > self.budget.words:
            return False
        return all(any(self.speaks(i, p) for i in chosen) for p in self.required)

    def redundant(self, i: int, others: list[int]) -> bool:
        if not others:
            return False
        similarity = self.vectors[others] @ self.vectors[i].T
        return bool(similarity.nnz) and similarity.max() > REDUNDANCY

    def try_add(self, i: int) -> bool:
        if i in self.chosen or self.redundant(i, self.chosen) or not self.allowed([*self.chosen, i]):
            return False
        self.chosen.append(i)
        return True

    def speaks(self, i: int, party: Party) -> bool:
        return any(c.speaker.name in party.members for c in self.candidates[i].claims)

    def names(self, i: int, party: Party, language: str) -> bool:
        """Whether the sentence, as shown, names the party's principal."""
        return named_in(party.keys, self.text(i), language)

    def cover(self, party: Party, ranked: list[int], language: str = "en") -> None:
        """Make sure a sentence carrying a claim of `party` is chosen: best one of its main
        voice (its most quoted member) that names its principal ('Vrdoljak's lawyer, Davor
        Kralj, called ...' rather than 'Kralj told the court ...'), else one of its main voice,
        else one that names the principal, else any. Add it if the budget allows, else put it
        in place of the lowest-ranked chosen sentence whose loss breaks no rule. Once covered,
        the party stays covered."""
        def main_voice(i: int) -> bool:
            return any(c.speaker.name == party.name for c in self.candidates[i].claims)

        def naming(i: int) -> bool:
            return self.speaks(i, party) and self.names(i, party, language)

        stages: list[tuple[Callable[[int], bool], ...]] = [
            (lambda i: main_voice(i) and self.names(i, party, language),), (main_voice,), (naming,),
            (lambda i: self.speaks(i, party),)]
        good_enough: list[Callable[[int], bool]] = []
        for stage in stages:
            good_enough.extend(stage)
            if any(test(i) for i in self.chosen for test in good_enough):
                break
            if any(self.try_add(option) or self.swap_in(option) for test in stage for option in ranked
                   if test(option)):
                break
        if any(self.speaks(i, party) for i in self.chosen):
            self.required.append(party)

    def rebalance(self, first: Party, second: Party, ranked: list[int], language: str = "en") -> None:
        """Give `second` one of the sentences `first` holds, when it holds two or more and
        `second` none: the lowest-ranked that does not name `first` (so a sentence that does
        stays), replaced by `second`'s best sentence that repeats nothing chosen and keeps the
        budget (see parties.answered_by_a_side)."""
        held = [i for i in self.chosen if self.speaks(i, first)]
        if len(held) < 2 or any(self.speaks(i, second) for i in self.chosen):
            return
        out = ([i for i in held if not self.names(i, first, language)] or held)[-1]
        rest = [i for i in self.chosen if i != out]
        option = next((i for i in ranked if i not in self.chosen and self.speaks(i, second)
                       and not self.redundant(i, rest) and self.allowed([*rest, i])), None)
        if option is not None:
            self.chosen = [option if i == out else i for i in self.chosen]

    def swap_in(self, option: int) -> bool:
        for out in reversed(self.chosen):
            rest = [i for i in self.chosen if i != out]
            if not self.redundant(option, rest) and self.allowed([*rest, option]):
                self.chosen = [i if i != out else option for i in self.chosen]
                return True
        return False


def most_quoted(claims: list[Claim]) -> str | None:
    counts = Counter(c.speaker.name for c in claims)
    return counts.most_common(1)[0][0] if counts else None


def context(doc: Doc, claims: list[Claim], language: str) -> Context:
    """What parties.py needs besides the claims: each claim's cue lemma, what each claim is
    about (its content; for an accusation or a denial its whole sentence, whose object may
    stand outside the content: 'accused the supplier, Lena Fuel, of missing deliveries'), and
    who takes issue in sentences that quote nobody ('The ministry rejected the claims')."""
    lemmas, said_of = {}, {}
    for claim in claims:
        span = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
        lemmas[claim.id] = span.root.lemma_.lower() if span is not None and len(span) else ""
        about = span.root.sent.text if span is not None and len(span) and disputes(lemmas[claim.id], language) \
            else ""
        said_of[claim.id] = f"{claim.content.text} {about}"
    people = tuple(dict.fromkeys(e.text for e in doc.ents if e.label_ in ("PERSON", "PER") and len(e) > 1))
    narrated = narrated_disputes(doc, claims, language)
    return Context(lemmas, said_of, tuple(n.subject for n in narrated), people,
                   tuple(n.subject for n in narrated if n.of_something_said))


@dataclass(frozen=True)
class NarratedDispute:
    subject: str  # who takes issue: 'The ministry'
    of_something_said: bool  # what it denies is something said or found (DisputeCues.disputed)


def narrated_disputes(doc: Doc, claims: list[Claim], language: str) -> list[NarratedDispute]:
    """The subjects of denials that are not claims' cues: 'The ministry' of 'The ministry
    rejected the claims', '«Лена-Нефтесбыте»' of 'В «Лена-Нефтесбыте» обвинения отвергли'
    (Russian names a body as the place where something is said). Only verbs of denial, which
    take issue whatever follows them; out of a report, 'charged' may be a price and 'ruled'
    a court's decision ('ruled out' is a denial). Each says whether its object is something
    said ('rejected the findings', not 'rejected the offer')."""
    cue_tokens = {token.i for c in claims if (span := doc.char_span(c.cue.start, c.cue.end,
                                                                     alignment_mode="expand")) is not None
                  for token in span}
    cues = dispute_cues(language)
    denials, disputed = cues.denials, cues.disputed
    out = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or token.i in cue_tokens or lemma not in denials:
            continue
        if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
            continue
        of_something_said = any(c.dep_ == "dobj" and c.lemma_.lower() in disputed for c in token.children)
        for child in token.children:
            in_a_place = child.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "в" for c in child.children)
            if child.dep_ == "nsubj" or (language == "ru" and in_a_place):
                subject = doc.text[child.left_edge.idx:child.right_edge.idx + len(child.right_edge)]
                out.append(NarratedDispute(subject, of_something_said))
    return out


def word_count(text: str) -> int:
    return len(text.split())


def sentence_candidates(doc: Doc, claims: list[Claim]) -> tuple[list[Candidate], sparse.csr_matrix]:
    """The eligible sentences, with their claims and their rows of the TF-IDF matrix (rows
    scaled to unit length, so a product of two rows is their cosine)."""
    spans = [s for s in doc.sents if sum(1 for t in s if t.is_alpha) >= MIN_SENTENCE_WORDS]
    terms = [[t.lemma_.lower() for t in s if t.is_alpha and not t.is_stop] for s in spans]
    df = Counter(term for words in terms for term in set(words))
    n = len(spans)
    ordered = sorted(claims, key=lambda c: c.content.start)
    starts = [c.content.start for c in ordered]
    candidates, rows = [], []
    for index, (span, words) in enumerate(zip(spans, terms, strict=True)):
        here = tuple(ordered[bisect_left(starts, span.start_char):bisect_left(starts, span.end_char)])
        if not all(span.start_char <= c.cue.start < span.end_char for c in here):
            continue  # a claim whose cue is elsewhere: its speaker cannot be named here
        candidates.append(Candidate(index=index, span=span, claims=here))
        tf = Counter(words)
        rows.append({w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) + 1e-9 for w, c in tf.items()})
    return candidates, tfidf_matrix(rows)


def tfidf_matrix(rows: list[dict[str, float]]) -> sparse.csr_matrix:
    vocabulary: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for row in rows:
        for word, weight in row.items():
            indices.append(vocabulary.setdefault(word, len(vocabulary)))
            data.append(weight)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocabulary), 1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ matrix)


def centrality(vectors: sparse.csr_matrix, iterations: int = 50) -> list[float]:
    """PageRank over the weighted sentence-similarity graph (power iteration), each sentence
    linked to its NEIGHBOURS nearest sentences on either side."""
    n = vectors.shape[0]
    weights = neighbour_similarities(vectors, NEIGHBOURS)
    out_sums = np.asarray(weights.sum(axis=1)).ravel()
    out_sums[out_sums == 0] = 1.0
    transition = sparse.csr_matrix((sparse.diags(1 / out_sums) @ weights).T)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - DAMPING) / n + DAMPING * (transition @ rank)
    return rank.tolist()


def neighbour_similarities(vectors: sparse.csr_matrix, reach: int) -> sparse.csr_matrix:
    """Cosines of every pair of rows at most `reach` apart (the diagonal left out), computed a
    block of rows at a time so memory stays proportional to the number of rows."""
    n = vectors.shape[0]
    rows, cols, values = [], [], []
    for start in range(0, n, reach):
        stop = min(n, start + reach)
        low, high = max(0, start - reach), min(n, stop + reach)
        block = (vectors[start:stop] @ vectors[low:high].T).toarray()
        r, c = np.nonzero(block)
        keep = (np.abs(r + start - c - low) <= reach) & (r + start != c + low)
        rows.append(r[keep] + start)
        cols.append(c[keep] + low)
        values.append(block[r[keep], c[keep]])
    if not rows:
        return sparse.csr_matrix((n, n))
    return sparse.csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def chosen(span: Span, claims: list[Claim], quotes: list[tuple[int, int]], article: str,
           bodies: Mapping[str, str] | None = None) -> Chosen:
    """The sentence of `span`, stripped, with its quotations masked, and the words of its direct
    claims too: Russian direct speech is set off by dashes, not quotation marks."""
    text = span.text.strip()
    base = span.start_char + (len(span.text) - len(span.text.lstrip()))
    inside = quoted_parts(base, base + len(text), quotes)
    inside += [(c.content.start - base, c.content.end - base) for c in claims if c.quote == "direct"]
    unquoted = "".join(" " if any(s <= k < e for s, e in inside) else ch for k, ch in enumerate(text))
    return Chosen(text, base, unquoted, article[:base], article[base + len(text):], bodies or {},
                  previous_subject_body(span))


def previous_subject_body(span: Span) -> str:
    """The named organisation that is the subject of the sentence before `span`, with its
    article ('The Norwegian Aquaculture Federation'), or "". A name the tagger left untagged
    counts when it is described as a body ('Skelda, a subsidiary of a Dutch group, disputes
    that picture')."""
    if span.start == 0:
        return ""
    previous = span.doc[span.start - 1].sent
    for token in previous:
        if token.dep_ != "nsubj" or token.head != previous.root:
            continue
        entity = next((e for e in previous.ents if e.start <= token.i < e.end), None)
        described = token.pos_ == "PROPN" and any(
            c.dep_ == "appos" and c.lemma_.lower() in speaker_words().organization for c in token.children)
        if entity is not None and (entity.label_ == "ORG" or described):
            named: Span | None = entity
        elif described:  # the name with its compound words ('Skelda Ground' of an untagged name)
            named = span.doc[min([token.i, *(c.i for c in token.children if c.dep_ == "compound")]):token.i + 1]
        else:
            named = None
        if named is not None:
            before = span.doc[named.start - 1] if named.start > previous.start else None
            article = f"{before.text} " if before is not None and before.lower_ == "the" else ""
            return article + named.text
    return ""


def attributed(sentence: Chosen, claims: list[Claim]) -> SummarySentence:
    """The sentence with pronoun or role-noun speakers replaced by the resolved name, outside
    quotations and claimed words only. A pronoun is replaced only by a name the article has
    given before the sentence: 'it' cannot point to a body named further on, so such a
    resolution is a mistake the summary must not print. A description that introduces a source
    keeps its words and gains the name (`named_beside`). Mentions are read in the sentence's
    order, so a source named at its first mention is not named again at a pronoun that points
    back to it ('the co-chair said she hoped ...' becomes 'X said she hoped ...', never 'the
    co-chair said X hoped ...')."""
    unquoted = sentence.unquoted
    edits: dict[int, tuple[int, str]] = {}  # position -> (length replaced, replacement)
    named = unquoted
    mentioned = [(position, claim) for claim in claims if (position := mention_position(
        unquoted, claim.speaker.mention, claim.cue.start - sentence.start)) is not None]
    for position, claim in sorted(mentioned, key=lambda found: found[0]):
        if names_speaker(named, claim) or position in edits:
            continue
        if claim.speaker.mention.lower() in PRONOUNS and not name_keys(claim.speaker.name, claim.speaker.kind) \
                <= words_of(sentence.before):
            continue
        replacement = short_name(claim, sentence.before)
        if position == 0:
            replacement = replacement[:1].upper() + replacement[1:]
        if introduced(claim, sentence.before):
            replacement = named_beside(claim, sentence.text, position)
        elif first_cited(claim):  # 'according to a study by the Arctic Institute ...'
            replacement = f"{claim.speaker.mention} {claim.speaker.description}"
        edits[position] = (len(claim.speaker.mention), replacement)
        named += " " + replacement
    owner = possessive_owner(sentence, claims)
    if owner and 0 not in edits:
        edits[0] = (len(sentence.text.split(" ", 1)[0]), f"{owner[:1].upper()}{owner[1:]}'s")
    return sentence.edited(edits)


def possessive_owner(sentence: Chosen, claims: list[Claim]) -> str:
    """The organisation to name in place of a possessive pronoun that opens the sentence and a
    speaker's mention ('Its research director, Kjetil Brekke, said'), outside quotations: the
    subject of the sentence before, when it is a named organisation; else ""."""
    first = sentence.unquoted.split(" ", 1)[0]
    if first not in ("Its", "Their") or not sentence.possessor:
        return ""
    if not any(c.speaker.mention.startswith(first + " ") and mention_position(sentence.unquoted, c.speaker.mention,
                                                                               c.cue.start - sentence.start) == 0
               for c in claims):
        return ""
    return sentence.possessor


def quoted_parts(start: int, end: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotation regions overlapping [start, end), with their marks, relative to `start`."""
    first = bisect_left(quotes, (start - 1, -1))
    if first > 0:
        first -= 1  # a quotation opened in an earlier sentence
    out = []
    for q_start, q_end in quotes[first:]:
        if q_start - 1 >= end:
            break
        if q_end + 1 > start:
            out.append((max(q_start - 1, start) - start, min(q_end + 1, end) - start))
    return out


def mention_position(unquoted: str, mention: str, cue: int) -> int | None:
    """Where the speaker's mention stands outside quotations, the occurrence nearest the cue."""
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", unquoted)]
    return min(found, key=lambda p: abs(p - cue)) if found else None


INDEFINITE = re.compile(r"(?i)an? ")  # 'a pro-Russian hacker group', 'an aid group'


def first_cited(claim: Claim) -> bool:
    """A document with named authors that the sentence brings in ('according to a study'); 'the
    study found' points back to it and is attributed as it stands."""
    return authored(claim.speaker) and INDEFINITE.match(claim.speaker.mention) is not None


def introduced(claim: Claim, before: str) -> bool:
    """Whether the sentence brings the source in by a description, its name not yet given ('A
    river conservation group has accused ...', "Chile's environmental regulator on Wednesday
    accused ...", 'a state prosecutor told the court'): the reader meets the name here."""
    if claim.speaker.kind not in ("named", "organization") or claim.speaker.mention.lower() in PRONOUNS:
        return False
    keys = name_keys(claim.speaker.name, claim.speaker.kind) or words_of(claim.speaker.name)
    return not keys <= words_of(before)


def named_beside(claim: Claim, text: str, position: int) -> str:
    """The description with the name set beside it, as news itself would write it: 'A river
    conservation group, Clear Rivers Ireland, has accused ...' keeps what the source is and says
    who; the full name, since the sentence introduces it."""
    end = position + len(claim.speaker.mention)
    closing = "" if text[end:end + 1] in (",", ".", ";", ":") else ","
    return f"{claim.speaker.mention}, {claim.speaker.name}{closing}"


def short_name(claim: Claim, before: str = "") -> str:
    """Surname for people ('Rogov'); organisations with the article the text gives their name
    ('the Ministry of Defence', but 'Andesur Minerals' for 'The company', as the article never
    writes 'the Andesur Minerals'); a source introduced as 'a pro-Russian hacker group' is now
    'the' one."""
    name = claim.speaker.name
    if claim.speaker.kind == "named":
        return surname(name)
    if INDEFINITE.match(name):
        return "the " + name.split(" ", 1)[1]
    possessive = "'s " in name or "’s " in name
    if claim.speaker.kind == "organization" and claim.speaker.mention.lower().startswith("the ") and not possessive \
            and (not before or re.search(rf"(?i:\bthe) {re.escape(name)}\b", before)):
        return "the " + name
    return name


def names_speaker(sentence: str, claim: Claim) -> bool:
    """Whether the sentence names the source: a person's surname, or an organisation's or
    unnamed source's full name (a generic 'the ministry' does not name one)."""
    lowered = sentence.lower()
    if first_cited(claim):  # a study brought in is named with its authors
        return (claim.speaker.description or "").removeprefix("by ").lower() in lowered
    if claim.speaker.kind == "named":
        return re.search(rf"\b{re.escape(surname(claim.speaker.name).lower())}\b", lowered) is not None
    return claim.speaker.name.lower() in lowered
