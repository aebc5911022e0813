"""Pass 2: quotations whose cue stands beside them rather than in the parse. A quotation of
several sentences, or one ending in '?' or '!', is split by the sentence segmenter, so the
cue after it ('"Are we there yet? Probably not," Ms. Lindqvist said.') or before it ('The
mayor said:' and the quotation in the next paragraph) has no complement that reaches it.
Here the cue is found next to the quotation marks: right after the closing mark, with its
subject ('..., said Ruta Vaitkus' or '..., Vaitkus, 61, told the broadcaster'), or right
before the opening mark, after a colon or a comma. A paragraph that ends with such a cue
and a colon, followed by an unquoted paragraph, introduces that paragraph (a block quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.claims.channels import channel_of
from claimledger.claims.cues import cues, is_cue, verb_lemma
from claimledger.claims.draft import ClaimDraft
from claimledger.claims.modality import quoted_modality
from claimledger.claims.quotes import strip_span
from claimledger.claims.subjects import subject_of
from claimledger.speakers import SpeakerResolver

# a quotation that is a statement ends in punctuation before its closing mark; '"a disgrace"'
# without it is a quoted term, which belongs to the sentence around it. A quotation inside the
# quotation may close first: '"..., she asked us, 'What can I do?'" Holm said'
STATEMENT_END = re.compile(r"[,.?!…—–-][’'\s]*$")
# how far (in tokens) a cue may stand after the closing mark: the subject with an apposition
# ('Texas delegate Bill Eastland, wearing a cowboy hat and campaign pins, said'; appositions of
# 26 tokens occur in real news, PolNeAR train)
MAX_SUBJECT_TOKENS = 30
QUOTE_MARKS = {'"', "“", "”", "«", "»", "„"}
SENTENCE_END = {".", "?", "!", ";"}


@dataclass(frozen=True)
class Attribution:
    """A cue found beside a stretch of quoted text, and the subject that speaks through it."""

    cue: Token
    subject: Token
    start: int
    end: int
    first_end: int | None = None  # where the first part ends when the cue interrupts the quotation


def adjacent_quote_claims(doc: Doc, text: str, resolver: SpeakerResolver, existing: list[ClaimDraft],
                          quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    """Claims for quotations no earlier pass reached, attributed by a cue beside them; the
    speaker is left for `resolver.resolve_all`, like every other pass."""
    drafts: list[ClaimDraft] = []
    found = [a for q_start, q_end in quotes
             if (a := quotation_attribution(doc, text, q_start, q_end, quotes)) is not None]
    found += block_quotes(doc, text, quotes)
    for attribution in sorted(found, key=lambda a: a.start):
        start = attribution.start
        if attribution.first_end is not None and widen_resumed(attribution, existing + drafts):
            continue
        free = [end for end in (attribution.end, attribution.first_end) if end is not None and start < end
                and not any(d.start < end and start < d.end for d in existing + drafts)]
        if not free:
            continue
        end = free[0]
        if not resolver.can_speak(attribution.subject):
            continue
        cue = attribution.cue
        head = doc.char_span(start, end, alignment_mode="expand").root
        drafts.append(ClaimDraft(
            speaker=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text), start=start, end=end,
            quote="direct", modality=quoted_modality(doc, cue, head, start, end), channel=channel_of(cue),
            cue_token=cue.i, subject=attribution.subject.i,
        ))
    return drafts


def widen_resumed(attribution: Attribution, drafts: list[ClaimDraft]) -> bool:
    """When the parse gave the cue only the part after it ('"If the coast floods," she said, "we
    will move inland"'), that claim takes in the first part too. True when one did."""
    start, end = attribution.start, attribution.end
    cue = attribution.cue.i
    for draft in drafts:
        if draft.cue_token == cue and start < draft.start and draft.end <= end:
            draft.start, draft.quote = start, "direct"
            # when the parse gave the cue the first part as well, that claim is this one too
            # (`dedupe` keeps one of the two)
            for first in drafts:
                if first is not draft and first.cue_token == cue and first.start == start:
                    first.end, first.quote = draft.end, "direct"
            return True
    return False


def quotation_attribution(doc: Doc, text: str, q_start: int, q_end: int,
                          quotes: list[tuple[int, int]]) -> Attribution | None:
    """The cue beside the quotation whose inner text runs from q_start to q_end, if any."""
    start, end = strip_span(text, q_start, q_end)
    if end <= start:
        return None
    after = cue_after(doc, text, q_start, q_end) if opens_statement(text, q_start) else None
    if after is not None:
        resumed = resumed_quotation(doc, text, after[0], q_start, q_end, quotes)
        if resumed is not None:
            return Attribution(after[0], after[1], start, resumed, first_end=end)
        return Attribution(after[0], after[1], start, end)
    before = cue_before(doc, text, q_start)
    return Attribution(before[0], before[1], start, end) if before is not None else None


def opens_statement(text: str, q_start: int) -> bool:
    """A quotation the cue after it attributes starts a sentence; 'on "Fox News Sunday," Pence
    said' quotes a title inside the sentence."""
    before = text[:q_start].rstrip("'`\"“„« \t")
    return not before or before[-1] in ".?!:;\n"


def resumed_quotation(doc: Doc, text: str, cue: Token, q_start: int, q_end: int,
                      quotes: list[tuple[int, int]]) -> int | None:
    """'"If the coast floods," she said, "we will move inland."': the end of the quotation that
    resumes after the cue, when the first part breaks off at a comma."""
    if not text[q_start:q_end].rstrip().endswith(","):
        return None
    following = next(((s, e) for s, e in quotes if s > cue.idx), None)
    if following is None or "\n" in text[q_end:following[0]]:
        return None
    gap = [t for t in doc[token_at(doc, q_end):token_at(doc, following[0])] if t.idx > q_end]
    if any(t.text in SENTENCE_END for t in gap):
        return None  # '"...," she said. "..."' is two quotations
    if any(t.i != cue.i and is_cue(t) for t in gap):
        return None  # '"...," he said, mentioning the album is "nearly done"': a claim of its own
    if any(not t.is_punct and not t.is_space and not (cue.left_edge.i <= t.i <= cue.right_edge.i) for t in gap):
        return None
    return strip_span(text, *following)[1]


def is_quoting_cue(token: Token, since: int = 0) -> bool:
    """A verb that introduces a quotation beside it (data/cues.json 'quoting'), not negated
    after `since`: in '"Probably not," she said' the parser gives 'said' the quotation's 'not'."""
    return token.pos_ in {"VERB", "AUX"} and verb_lemma(token) in cues().quoting and not any(
        c.dep_ == "neg" and c.idx >= since for c in token.children)


def cue_after(doc: Doc, text: str, q_start: int, q_end: int) -> tuple[Token, Token] | None:
    """'"...," Ms. Lindqvist said' and '"...," said Ruta Vaitkus': the cue and its subject."""
    if not STATEMENT_END.search(text[q_start:q_end]):
        return None
    closer = token_at(doc, q_end)
    following = []
    for token in doc[closer:closer + MAX_SUBJECT_TOKENS]:
        if token.is_space and "\n" in token.text:
            break  # the cue belongs to the quotation's own paragraph
        if token.idx > q_end and not token.is_space:
            following.append(token)
    if following and following[0].text == ",":
        following = following[1:]  # British style: '"...", he said'
    if not following:
        return None
    first = following[0]
    if is_quoting_cue(first, q_end):  # '..., said Ruta Vaitkus'
        subject = next((c for c in first.children if c.dep_ == "nsubj" and c.i > first.i), None)
        return (first, subject) if subject is not None else None
    marks = 0
    for token in following:
        if token.text in SENTENCE_END:
            return None
        marks += token.text in QUOTE_MARKS
        # a quoted term inside the subject ('Bill Eastland, wearing "Vote Cruz" pins, said') is
        # closed again before the cue; an open mark starts a new quotation
        if is_quoting_cue(token, q_end) and marks % 2 == 0 and (subject := speaker_after_quote(token, first)):
            return token, subject
    return None


def speaker_after_quote(cue: Token, first: Token) -> Token | None:
    """The subject of a cue that follows a quotation, when its words start right after the
    closing mark ('"...," harbour master Ines Varela said'). The parser may hang the comma and
    the mark on the subject, make the cue a modifier of the name ('Murphy, the head of the
    trust, tweeted'), or pull the name into the quotation's clause; then the noun phrase
    between the quotation and the cue is the speaker."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i >= first.i
                    and first_word(c, first) == first.i), None) or subject_of(cue)
    if subject is not None and subject.i >= first.i and first_word(subject, first) == first.i:
        return subject
    between = cue.doc[first.i:cue.i]
    loose = [t for t in between if not first.i <= t.head.i < cue.i and not t.is_punct]
    if loose and loose[0].pos_ in {"PROPN", "NOUN"} and first_word(loose[0], first) == first.i \
            and not any(t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"acl", "relcl", "advcl"} for t in loose):
        return loose[0]
    return None


def first_word(token: Token, first: Token) -> int:
    """Where the words of `token`'s phrase start after the quotation (whose first word after the
    closing mark is `first`): the parser may hang the quotation itself on the name."""
    return next((t.i for t in token.subtree if not t.is_punct and t.i >= first.i), token.i)


def cue_before(doc: Doc, text: str, q_start: int) -> tuple[Token, Token] | None:
    """'The mayor said: "..."' (also across a paragraph break) and 'Ryan said, "Look, ..."'."""
    opener = q_start - 1
    before = text[:opener].rstrip()
    mark, gap = before[-1:], text[len(before):opener]
    if mark == "," and ("\n" in gap or not text[q_start:q_start + 1].isupper()):
        return None  # a comma carries a quotation only within the paragraph, and only a new sentence
    if mark not in {":", ","}:
        return None
    return cue_ending_at(doc, token_at(doc, len(before) - 1))


def cue_ending_at(doc: Doc, punct_index: int) -> tuple[Token, Token] | None:
    """The cue whose clause ends at the colon or comma at `punct_index`: every word between
    the cue and the mark belongs to the cue ('told reporters in Oslo:', 'continued Stone:')."""
    punct = doc[punct_index]
    if punct.text not in {":", ","}:
        return None
    for cue in reversed(doc[punct.sent.start:punct.i]):
        if not is_quoting_cue(cue):
            continue
        between = doc[cue.i + 1:punct.i]
        if any(t.i < cue.left_edge.i or t.i > cue.right_edge.i for t in between):
            return None
        subject = subject_of(cue)
        return (cue, subject) if subject is not None else None
    return None


def block_quotes(doc: Doc, text: str, quotes: list[tuple[int, int]]) -> list[Attribution]:
    """'The governor added:' closing a paragraph, and the unquoted paragraph after it."""
    found = []
    for paragraph in re.finditer(r"[^\n]+:[ \t]*\n\n(?P<next>[^\n]+)", text):
        following = paragraph.start("next")
        if text[following] in QUOTE_MARKS or any(q_start <= following < q_end for q_start, q_end in quotes):
            continue  # a quotation: `quotation_attribution` reads it
        colon = text.rindex(":", paragraph.start(), following)
        cue = cue_ending_at(doc, token_at(doc, colon))
        if cue is not None:
            start, end = strip_span(text, following, paragraph.end("next"))
            found.append(Attribution(cue[0], cue[1], start, end))
    return found


def token_at(doc: Doc, char: int) -> int:
    """Index of the token covering (or, failing that, following) character offset `char`."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    return next((t.i for t in doc if t.idx >= char), len(doc) - 1)


def quote_cue_after(doc: Doc, text: str, q_start: int, q_end: int) -> tuple[Token, Token] | None:
    """The cue and subject right after a quotation that opens a statement, if any."""
    return cue_after(doc, text, q_start, q_end) if opens_statement(text, q_start) else None
