"""Quotation marks: where quotations are, whether a claim is a direct, mixed or indirect
quote, and pass 3, quotations that continue a speaker's quote without a new cue."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from claimledger.claims.draft import ClaimDraft
from claimledger.claims.modality import quoted_modality
from claimledger.document import QuoteType

# two apostrophes (and two backticks) stand for quotation marks in some plain-text feeds
QUOTE_PAIRS = {"''": "''", "``": "''", "“": "”", '"': '"', "«": "»", "„": "“"}
QUOTE_CLOSERS = {"”", '"', "»", "’", "''"}
QUOTE_OPENING = re.compile("|".join(re.escape(mark) for mark in QUOTE_PAIRS))
# a quotation shorter than this ('"shocking"') is a quoted word, not a continued statement
MIN_CONTINUATION_WORDS = 4
# marks that open or close a quotation, for reading what stands before one
OPENING_MARKS = "\"“‘'«„"
CLOSING_MARKS = "\"”’'»"


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Inner spans of quotations. A quote left open at the end of a paragraph runs on into the
    next paragraph when that one opens with a quotation mark (the newspaper convention). A
    mark that can only open a quotation, met before the open one is closed, starts a new
    quotation there: '"... 26 weeks. "We are going ... Parliament." She said' is two
    quotations, and 'She said' is outside both."""
    regions = []
    for paragraph in re.finditer(r"[^\n]+", text):
        para, base = paragraph.group(), paragraph.start()
        i = 0
        while (opening := QUOTE_OPENING.search(para, i)) is not None:
            mark, inner = opening.group(), opening.end()
            closer = QUOTE_PAIRS[mark]
            end = closing_mark(para, inner, mark, closer)
            if end == -1:
                regions.append((base + inner, base + len(para)))
                break
            regions.append((base + inner, base + end))
            reopens = para.startswith(mark, end) and opens_again(para, end, mark)
            i = end + len(closer) if para.startswith(closer, end) and not reopens else end
    return regions


def closing_mark(para: str, inner: int, opener: str, closer: str) -> int:
    """Where the quotation whose text starts at `inner` ends: its closing mark, or a mark that
    reopens ('“' again, or a straight '"' with a space before and a word after); -1 when it
    runs on."""
    for j in range(inner, len(para)):
        if para.startswith(opener, j) and opens_again(para, j, opener):
            return j
        if para.startswith(closer, j):
            return j
    return -1


def opens_again(para: str, j: int, opener: str) -> bool:
    """Whether the opening mark at `j` begins a new quotation rather than closing one."""
    if QUOTE_PAIRS[opener] != opener:  # distinct marks: only the opener opens (for „...“, '“' closes)
        return para.startswith(opener, j) and opener != "„"
    before, after = para[j - 1:j], para[j + len(opener):j + len(opener) + 1]
    return (before == "" or before.isspace()) and after != "" and not after.isspace()


def classify_quote(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[QuoteType, int, int]:
    """Direct when the content lies inside one quotation (the content becomes the whole
    quotation), mixed when it contains quoted words, indirect otherwise."""
    for q_start, q_end in quotes:
        if q_start - 2 <= start and end <= q_end + 2:
            if re.search(r"\bthat\s*$", text[max(0, q_start - 9) : q_start].rstrip("'`\"“„«")):
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


def balance_quotes(text: str, start: int, end: int) -> int:
    """Take in the closing quotation mark the parser hung on the main verb, so the content
    reads '"inflated by at least a third"' and not '"inflated by at least a third'."""
    content = text[start:end]
    opened = sum(content.count(c) for c in "“«") - sum(content.count(c) for c in "”»") + content.count('"') % 2
    opened += content.count("''") % 2
    closer = next((c for c in sorted(QUOTE_CLOSERS, key=len, reverse=True) if text.startswith(c, end)), None)
    return end + len(closer) if opened > 0 and closer is not None else end


def continued_quotes(doc: Doc, text: str, drafts: list[ClaimDraft], quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    """Pass 3. A full-sentence quotation with no cue of its own continues the previous direct
    quote's speaker in the same or the next paragraph: '"...," Nazarov told reporters. "They
    returned fire ..."'."""
    out: list[ClaimDraft] = []
    for q_start, q_end in quotes:
        if any(d.start < q_end and q_start < d.end for d in drafts + out):
            continue
        start, end = strip_span(text, q_start, q_end)
        if len(text[start:end].split()) < MIN_CONTINUATION_WORDS or not text[start:start + 1].isupper() \
                or not opens_sentence(text, q_start):
            continue
        previous = [d for d in drafts + out if d.end <= q_start and d.quote in {"direct", "mixed"}]
        if not previous:
            continue
        last = max(previous, key=lambda d: d.end)
        if text.count("\n\n", last.end, q_start) > 1:
            continue
        cue = doc[last.cue_token]
        head = doc.char_span(start, end, alignment_mode="expand").root
        out.append(ClaimDraft(speaker=last.speaker, cue_start=last.cue_start, cue_end=last.cue_end, start=start,
                              end=end, quote="direct", modality=quoted_modality(doc, cue, head, start, end),
                              channel=last.channel, cue_token=last.cue_token))
    return out


def opens_sentence(text: str, position: int) -> bool:
    """Whether a quotation at `position` stands as a sentence of its own: after a sentence's end,
    a colon, a comma or a paragraph break, not run into a phrase ('co-editor of "Beach Reads: A
    History"' is a title)."""
    i = position - 1
    while i >= 0 and (text[i].isspace() or text[i] in OPENING_MARKS):
        if text[i] == "\n":
            return True
        i -= 1
    while i >= 0 and text[i] in CLOSING_MARKS:
        i -= 1  # '... he said. "' or '."  "': the mark that closed the previous quotation
    return i < 0 or text[i] in ".!?:;,…—–-"  # ',' for 'as Mr. Sykes said, "At a certain point ..."'

