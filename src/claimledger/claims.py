"""Stage 3: attributed claims from the dependency parse.

Three passes over one parsed Doc, in text order:

1. reporting verbs (said, told, argued, denied, ...; data/cues.json) with a clausal,
   gerund, infinitive or listed complement, including participial cues ('..., claiming
   that ...') attributed to the subject of the clause above;
2. 'according to X' attributions, including documents ('according to a survey by X');
3. direct quotations that continue a speaker's quote without a new cue.

A complement inside quotation marks is a direct quote; one that contains quoted words is
mixed. Nested attribution ('Smith said the ministry had told him that ...') is kept as
Smith's claim with the ministry recorded as `inner_source`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from claimledger.data import load_data
from claimledger.document import Modality, QuoteType, Speaker
from claimledger.speakers import SpeakerResolver, entity_of, lexicon as source_lexicon, organisation_name, subject_span

QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
MIN_CONTINUATION_WORDS = 4
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
NEGATIVE_DETERMINERS = {"no", "none", "nothing", "nobody", "neither", "never"}
INTENT_LEMMAS = {"plan", "intend", "prepare", "aim", "want", "seek", "mean", "decide", "pledge", "promise", "vow",
                 "threaten", "offer", "hope", "wish", "resolve", "commit", "propose", "try", "attempt"}
INTENT_ADJECTIVES = {"ready", "prepared", "willing", "determined", "eager", "keen", "poised", "committed", "set"}
PREDICTION_LEMMAS = {"expect", "forecast", "predict", "anticipate", "project", "likely", "due", "set", "poise", "bind"}
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would"}
POSSIBLE_AUX = {"may", "might", "could", "can"}
# reporting verbs that take no direct object, so an object before their clause is a misparse
OBJECTLESS_CUES = {"say", "add", "claim", "argue", "state", "insist", "note", "estimate", "stress", "emphasize"}
NEGATIVE_ADJECTIVES = {"unable", "impossible", "untrue", "false", "baseless", "unfounded"}


@dataclass
class CueLexicon:
    speech: frozenset[str]
    negative: frozenset[str]
    prediction: frozenset[str]
    commitment: frozenset[str]
    urging: frozenset[str]
    listing: frozenset[str]
    accusation: frozenset[str]
    needs_particle: dict[str, str]

    @cached_property
    def all(self) -> frozenset[str]:
        return self.speech | self.commitment | self.accusation | self.listing | self.urging


@dataclass
class ClaimDraft:
    """A claim before quantities, places and flags are attached."""

    speaker: Speaker
    cue_start: int
    cue_end: int
    start: int
    end: int
    quote: QuoteType
    modality: Modality
    channel: str | None = None
    inner_source: str | None = None
    cue_token: int = -1


@cache
def cues() -> CueLexicon:
    data = load_data("cues.json")
    sets = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    return CueLexicon(needs_particle=data["needs_particle"], **sets)


@cache
def channel_words() -> dict[str, frozenset[str]]:
    data = load_data("speaker_words.json")
    return {key: frozenset(w.lower() for w in data[f"channels_{key}"]) for key in ("in", "at", "on")}


def extract_claims(doc: Doc, resolver: SpeakerResolver) -> list[ClaimDraft]:
    text = doc.text  # Doc.text joins every token on each access: read it once
    quotes = quote_regions(text)
    drafts: list[ClaimDraft] = []
    nested: set[int] = set()
    candidates = [c for token in doc if (c := cue_candidate(token)) is not None]
    for cue, complements in candidates:
        subject = subject_of(cue)
        if enclosing_content(cue, candidates) is not None and has_own_subject(cue):
            nested.add(cue.i)  # 'Smith said the ministry had told him ...': Smith's claim, not the ministry's
            continue
        if any(head.i == cue.i for _other, heads in candidates for head in heads):
            continue  # 'denied agreeing to sell': 'agreeing' is what was denied, not a new claim
        if subject is None:
            continue
        speaker = resolver.resolve(subject)
        if speaker is None:
            continue
        channel = channel_of(cue)
        for head in complements:
            start, end = content_bounds(text, head, cue, candidates)
            if end <= start:
                continue
            quote, start, end = classify_quote(text, start, end, quotes)
            modality = quoted_modality(doc, cue, head, start, end) if quote == "direct" else modality_of(cue, head)
            drafts.append(ClaimDraft(
                speaker=speaker, cue_start=cue.idx, cue_end=cue.idx + len(cue.text), start=start, end=end,
                quote=quote, modality=modality, channel=channel, cue_token=cue.i,
            ))
            resolver.note_claim(speaker)
    inherit_channels(doc, drafts, resolver)
    record_inner_sources(doc, drafts, nested)
    drafts.extend(according_to_claims(doc, text, resolver, drafts, quotes))
    drafts.extend(continued_quotes(doc, text, drafts, quotes))
    return dedupe(sorted(drafts, key=lambda d: (d.start, d.cue_start)))


# -- pass 1: reporting verbs --------------------------------------------------------------


def cue_candidate(token: Token) -> tuple[Token, list[Token]] | None:
    lex = cues()
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma not in lex.all:
        return None
    particle = lex.needs_particle.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle or c.dep_ == "prep" and c.lower_ == particle
                            for c in token.children):
        return None
    if token.tag_ == "VBN" and token.dep_ in {"acl", "amod"} and token.head.dep_ != "ROOT":
        return None  # 'reported interest', 'a claimed victory' (but see subject_of for verbless parses)
    if any(c.dep_ == "neg" for c in token.children) and lemma not in cues().negative:
        return None  # 'Tamm did not say how many ...' reports no claim
    complements = complements_of(token, lemma) or misparsed_complement(token)
    return (token, complements) if complements else None


def misparsed_complement(cue: Token) -> list[Token]:
    """'Experts caution readers to differentiate ...', parsed with 'caution' as a compound noun
    modifier: a cue verb with a subject of its own, left of the sentence's main verb, whose
    clause the parser made the root. The root's subtree (after the cue) is the content."""
    root = cue.sent.root
    if cue.dep_ not in {"compound", "nsubj", "amod", "nmod", "npadvmod"} or root.i <= cue.i or root.pos_ != "VERB":
        return []
    return [root] if any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children) else []


def complements_of(cue: Token, lemma: str) -> list[Token]:
    lex = cues()
    heads = [c for c in cue.children if c.dep_ == "ccomp"]
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    objects += [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        # 'rejected suggestions that the sample had been compromised'; 'said in a statement that
        # it was ...', where the parser hangs the clause from 'statement'
        heads.extend(c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"} and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children))  # 'that' as complementizer, not pronoun
    if not heads and lemma in lex.negative | lex.commitment:
        heads = [c for c in cue.children if c.dep_ in {"xcomp", "dobj", "pcomp"} and c.tag_ in {"VBG", "VB"}]
        heads += [c for c in cue.children if c.dep_ == "prt" for c in c.children if c.tag_ == "VBG"]
    if not heads and lemma in lex.urging and any(c.dep_ in {"dobj", "dative"} for c in cue.children):
        heads = [c for c in cue.children if c.dep_ == "xcomp"]
    if not heads and lemma in lex.accusation:
        heads = [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pcomp" or g.dep_ == "pobj" and g.tag_ == "VBG"]
    if not heads and lemma in lex.listing:
        heads = [c for c in cue.children if c.dep_ == "dobj"]
    if not heads and lemma in lex.prediction:
        heads = [c for c in cue.children if c.dep_ == "xcomp"]
    return split_conjoined(heads)


def has_clause_mark(token: Token) -> bool:
    return any(c.dep_ == "mark" for c in token.children) or any(c.dep_ in SUBJECT_DEPS for c in token.children)


def split_conjoined(heads: list[Token]) -> list[Token]:
    """'that X and that Y' is two claims; 'two were killed and five wounded' is one, and so is
    '... once the navies had cleared the mines', which the parser often makes a conjunct."""
    out = []
    for head in heads:
        out.append(head)
        out.extend(c for c in head.children if is_that_conjunct(c))
    return out


def is_that_conjunct(token: Token) -> bool:
    return token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "mark" and c.lower_ in {"that", "whether"} for c in token.children)


def own_subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
    if subject is not None and subject.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
        return verb.head  # 'X, who said ...' speaks as X
    return subject


def subject_of(cue: Token) -> Token | None:
    """The clause subject that speaks through `cue`. A participle or conjunct without a
    subject of its own ('..., claiming that', '... and insisted that') borrows it from the
    nearest reporting verb above it, else from the sentence's main clause: the parser often
    hangs it from a verb inside the previous claim, whose subject is not the speaker."""
    subject = own_subject(cue)
    if subject is not None:
        return subject
    if cue.dep_ == "acl" and cue.head.dep_ == "ROOT" and cue.head.pos_ in {"NOUN", "PROPN"}:
        return cue.head  # 'The club, Estrela do Sul, posted on Instagram that ...' parsed without a main verb
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() in {"quote", "report", "cite"}:
        # 'The general was quoted as saying that ...': the one quoted is the passive subject
        return next((c for c in cue.head.head.children if c.dep_ == "nsubjpass"), None)
    if any(c.dep_ == "nsubjpass" for c in cue.children) or cue.dep_ not in {"conj", "xcomp", "advcl", "ccomp", "acl"}:
        return None  # 'it was reported that ...': no source
    if cue.dep_ == "acl" and cue.tag_ != "VBG":
        return None
    ancestors = list(cue.ancestors)
    for ancestor in ancestors:
        if is_cue(ancestor) and (subject := own_subject(ancestor)) is not None:
            return subject
    return own_subject(ancestors[-1]) if ancestors else None


def is_cue(token: Token) -> bool:
    return token.lemma_.lower() in cues().all and token.pos_ in {"VERB", "AUX"}


def has_own_subject(cue: Token) -> bool:
    return any(c.dep_ in {"nsubj", "csubj"} for c in cue.children)


def enclosing_content(cue: Token, candidates) -> Token | None:
    """The cue whose complement contains this cue, if any."""
    for other, heads in candidates:
        if other.i == cue.i:
            continue
        for head in heads:
            if head.left_edge.i <= cue.i <= head.right_edge.i:
                return other
    return None


def content_bounds(text: str, head: Token, cue: Token, candidates) -> tuple[int, int]:
    """Character span of the complement: its subtree, minus a leading 'that', conjoined
    clauses that are claims of their own, and participial cues that follow."""
    doc = head.doc
    first, last = head.left_edge.i, head.right_edge.i
    for conj in head.children:
        if is_that_conjunct(conj):
            last = min(last, conj.left_edge.i - 1)
    for other, _heads in candidates:
        # '..., underscoring that ...' / '... but insisted that ...': the same speaker's next claim
        if other.i != cue.i and head.i < other.i <= last and not has_own_subject(other) \
                and (other.tag_ == "VBG" or other.dep_ == "conj"):
            last = min(last, other.left_edge.i - 1)
    lemma = cue.lemma_.lower()
    if lemma in cues().listing and head.dep_ == "dobj":  # 'listed X as well as from Y, Z': the list runs on
        last = max(last, cue.sent.end - 1)
    if lemma in cues().accusation:  # 'accused Rwanda of supplying ...': who is accused belongs to the claim
        accused = next((c for c in cue.children if c.dep_ == "dobj" and c.i < head.i), None)
        first = accused.left_edge.i if accused is not None else first
    if first <= cue.i <= last:  # parser put the cue inside its own complement: keep the part after it
        first = cue.i + 1
    stray_object = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i and c.right_edge.i < first
                         and all(t.is_punct for t in doc[c.right_edge.i + 1 : first])), None)
    if stray_object is not None and lemma in OBJECTLESS_CUES:
        first = stray_object.left_edge.i  # 'said more than 1,800 investors, most of them retirees, had lost'

    while first <= last and (doc[first].dep_ in {"mark", "cc"} or doc[first].lower_ == "that" and first < head.i
                             or doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct and doc[last].text not in QUOTE_CLOSERS or doc[last].is_space
                             or doc[last].dep_ == "cc"):
        last -= 1
    if last < first:
        return 0, 0
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return start, balance_quotes(text, start, end)


def balance_quotes(text: str, start: int, end: int) -> int:
    """Take in the closing quotation mark the parser hung on the main verb, so the content
    reads '"inflated by at least a third"' and not '"inflated by at least a third'."""
    content, following = text[start:end], text[end : end + 1]
    opened = sum(content.count(c) for c in "“«") - sum(content.count(c) for c in "”»") + content.count('"') % 2
    return end + 1 if opened > 0 and following in QUOTE_CLOSERS else end


QUOTE_CLOSERS = {"”", '"', "»", "’"}


def modality_of(cue: Token, head: Token) -> Modality:
    lex = cues()
    lemma = cue.lemma_.lower()
    if lemma in lex.negative or is_negated(head):
        return "negated"
    if is_intended(head) or (lemma in lex.commitment and head.dep_ == "xcomp"):
        return "intended"
    if lemma in lex.prediction or is_predicted(head):
        return "predicted"
    if any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in head.children):
        return "possible"
    return "actual"


MODALITY_PRECEDENCE: tuple[Modality, ...] = ("negated", "intended", "predicted", "possible", "actual")


def quoted_modality(doc: Doc, cue: Token, head: Token, start: int, end: int) -> Modality:
    """A quotation of several sentences takes its most marked modality ('No agreement has been
    reached. Any announcement will be made by us' is a denial before it is a forecast)."""
    roots = [sent.root for sent in doc.sents if start <= sent.root.idx < end and sent.root.i != cue.i]
    first = modality_of(cue, head)
    stance = {modality_of(cue, verb) for verb in [*head.conjuncts, *roots]} & {"negated", "intended"}
    # later clauses override the first only with a stance ('..., and I intend to stay'); a
    # trailing 'but I would be careful' does not turn a statement into a forecast
    return next((m for m in MODALITY_PRECEDENCE if m in stance | {first}), first)


def is_negated(head: Token) -> bool:
    for child in head.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
            if child.lower_ in NEGATIVE_DETERMINERS or any(d.lower_ in NEGATIVE_DETERMINERS for d in child.children if d.dep_ == "det"):
                return True
        if child.dep_ == "acomp" and child.lower_ in NEGATIVE_ADJECTIVES:
            return True
    return False


def is_intended(head: Token) -> bool:
    if head.lemma_.lower() in INTENT_LEMMAS and any(c.dep_ == "xcomp" for c in head.children):
        return True
    if head.lower_ in INTENT_ADJECTIVES and any(c.dep_ == "xcomp" for c in head.children):
        return True
    return any(c.dep_ == "acomp" and c.lower_ in INTENT_ADJECTIVES and any(g.dep_ == "xcomp" for g in c.children)
               for c in head.children)


def is_predicted(head: Token) -> bool:
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX for c in head.children):
        return True
    if head.lemma_.lower() in PREDICTION_LEMMAS and any(c.dep_ in {"xcomp", "ccomp"} for c in head.children):
        return True
    going = any(c.dep_ == "xcomp" for c in head.children) and head.lower_ == "going"
    # 'is likely to' forecasts; 'are 40 percent more likely to' compares risks
    return going or any(c.dep_ == "acomp" and c.lower_ in {"likely", "due", "set"}
                        and not any(g.lower_ in {"more", "less", "as", "most", "least"} for g in c.children)
                        for c in head.children)


def channel_of(cue: Token) -> str | None:
    """'in an interview with TASS' -> 'TASS'; 'in a statement' -> 'a statement'; 'told Reuters' -> 'Reuters'."""
    words = channel_words()
    for child in cue.children:
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            noun = pobj.lemma_.lower()
            if child.lower_ == "in" and noun in words["in"]:
                partner = next((g for p in pobj.children if p.dep_ == "prep" and p.lower_ in {"with", "on", "to"}
                                for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
                return noun_phrase(partner, with_det=False) if partner is not None else noun_phrase(pobj)
            if child.lower_ == "on" and (pobj.text.lower() in words["on"] or noun in words["on"]):
                return entity_text(pobj) if pobj.pos_ == "PROPN" else noun_phrase(pobj)
            if child.lower_ == "at" and noun_phrase(pobj, with_det=False).lower() in words["at"] | {noun}:
                if noun in {w.split()[-1] for w in words["at"]}:
                    return noun_phrase(pobj)
            if child.lower_ == "to" and pobj.ent_type_ == "ORG":
                return entity_text(pobj)
        if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in {"tell", "brief", "inform"} and child.ent_type_ == "ORG":
            return entity_text(child)
    return None


def entity_text(token: Token) -> str:
    ent = entity_of(token)
    return organisation_name(ent) if ent is not None else token.text


def noun_phrase(token: Token, with_det: bool = True) -> str:
    """The noun with its determiner, adjectives and compounds: 'a televised address'."""
    keep = [c for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"} or (with_det and c.dep_ in {"det", "poss"})]
    start = min([c.i for c in keep], default=token.i)
    return token.doc[start : token.i + 1].text


def inherit_channels(doc: Doc, drafts: list[ClaimDraft], resolver: SpeakerResolver) -> None:
    """'Rogov spoke in an interview with TASS ... He indicated that ...': a speaker's later
    claims without a channel of their own came through the channel last named for them."""
    announced: list[tuple[int, str, str]] = []  # (position, speaker name, channel)
    cue_positions = {d.cue_token for d in drafts}
    for token in doc:
        if token.pos_ != "VERB" or token.i in cue_positions or (channel := channel_of(token)) is None:
            continue
        subject = own_subject(token)
        speaker = resolver.resolve(subject) if subject is not None else None
        if speaker is not None:
            announced.append((token.idx, speaker.name, channel))
    for draft in drafts:
        if draft.channel is None:
            earlier = [c for p, name, c in announced if name == draft.speaker.name and p < draft.cue_start]
            draft.channel = earlier[-1] if earlier else None


def record_inner_sources(doc: Doc, drafts: list[ClaimDraft], nested: set[int]) -> None:
    speech_only = cues().speech - cues().commitment - cues().prediction
    for i in nested:
        cue = doc[i]
        if cue.lemma_.lower() not in speech_only:
            continue
        subject = subject_of(cue)
        for draft in drafts:
            if draft.start <= cue.idx < draft.end and subject is not None and subject.pos_ != "PRON":
                draft.inner_source = subject_span(subject).text


# -- pass 2: according to -----------------------------------------------------------------


def according_to_claims(doc: Doc, text: str, resolver: SpeakerResolver, existing: list[ClaimDraft],
                        quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    drafts = []
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        pobj = next((c for c in (to or token).children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        source = document_source(pobj)
        speaker = resolver.resolve(source)
        if speaker is None:
            continue
        phrase = (token.i, pobj.right_edge.i)
        sentence = token.sent
        start, end = largest_block(sentence, phrase)
        if end <= start or any(d.start <= start < d.end for d in existing):
            continue
        head = sentence.root
        quote, start, end = classify_quote(text, start, end, quotes)
        quote = "according_to" if quote == "indirect" else quote
        drafts.append(ClaimDraft(speaker=speaker, cue_start=token.idx, cue_end=to.idx + len(to.text) if to else token.idx + 9,
                                 start=start, end=end, quote=quote, modality=modality_of(token, head), cue_token=token.i))
        resolver.note_claim(speaker)
    return drafts


def document_source(pobj: Token) -> Token:
    """'a survey published by Kompas Research' -> Kompas Research; 'researchers at the X
    Institute' -> the institute; 'a company statement' -> company."""
    lex = source_lexicon()
    lemma = pobj.lower_ if pobj.lower_ in lex.document else pobj.lemma_.lower()
    if pobj.ent_type_ in {"PERSON", "ORG"}:
        return pobj
    if lemma in lex.document or lemma in lex.person or lemma in lex.organization:
        for child in pobj.subtree:
            named = child.ent_type_ in {"ORG", "PERSON"} or (child.dep_ == "pobj" and child.lemma_.lower() in lex.organization)
            if child.i > pobj.i and named and any(
                    a.lower_ in {"by", "from", "of", "at"} for a in child.ancestors if a.i > pobj.i):
                return child  # 'a statement released by the ministry' -> the ministry
        if lemma in lex.document:
            owner = next((c for c in pobj.children if c.dep_ in {"poss", "compound"}), None)
            if owner is not None:
                return owner
    return pobj


def largest_block(sentence: Span, phrase: tuple[int, int]) -> tuple[int, int]:
    """The longer side of a sentence around the 'according to' phrase, as character offsets."""
    doc = sentence.doc
    before = (sentence.start, phrase[0] - 1)
    after = (phrase[1] + 1, sentence.end - 1)
    first, last = max((before, after), key=lambda b: b[1] - b[0])
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return 0, 0
    return doc[first].idx, doc[last].idx + len(doc[last].text)


# -- pass 3: quotations -------------------------------------------------------------------


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Inner spans of quotations. A quote left open at the end of a paragraph runs on into the
    next paragraph when that one opens with a quotation mark (the newspaper convention)."""
    regions = []
    for paragraph in re.finditer(r"[^\n]+", text):
        para, base = paragraph.group(), paragraph.start()
        i = 0
        while i < len(para):
            closer = QUOTE_PAIRS.get(para[i])
            if closer is None:
                i += 1
                continue
            end = para.find(closer, i + 1)
            if end == -1:
                regions.append((base + i + 1, base + len(para)))
                break
            regions.append((base + i + 1, base + end))
            i = end + 1
    return regions


def classify_quote(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[QuoteType, int, int]:
    """Direct when the content lies inside one quotation (the content becomes the whole
    quotation), mixed when it contains quoted words, indirect otherwise."""
    for q_start, q_end in quotes:
        if q_start - 2 <= start and end <= q_end + 2:
            if re.search(r"\bthat\s*$", text[max(0, q_start - 8) : q_start - 1]):
                return "mixed", start, end  # 'said that "nobody gets a discount"': quoted words in reported speech
            return "direct", *strip_span(text, q_start, q_end)
    if any(q_start < end and start < q_end for q_start, q_end in quotes):
        return "mixed", start, end
    return "indirect", start, end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1] in " ,;:.\n\"'“”‘’":
        end -= 1
    return start, end


def continued_quotes(doc: Doc, text: str, drafts: list[ClaimDraft], quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    """A full-sentence quotation with no cue of its own continues the previous direct quote's
    speaker in the same or the next paragraph: '"...," Nazarov told reporters. "They returned fire ..."'."""
    out = []
    for q_start, q_end in quotes:
        if any(d.start < q_end and q_start < d.end for d in drafts + out):
            continue
        start, end = strip_span(text, q_start, q_end)
        if len(text[start:end].split()) < MIN_CONTINUATION_WORDS or not text[start:start + 1].isupper():
            continue
        previous = [d for d in drafts + out if d.end <= q_start and d.quote in {"direct", "mixed"}]
        if not previous:
            continue
        last = max(previous, key=lambda d: d.end)
        if text.count("\n\n", last.end, q_start) > 1:
            continue
        cue = doc[last.cue_token]
        head = doc.char_span(start, end, alignment_mode="expand").root
        out.append(ClaimDraft(speaker=last.speaker, cue_start=last.cue_start, cue_end=last.cue_end, start=start, end=end,
                              quote="direct", modality=quoted_modality(doc, cue, head, start, end),
                              channel=last.channel, cue_token=last.cue_token))
    return out


def dedupe(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Two cues reaching the same words (a parse that links a quote to two verbs) make one claim."""
    kept: list[ClaimDraft] = []
    for draft in drafts:
        if any(k.start == draft.start and k.end == draft.end for k in kept):
            continue
        kept.append(draft)
    return kept
