"""Pass 2: 'according to X' attributions, including documents ('according to a survey by X')."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.claims.draft import ClaimDraft
from claimledger.claims.modality import modality_of
from claimledger.claims.quotes import classify_quote
from claimledger.speakers import SpeakerResolver
from claimledger.speakers.words import speaker_words
from claimledger.syntax import entity_of

# the cue when 'according' has no 'to' child: the length of 'according'
ACCORDING_LENGTH = len("according")


def according_to_claims(doc: Doc, text: str, resolver: SpeakerResolver, existing: list[ClaimDraft],
                        quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    """Claims introduced by 'according to', skipping text an earlier pass already attributed;
    the speaker is left for `resolver.resolve_all`."""
    drafts = []
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        pobj = next((c for c in (to or token).children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        source = document_source(pobj)
        if not resolver.can_speak(source):
            continue
        sentence = token.sent
        start, end = largest_block(sentence, (token.i, pobj.right_edge.i))
        if end <= start or any(d.start < end and start < d.end for d in existing):
            continue
        quote, start, end = classify_quote(text, start, end, quotes)
        quote = "according_to" if quote == "indirect" else quote
        cue_end = to.idx + len(to.text) if to else token.idx + ACCORDING_LENGTH
        drafts.append(ClaimDraft(speaker=None, cue_start=token.idx, cue_end=cue_end, start=start, end=end,
                                 quote=quote, modality=modality_of(token, sentence.root), cue_token=token.i,
                                 subject=source.i))
    return drafts


def document_source(pobj: Token) -> Token:
    """'a survey published by Kompas Research' -> Kompas Research; 'researchers at the X
    Institute' -> the institute; 'a company statement' -> company."""
    words = speaker_words()
    lemma = pobj.lower_ if pobj.lower_ in words.document else pobj.lemma_.lower()
    if pobj.ent_type_ in {"PERSON", "ORG"}:
        return pobj
    if lemma in words.document or lemma in words.person or lemma in words.organization:
        # a document's author is 'by', 'from' or 'of' it; 'at' places it ('a draft circulated at
        # UN talks'), though people work at a place ('researchers at the X Institute')
        authorship = {"by", "from", "of"} if lemma in words.document else {"by", "from", "of", "at"}
        for child in pobj.subtree:
            named = child.ent_type_ in {"ORG", "PERSON"} or (
                child.dep_ == "pobj" and child.lemma_.lower() in words.organization)
            if child.i > pobj.i and named and heads_object(child) and any(
                    a.lower_ in authorship for a in child.ancestors if a.i > pobj.i):
                return child  # 'a statement released by the ministry' -> the ministry
        if lemma in words.document:
            # 'a speech Mrs. Clinton delivered': who delivered it
            author = next((g for c in pobj.children if c.dep_ == "relcl" for g in c.children
                           if g.dep_ == "nsubj" and g.ent_type_ in {"PERSON", "ORG"}), None)
            owner = next((c for c in pobj.children if c.dep_ in {"poss", "compound"} and can_own(c)), None)
            if author is not None or owner is not None:
                return author or owner
    return pobj


def heads_object(token: Token) -> bool:
    """The object of a preposition, or part of the name that is ('Kompas' in 'by Kompas Research'),
    not a word modifying another object ('UN' in 'at UN talks')."""
    if token.dep_ == "pobj":
        return True
    entity = entity_of(token)
    return token.dep_ in {"compound", "flat"} and token.head.dep_ == "pobj" and entity is not None \
        and entity.start <= token.head.i < entity.end


def can_own(modifier: Token) -> bool:
    """'the company statement' is the company's; 'exit polls' are not the exit's."""
    words = speaker_words()
    lemma = modifier.lemma_.lower()
    return (modifier.dep_ == "poss" or modifier.pos_ == "PROPN" or bool(modifier.ent_type_)
            or lemma in words.organization or lemma in words.person)


def largest_block(sentence: Span, phrase: tuple[int, int]) -> tuple[int, int]:
    """The side of a sentence around the 'according to' phrase that holds its main verb
    ('X would rise 20 percent, according to the Tax Foundation, twice what it projected for
    Y'), else the longer side, as character offsets."""
    doc = sentence.doc
    before = (sentence.start, phrase[0] - 1)
    after = (phrase[1] + 1, sentence.end - 1)
    root = sentence.root.i
    with_root = [side for side in (before, after) if side[0] <= root <= side[1]]
    first, last = with_root[0] if with_root else max((before, after), key=lambda b: b[1] - b[0])
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return 0, 0
    return doc[first].idx, doc[last].idx + len(doc[last].text)
