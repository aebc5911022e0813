"""Stage 4: attributed claims from the dependency parse.

Four passes over one parsed Doc, in text order:

1. reporting verbs (said, told, argued, denied, ...; data/cues.json) with a clausal,
   gerund, infinitive or listed complement, including participial cues ('..., claiming
   that ...') attributed to the subject of the clause above, cues set off by commas inside
   the clause they report ('The harbour, she said, had lost ...'), characterisations
   ('called the report "a fairy tale"') and figures put on something ('police put the crowd
   at about 5,000') (`reported`, `cues`);
2. quotations whose cue stands beside them rather than in the parse: after a quotation of
   several sentences, before one after a colon, interrupting one (`adjacent`);
3. 'according to X' attributions, including documents ('according to a survey by X')
   (`according`);
4. direct quotations that continue a speaker's quote without a new cue (`quotes`).

A complement inside quotation marks is a direct quote; one that contains quoted words is
mixed. Nested attribution ('Smith said the ministry had told him that ...') is kept as
Smith's claim with the ministry recorded as `inner_source`. Who speaks is the speakers
package's work; how firmly (`modality`) and through which channel (`channels`) are read
per claim.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.claims.according import according_to_claims
from claimledger.claims.adjacent import adjacent_quote_claims, quote_cue_after
from claimledger.claims.channels import channel_announcements, inherit_channels
from claimledger.claims.draft import ClaimDraft
from claimledger.claims.modality import is_group_plan
from claimledger.claims.quotes import continued_quotes, quote_regions
from claimledger.claims.reported import reporting_verb_claims
from claimledger.speakers import SourceRequest, SpeakerResolver

__all__ = ["ClaimDraft", "extract_claims"]


def extract_claims(doc: Doc, resolver: SpeakerResolver) -> list[ClaimDraft]:
    """Every attributed claim in the Doc, in text order, one per stretch of content."""
    text = doc.text  # Doc.text joins every token on each access: read it once
    quotes = quote_regions(text)
    drafts = reporting_verb_claims(doc, text, resolver, quotes)
    drafts.extend(adjacent_quote_claims(doc, text, resolver, drafts, quotes))
    drafts.extend(according_to_claims(doc, text, resolver, drafts, quotes))
    announced = channel_announcements(doc, drafts)
    requests = [SourceRequest(doc[d.subject], content=(d.start, d.end)) for d in drafts]
    requests += [SourceRequest(subject, claims=0) for _, subject, _ in announced]
    speakers = resolver.resolve_all(requests)
    for draft in drafts:
        draft.speaker = speakers.get(draft.subject)
    drafts = [d for d in drafts if d.speaker is not None]
    for draft in drafts:
        # 'Achebe said the union would announce strike dates': the plan of the group she speaks for
        if draft.modality == "predicted" and draft.quote == "indirect":
            span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
            if span is not None and is_group_plan(span.root, resolver.group_words(draft.subject)):
                draft.modality = "intended"
    inherit_channels(drafts, [(verb.idx, speakers[s.i].name, channel) for verb, s, channel in announced
                              if s.i in speakers])
    # a quotation followed by a cue with a named subject of its own continues nobody's quote,
    # even when that subject is no source we can resolve
    own_cue = [(s, e) for s, e in quotes if (found := quote_cue_after(doc, text, s, e)) and found[1].pos_ != "PRON"]
    drafts.extend(continued_quotes(doc, text, drafts, [q for q in quotes if q not in own_cue]))
    return dedupe(sorted(drafts, key=lambda d: (d.start, d.cue_start)))


def dedupe(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Two cues reaching the same words (a parse that links a quote to two verbs) make one claim,
    the nearer cue's before them: in '"...," he said, adding later, "..."' the second quotation
    is what 'adding' introduces. `drafts` are in (start, cue_start) order."""
    kept: list[ClaimDraft] = []
    for draft in drafts:
        same = next((i for i, k in enumerate(kept) if k.start == draft.start and k.end == draft.end), None)
        if same is None:
            kept.append(draft)
        elif kept[same].cue_start < draft.cue_start <= draft.start:
            kept[same] = draft
    return kept
