"""Pass 1: reporting verbs (said, told, argued, denied, ...) and their complements, including
participial cues ('..., claiming that ...') attributed to the subject of the clause above.
Nested attribution ('Smith said the ministry had told him that ...') stays Smith's claim,
with the ministry recorded as `inner_source`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.claims.channels import channel_of
from claimledger.claims.cues import (
    OBJECTLESS_CUES,
    Cue,
    accusation_heads,
    cue_candidate,
    cues,
    is_as_clause,
    is_cue,
    is_parenthetical,
    is_verdict,
    that_conjuncts,
    verb_lemma,
    verdict_end,
)
from claimledger.claims.draft import ClaimDraft
from claimledger.claims.modality import quoted_modality, reported_modality
from claimledger.claims.quotes import QUOTE_CLOSERS, balance_quotes, classify_quote, strip_span
from claimledger.claims.subjects import has_own_subject, own_subject, subject_of
from claimledger.document import QuoteType
from claimledger.speakers import SpeakerResolver
from claimledger.syntax import entity_of, in_dateline, subject_span

# reporting verbs that put their source after them in an inverted attribution ('..., has
# declared the ministry'); 'told' and 'asked' take the addressee there instead
INVERTING_CUES = {"say", "declare", "state", "announce", "report", "claim", "add", "affirm", "confirm", "indicate"}
# nouns whose that-clause is what they assert: 'the finding that ...', 'reports that ...'
CONTENT_NOUNS = {"finding", "claim", "report", "suggestion", "assertion", "allegation", "conclusion", "statement",
                 "accusation", "charge", "warning", "argument", "contention", "assessment", "estimate"}


def reporting_verb_claims(doc: Doc, text: str, resolver: SpeakerResolver,
                          quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    """One claim per complement of each reporting verb whose subject can be a source; the
    speaker is left for `resolver.resolve_all`, which sees every subject at once."""
    drafts: list[ClaimDraft] = []
    nested: set[int] = set()
    candidates = [c for token in doc if (c := cue_candidate(token)) is not None]
    for candidate in candidates:
        cue = candidate.token
        subject = quoted_title_fix(subject_of(cue), cue, quotes)
        if enclosing_content(cue, candidates) is not None and has_own_subject(cue):
            nested.add(cue.i)  # 'Smith said the ministry had told him ...': Smith's claim, not the ministry's
            continue
        if any(head.i == cue.i for other in candidates for head in other.complements):
            continue  # 'denied agreeing to sell': 'agreeing' is what was denied, not a new claim
        if subject is None or inside_quotes(subject, cue, quotes) or not resolver.can_speak(subject):
            continue
        if (region := quoted_cue(text, cue, subject, quotes)) is not None:
            drafts.extend(whole_quotation(text, cue, region, resolver))
            continue
        channel = channel_of(cue)
        for head in candidate.complements:
            start, end = content_bounds(text, head, cue, candidates)
            if end <= start:
                continue
            quote, start, end = classify_quote(text, start, end, quotes)
            if quote == "mixed" and is_parenthetical(cue, head):
                quote, start, end = interrupted_quote(text, start, end, cue, quotes)
            if (same := overlapping(drafts, cue, start, end, text)) is not None:
                # 'saying the remarks "are based on opinion, not facts"', where the parser made a second
                # complement inside the quotation, and 'told her that "to be able to win would be
                # helpful"', where it made the infinitive subject one: one stretch of content, one claim
                same.start = min(same.start, start)
                same.end = balance_quotes(text, same.start, max(same.end, end))
                same.quote = "mixed" if "mixed" in {same.quote, quote} else same.quote
                continue
            direct = quote == "direct"
            modality = quoted_modality(doc, cue, head, start, end) if direct else reported_modality(cue, head)
            drafts.append(ClaimDraft(
                speaker=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text), start=start, end=end,
                quote=quote, modality=modality, channel=channel, cue_token=cue.i, subject=subject.i,
            ))
    drafts.extend(inverted_cue_claims(doc, text, resolver, quotes, drafts))
    drafts.extend(content_noun_clauses(doc, resolver, drafts))
    record_inner_sources(doc, drafts, nested)
    return drafts


def inverted_cue_claims(doc: Doc, text: str, resolver: SpeakerResolver, quotes: list[tuple[int, int]],
                        drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """'Air defences destroyed 46 drones overnight, has declared the Ministry of Defence on
    Wednesday': a reporting verb after the clause it reports, its source placed after it as the
    object (a word order of translated text). The verb has no subject and no clause of its own."""
    out: list[ClaimDraft] = []
    taken = {d.cue_token for d in drafts}
    for cue in doc:
        if cue.i in taken or cue.pos_ != "VERB" or verb_lemma(cue) not in INVERTING_CUES or has_own_subject(cue):
            continue
        if cue.tag_ == "VBG":  # '..., asking voters for a mandate' is the subject's own act
            continue
        if cue.dep_ not in {"conj", "parataxis", "ccomp", "advcl"} or cue.head.i >= cue.i \
                or any(c.dep_ in {"ccomp", "xcomp"} for c in cue.children):
            continue
        comma = next((t for t in reversed(doc[cue.head.i : cue.i]) if t.text == ","), None)
        source = next((c for c in cue.children if c.dep_ in {"dobj", "nsubjpass", "attr"} and c.i > cue.i
                       and c.pos_ in {"PROPN", "NOUN"}), None)
        between = doc[comma.i + 1 : cue.i] if comma is not None else []
        if comma is None or source is None or not all(t.dep_ in {"aux", "auxpass", "advmod"} for t in between):
            continue
        first = cue.head.left_edge.i
        if any(d.start < comma.idx and doc[first].idx < d.end for d in drafts + out) or not resolver.can_speak(source):
            continue
        quote, start, end = classify_quote(text, doc[first].idx, comma.idx, quotes)
        out.append(ClaimDraft(speaker=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text), start=start, end=end,
                              quote=quote, modality=reported_modality(cue, cue.head), channel=channel_of(cue),
                              cue_token=cue.i, subject=source.i))
    return out


def content_noun_clauses(doc: Doc, resolver: SpeakerResolver, drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """'He disputed the health district's finding, first reported by the Sentinel, that genome
    sequencing had linked two cases to the cheese': the that-clause of a content noun (finding,
    claim, report, ...) that a parenthetical separates from its noun, which the parser then
    attaches elsewhere. The noun's owner is the inner source."""
    out: list[ClaimDraft] = []
    taken = {d.cue_token for d in drafts}
    for cue in doc:
        if cue.i in taken or cue.pos_ != "VERB" or verb_lemma(cue) not in cues().speech | cues().negative:
            continue
        noun = next((c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in CONTENT_NOUNS), None)
        subject = own_subject(cue)
        if noun is None or subject is None:
            continue
        that = next((t for t in doc[noun.i + 1 : cue.sent.end] if t.lower_ == "that" and doc[t.i - 1].text == ","),
                    None)
        if that is None or that.i + 2 >= cue.sent.end or not any(t.dep_ == "punct" for t in doc[noun.i + 1 : that.i]):
            continue
        last = cue.sent.end - 1
        while last > that.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        start, end = doc[that.i + 1].idx, doc[last].idx + len(doc[last].text)
        if any(d.start < end and start < d.end for d in drafts + out) or not resolver.can_speak(subject):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        head = doc.char_span(start, end, alignment_mode="expand").root
        out.append(ClaimDraft(speaker=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text), start=start, end=end,
                              quote="indirect", modality=reported_modality(cue, head), channel=channel_of(cue),
                              cue_token=cue.i, subject=subject.i,
                              inner_source=doc[owner.left_edge.i : owner.i + 1].text if owner is not None else None))
    return out


def overlapping(drafts: list[ClaimDraft], cue: Token, start: int, end: int, text: str) -> ClaimDraft | None:
    """This cue's claim whose content overlaps [start, end), or ends just before it with nothing
    but spaces between (two clauses of one claim have a comma or a conjunction between them),
    if any."""
    return next((d for d in reversed(drafts) if d.cue_token == cue.i and d.start < end
                 and (start < d.end or not text[d.end:start].strip())), None)


def quoted_cue(text: str, cue: Token, subject: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """'"... Just 9 percent of voters said the debate changed their minds," wrote Easley': a cue
    quoted together with its subject is part of someone else's quotation, whose speaker is the
    one quoted, not the quotation's own subject. Returns that quotation's span. `text` is the
    Doc's text, read once by the caller (spaCy rebuilds `Doc.text` from every token on each
    access, which made this cost grow with the square of the article's length)."""
    last = max(subject.idx, cue.idx)
    return next(((q_start, q_end) for q_start, q_end in quotes
                 if q_start <= subject.idx < q_end and q_start <= cue.idx < q_end
                 and not closed_by_other_mark(text, q_start, last)), None)


def whole_quotation(text: str, quoted: Token, region: tuple[int, int], resolver: SpeakerResolver) -> list[ClaimDraft]:
    """The quotation around a quoted cue, claimed whole by the reporting verb outside it that the
    parser linked it to ('"People say, ...," said Charlie King'); nothing when there is none (a
    cue of the paragraph before carries it on, see pass 3)."""
    q_start, q_end = region
    for verb in quoted.ancestors:
        subject = own_subject(verb)
        if not is_cue(verb) or q_start <= verb.idx < q_end or subject is None or q_start <= subject.idx < q_end:
            continue
        if not resolver.can_speak(subject):
            return []
        start, end = strip_span(text, q_start, q_end)
        return [ClaimDraft(speaker=None, cue_start=verb.idx, cue_end=verb.idx + len(verb.text), start=start, end=end,
                           quote="direct", modality=quoted_modality(verb.doc, verb, quoted, start, end),
                           channel=channel_of(verb), cue_token=verb.i, subject=subject.i)]
    return []


def quoted_title_fix(subject: Token | None, cue: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """'"...," Flynn, a top surrogate, said Thursday on Fox News's "Fox and Friends."' parsed with
    the quoted show as the subject: a subject inside quotation marks that the cue is outside
    is a title, and the speaker is the name between the quotation before the cue and the cue."""
    def quoted(token: Token) -> bool:
        return any(start <= token.idx < end for start, end in quotes)

    if subject is None or not quoted(subject) or quoted(cue):
        return subject
    closing = max((end for start, end in quotes if end <= cue.idx), default=cue.sent.start_char)
    for token in cue.sent:
        if closing <= token.idx < cue.idx and token.pos_ == "PRON":
            return token
        if closing <= token.idx < cue.idx and (entity := entity_of(token)) is not None \
                and entity.label_ in {"PERSON", "ORG"}:
            return entity.root
    return None


def closed_by_other_mark(text: str, q_start: int, position: int) -> bool:
    """'“Immunity deals should not be a requirement," Chaffetz said': a quotation opened with one
    style of mark and closed, before `position`, with the other; nested quotes ('"... as “The
    Journal” wrote, it shows ..."') do not close it."""
    inside = text[q_start:position]
    if text[q_start - 1 : q_start] == "“":
        return '"' in inside
    return inside.count("”") > inside.count("“")


def inside_quotes(subject: Token, cue: Token, quotes: list[tuple[int, int]]) -> bool:
    """A subject inside quotation marks when its cue is not ('said Thursday on "Fox and
    Friends"', where the parser took the show for the speaker) is a title, not a source."""
    def quoted(token: Token) -> bool:
        return any(start <= token.idx < end for start, end in quotes)
    return quoted(subject) and not quoted(cue)


def enclosing_content(cue: Token, candidates: list[Cue]) -> Token | None:
    """The cue whose complement contains this cue, if any."""
    for other in candidates:
        if other.token.i == cue.i:
            continue
        for head in other.complements:
            if head.left_edge.i <= cue.i <= head.right_edge.i:
                return other.token
    return None


def content_bounds(text: str, head: Token, cue: Token, candidates: list[Cue]) -> tuple[int, int]:
    """Character span of the complement: its subtree, minus a leading 'that', conjoined
    clauses that are claims of their own, and participial cues that follow."""
    doc = head.doc
    first, last = head.left_edge.i, head.right_edge.i
    for conj in that_conjuncts(head):
        last = min(last, conj.left_edge.i - 1)
    for other in candidates:
        # '..., underscoring that ...' / '... but insisted that ...': the same speaker's next claim
        token = other.token
        if token.i != cue.i and head.i < token.i <= last and not has_own_subject(token) \
                and (token.tag_ == "VBG" and token.dep_ != "pcomp" or token.dep_ == "conj"):
            last = min(last, token.left_edge.i - 1)
    first, last = widen_for_cue(cue, head, first, last)
    # a leading 'that' or 'and' is the cue's, not the claim's; in a clause the cue interrupts
    # ('Though the repairs were cheap, she said, ...') the first word is the claim's own
    opener = set() if is_parenthetical(cue, head) else {"mark", "cc"}
    while first <= last and (doc[first].dep_ in opener or doc[first].lower_ == "that" and first < head.i
                             or doc[first].is_punct or doc[first].is_space or in_dateline(doc[first])):
        first += 1
    while last >= first and (doc[last].is_punct and doc[last].text not in QUOTE_CLOSERS or doc[last].is_space
                             or doc[last].dep_ == "cc"):
        last -= 1
    if last < first:
        return 0, 0
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return start, balance_quotes(text, start, end)


def widen_for_cue(cue: Token, head: Token, first: int, last: int) -> tuple[int, int]:
    """Token bounds adjusted for what the cue's class and the parse put outside the subtree."""
    doc = cue.doc
    lemma = verb_lemma(cue)
    if lemma in cues().listing and head.dep_ == "dobj":  # 'listed X as well as from Y, Z': the list runs on
        last = max(last, cue.sent.end - 1)
    if head.dep_ == "dobj" and (verdict := verdict_end(cue, lemma)) is not None:
        last = max(last, verdict.i)  # 'the crowd at about 5,000', 'the report "a fairy tale"'
    if lemma in cues().accusation and accusation_heads(cue)[:1] == [head]:
        # 'accused Rwanda of supplying ...': who is accused belongs to the claim (to the first
        # of several: 'and of failing to report them' is a claim of its own)
        accused = next((c for c in cue.children if c.dep_ == "dobj" and c.i < head.i), None)
        first = accused.left_edge.i if accused is not None else first
        if accused is not None and accused.left_edge.i <= head.i <= accused.right_edge.i:
            last = max(last, accused.right_edge.i)  # 'of' hangs on the accused: the claim runs to its end
    if lemma in cues().urging and head.dep_ == "xcomp":  # 'urged both sides to go to Acas': who is urged too
        addressee = next((c for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i < head.i), None)
        first = addressee.left_edge.i if addressee is not None and addressee.i > cue.i else first
    if is_as_clause(cue, head):
        first = max(first, cue.right_edge.i + 1)  # 'As Saar told the board, the quay ...': the main clause
    elif first <= cue.i <= last and not is_parenthetical(cue, head) and not is_verdict(cue, head):
        first = cue.i + 1  # parser put the cue inside its own complement: keep the part after it
    stray_object = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i and c.right_edge.i < first
                         and all(t.is_punct for t in doc[c.right_edge.i + 1 : first])), None)
    if stray_object is not None and lemma in OBJECTLESS_CUES:
        first = stray_object.left_edge.i  # 'said more than 1,800 investors, most of them retirees, had lost'
    # 'wrote that it had obtained names, phone numbers and addresses': the rest of the list hung on the cue
    # and 'was willing to do so "the moment he pays"': a quoted phrase the parser hung on the cue
    trailing = next((c for c in cue.children if c.i > last and head.i > cue.i
                     and (c.dep_ == "dobj" or c.dep_ != "punct" and (doc[c.left_edge.i].is_quote
                                                                      or doc[c.left_edge.i - 1].is_quote))
                     and all(t.is_punct for t in doc[last + 1 : c.left_edge.i])), None)
    if trailing is not None and lemma in cues().speech and head.dep_ != "dobj":
        last = trailing.right_edge.i
    return first, last


def interrupted_quote(text: str, start: int, end: int, cue: Token,
                      quotes: list[tuple[int, int]]) -> tuple[QuoteType, int, int]:
    """'"If the coast floods," he said, "we will move inland."' is one direct quote that the
    attribution interrupts: direct when nothing but the cue's own words lies outside the
    quotation marks."""
    inside = [(max(q_start, start), min(q_end, end)) for q_start, q_end in quotes if q_start < end and start < q_end]
    cue_phrase = cue.left_edge.idx, cue.right_edge.idx + len(cue.right_edge.text)
    covered = [*inside, cue_phrase]
    outside = "".join(ch for i, ch in enumerate(text[start:end], start)
                      if not any(a <= i < b for a, b in covered))
    if any(ch.isalnum() for ch in outside):
        return "mixed", start, end
    return "direct", inside[0][0], inside[-1][1]


def record_inner_sources(doc: Doc, drafts: list[ClaimDraft], nested: set[int]) -> None:
    """Name the source a nested cue reports ('the ministry had told him') on the claim containing it."""
    speech_only = cues().speech - cues().commitment - cues().prediction
    for i in nested:
        cue = doc[i]
        if verb_lemma(cue) not in speech_only:
            continue
        subject = subject_of(cue)
        for draft in drafts:
            if draft.start <= cue.idx < draft.end and subject is not None and subject.pos_ != "PRON":
                draft.inner_source = subject_span(subject).text
