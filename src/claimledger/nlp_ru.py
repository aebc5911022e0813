"""Stage 3 for Russian: natasha's analysis of the body, handed on as a spaCy `Doc`.

natasha 1.6 (razdel segmentation, slovnet morphology, UD syntax and NER; the models ship
inside the wheels, nothing is downloaded) does the reading. This adapter copies its output
into a `Doc` on the vocabulary of a blank Russian spaCy pipeline, so the later stages
(claims, speakers, places, scrutiny, summary, store) keep working on one kind of object:

- words and the whitespace between them, so `doc.text` is the article text character for
  character (a run of whitespace other than one space becomes a SPACE token);
- UD part of speech, morphological features (`Case=Gen|Number=Sing`) and dependency labels
  exactly as natasha gives them (`nsubj`, `obj`, `obl`, `ccomp`, `parataxis`, ...), except
  the root, spelled `ROOT` as spaCy does. Labels are not mapped onto the English model's
  ClearNLP scheme: UD hangs a preposition under its noun (`case`) where ClearNLP makes it the
  head (`prep` -> `pobj`), so a faithful mapping would have to rebuild trees, and the English
  rules would still read English words. Russian rules read UD directly (claims/russian.py);
- one sentence per razdel sentence, and no sentence across a paragraph break (each paragraph
  is segmented on its own). natasha's parser sometimes leaves two roots in one sentence
  ('X воюют ..., заявил Y'): the later roots are attached to the first as `parataxis`, the
  relation UD uses for such reporting clauses, so each sentence is one tree;
- lemmas from pymorphy3, choosing the analysis that agrees with natasha's part of speech and
  case (natasha's own lemmatiser needs pymorphy2, which does not run on Python 3.11), with
  `ё` folded to `е` so lexicons match whichever spelling an outlet uses;
- natasha's PER / ORG / LOC spans as entities labelled PERSON / ORG / LOC.

Two things make the adapter cheaper than natasha's own `Doc` on the same text, with the same
output: sentences go to the taggers in order of length (`by_length`), and NER reads the words
already cut instead of tokenizing the text again (`entities`). bench/throughput.py measures both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

ENTITY_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
# pymorphy3 (OpenCorpora) parts of speech that fit each UD tag natasha gives
POS_FIT = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "COMP", "PRTF", "PRTS"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"}, "AUX": {"VERB", "INFN"}, "NUM": {"NUMR", "NUMB"},
    "ADV": {"ADVB", "COMP", "PRED"}, "PRON": {"NPRO"}, "DET": {"ADJF", "NPRO"}, "ADP": {"PREP"},
    "CCONJ": {"CONJ"}, "SCONJ": {"CONJ"}, "PART": {"PRCL"},
}
UD_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct",
            "Par": "gen2", "Voc": "voct"}


@dataclass(frozen=True)
class RussianModels:
    vocab_nlp: Language
    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any


@cache
def load_models() -> RussianModels:
    """natasha's taggers and a blank Russian spaCy pipeline (its vocabulary and stop words), once per process."""
    import spacy
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return RussianModels(vocab_nlp=spacy.blank("ru"), segmenter=Segmenter(), morph=NewsMorphTagger(embedding),
                         syntax=NewsSyntaxParser(embedding), ner=NewsNERTagger(embedding))


@cache
def morph_analyzer():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def lemma_of(word: str, pos: str, case: str | None) -> str:
    """The dictionary form of `word` read as natasha's `pos` (and case, when it has one)."""
    if pos in {"PUNCT", "SYM", "X", "SPACE"} or not any(c.isalpha() for c in word):
        return word.lower()
    parses = morph_analyzer().parse(word)
    fits = [p for p in parses if p.tag.POS in POS_FIT.get(pos, set())]
    if case is not None:
        fits = [p for p in fits if p.tag.case == UD_CASES.get(case)] or fits
    best = (fits or parses)[0]
    return best.normal_form.replace("ё", "е")


@dataclass
class Sentence:
    start: int
    words: list[tuple[int, int]]  # character offsets of each token


def segment(text: str) -> list[Sentence]:
    """razdel's sentences and tokens, paragraph by paragraph, as character offsets into `text`."""
    from razdel import sentenize, tokenize

    sentences = []
    for paragraph in re.finditer(r"[^\n]+", text):
        base = paragraph.start()
        for sent in sentenize(paragraph.group()):
            offset = base + sent.start
            words = [(offset + t.start, offset + t.stop) for t in tokenize(sent.text)]
            if words:
                sentences.append(Sentence(offset, words))
    return sentences


def parse_russian(text: str) -> Doc:
    """The Russian body as a parsed spaCy Doc whose text is `text`."""
    models = load_models()
    sentences = segment(text)
    chunk = [[text[s:e] for s, e in sent.words] for sent in sentences]
    with blas_threads().limit(limits=1, user_api="blas"):
        morphs = by_length(models.morph.map, chunk)
        trees = by_length(models.syntax.map, chunk)
        spans = entities(models.ner, text, sentences)
    return build_doc(models.vocab_nlp, text, sentences, morphs, trees, spans)


@cache
def blas_threads() -> Any:
    """numpy's BLAS thread pools. slovnet's matrices (a batch of 8 sentences by 300 features)
    are too small to share between threads: with OpenBLAS's default of a thread per core,
    natasha burnt 7 to 8 times the CPU for the same tags on our loaded 2-core machine
    (bench/throughput.py), and batch and the web server already run one process per core.
    So natasha's calls run on one BLAS thread; the limit lifts when they return."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def entities(ner: Any, text: str, sentences: list[Sentence]) -> list[Any]:
    """natasha's named entities over the words razdel has already cut.

    natasha's `ner(text)` would tokenize the whole text again with razdel (a sixth of the
    Russian pipeline's time) and then find each word in the text again; its model only reads
    the word sequence, and razdel cuts a sentence as it cuts it inside the text, so the spans
    are the same (checked on our Russian gold and dev articles), from one tokenization."""
    from slovnet.bio import bio_spans
    from slovnet.token import Token

    tokens = [Token(start, end, text[start:end]) for sent in sentences for start, end in sent.words]
    if not tokens:
        return []
    infer = ner.infer  # slovnet's NER: encoder (word and shape ids), model with CRF, tag decoder
    tags = next(iter(infer.decoder(infer.process(infer.encoder([[t.text for t in tokens]])))))
    return list(bio_spans(tokens, tags))


def by_length(tagger: Callable[[list[list[str]]], Iterable[Any]], sentences: list[list[str]]) -> list[Any]:
    """`tagger` over the sentences shortest first, its results put back in text order.

    slovnet tags in batches of 8 sentences padded to the longest of them, so batches of
    similar lengths waste less work: about a third of the morphology and syntax time on news
    text. The tags are the same token for token (padding is masked out; checked on our Russian
    gold and dev articles), only the order of the work changes."""
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    tagged = list(tagger([sentences[i] for i in order])) if sentences else []
    result: list[Any] = [None] * len(sentences)
    for i, item in zip(order, tagged, strict=True):
        result[i] = item
    return result


def break_cycles(heads: list[int], deps: list[str], first: int, end: int, root: int) -> None:
    """natasha's parser can return a cycle ('a' under 'b' under 'a'); a word that cannot reach
    the root is attached to it, so every sentence is a tree."""
    for i in range(first, end):
        seen = {i}
        j = i
        while heads[j] != j:
            j = heads[j]
            if j in seen or not first <= j < end:
                heads[i], deps[i] = root, "dep"
                break
            seen.add(j)


def build_doc(nlp: Language, text: str, sentences: list[Sentence], morphs: list, trees: list, spans: list) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    morph: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    starts: list[bool] = []
    position = 0

    def add_gap(upto: int) -> None:
        gap = text[position:upto]
        if not gap:
            return
        if gap == " " and words:
            spaces[-1] = True
            return
        if gap.startswith(" ") and words:
            spaces[-1], gap = True, gap[1:]
        # a SPACE token belongs to the sentence before it, as in spaCy's own parses
        words.append(gap)
        spaces.append(False)
        pos.append("SPACE")
        morph.append("")
        lemmas.append(gap)
        heads.append(len(words) - 2 if len(words) > 1 else 0)
        deps.append("dep" if len(words) > 1 else "ROOT")
        starts.append(len(words) == 1)

    for sent, tagged, tree in zip(sentences, morphs, trees, strict=True):
        first = None
        roots: list[int] = []
        for (start, end), mtoken, stoken in zip(sent.words, tagged.tokens, tree.tokens, strict=True):
            add_gap(start)
            position = end
            index = len(words)
            first = index if first is None else first
            words.append(text[start:end])
            spaces.append(False)
            pos.append(mtoken.pos)
            morph.append("|".join(f"{k}={v}" for k, v in sorted(mtoken.feats.items())))
            lemmas.append(lemma_of(text[start:end], mtoken.pos, mtoken.feats.get("Case")))
            head = int(stoken.head_id)
            if head == 0 or first + head - 1 == index:  # a word heading itself is a root too
                roots.append(index)
                heads.append(index)
                deps.append("ROOT")
            else:
                heads.append(first + head - 1)
                deps.append(stoken.rel)
            starts.append(index == first)
        if not roots:  # a parse without a root: the first word takes the part
            roots = [first]
            heads[first], deps[first] = first, "ROOT"
        for extra in roots[1:]:
            heads[extra], deps[extra] = roots[0], "parataxis"
        break_cycles(heads, deps, first, len(words), roots[0])
    add_gap(len(text))
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, morphs=morph, lemmas=lemmas, heads=heads,
              deps=deps, sent_starts=starts)
    ents = []
    for span in spans:
        ent = doc.char_span(span.start, span.stop, label=ENTITY_LABELS.get(span.type, span.type),
                            alignment_mode="expand")
        if ent is not None and not any(ent.start < e.end and e.start < ent.end for e in ents):
            ents.append(ent)
    doc.ents = ents
    return doc
