"""Stage 4 for Russian: attributed claims from natasha's UD parse (nlp_ru.py), as the same
`ClaimDraft`s the English passes produce, so everything after this stage is shared.

Three passes over one Doc, in text order:

1. reporting verbs (data/ru/cues.json): 'заявил, что ...' (`ccomp`), 'настаивала на том,
   что ...', 'Он заявил: «...»', the agency lead and direct speech that end with the cue
   ('..., заявил X.', '«...», — сказал он.', '— ..., — рассказал X.'), 'Об этом сообщил X.'
   after the statement, object cues ('объяснил рост цен ...', 'назвала ... «политическими»')
   and impersonal organisations ('В министерстве заявили, что ...');
2. 'по словам X', 'по данным X', 'по мнению X', 'согласно опросу X', 'со ссылкой на X',
   'как сообщает X' (`according_to`);
3. a claim whose cue lies inside another claim's content is that claim's nested source,
   not a claim of its own ('По словам студента, преподаватели намекали, что ...').

Who speaks is `speakers.russian.RussianSpeakerResolver`'s work; modality is read per claim
by `modality_ru`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from claimledger.claims.draft import ClaimDraft
from claimledger.claims.modality_ru import clause_heads, ru_modality
from claimledger.claims.quotes import quote_regions, strip_span
from claimledger.data import load_data
from claimledger.document import Modality, QuoteType
from claimledger.speakers.russian import RussianSpeakerResolver
from claimledger.speakers.russian_names import is_quoted_name, quoted

DASHES = {"—", "–", "-"}
FINITE_FORMS = {"Fin", "Conv"}
# words that open a sentence before 'по словам X' without being part of the claim
LEADING_CONNECTIVES = {"однако", "но", "а", "и", "также"}


@dataclass(frozen=True)
class RussianCues:
    speech: frozenset[str]
    negative: frozenset[str]
    accusation: frozenset[str]
    possible: frozenset[str]
    announcement: frozenset[str]
    object: frozenset[str]
    prediction: frozenset[str]
    commitment: frozenset[str]
    needs_clause: frozenset[str]
    according_nouns: frozenset[str]
    according_prepositions: frozenset[str]
    document_nouns: frozenset[str]

    def lexicon(self) -> dict[str, frozenset[str]]:
        return {"negative": self.negative, "possible": self.possible, "prediction": self.prediction,
                "commitment": self.commitment}


@cache
def ru_cues() -> RussianCues:
    data = load_data("ru/cues.json")
    return RussianCues(**{k: frozenset(v) for k, v in data.items() if isinstance(v, list)})


@dataclass(frozen=True)
class Content:
    start: int
    end: int
    heads: list[Token]
    dash_speech: bool = False


def extract_claims_ru(doc: Doc, resolver: RussianSpeakerResolver) -> list[ClaimDraft]:
    """Every attributed claim in the Russian Doc, in text order."""
    text = doc.text
    quotes = quote_regions(text)
    drafts = reporting_verb_claims(doc, text, resolver, quotes)
    drafts.extend(according_claims(doc, text, resolver, quotes, drafts))
    drafts = [d for d in drafts if not nested(d, drafts)]
    kept: list[ClaimDraft] = []
    for draft in sorted(drafts, key=lambda d: (d.start, d.cue_start)):
        if not any(k.start == draft.start and k.end == draft.end for k in kept):
            kept.append(draft)
    return kept


def nested(draft: ClaimDraft, drafts: list[ClaimDraft]) -> bool:
    return any(other is not draft and other.start <= draft.cue_start and draft.cue_end <= other.end
               for other in drafts)


# -- pass 1: reporting verbs ---------------------------------------------------------------


def is_cue(token: Token) -> bool:
    lex = ru_cues()
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.lemma_ in lex.commitment and promised(token) is None \
            and not any(c.dep_ == "ccomp" for c in token.children):
        return False  # 'обещал' alone, or a promise of a thing ('пообещал помощь')
    if token.lemma_ not in lex.speech | lex.accusation | lex.commitment:
        return False
    if token.morph.get("VerbForm") and token.morph.get("VerbForm")[0] not in FINITE_FORMS:
        return False  # 'опрошенные РусИнформ' (participle), 'отказался комментировать' (infinitive)
    if any(c.lower_ == "как" and c.dep_ in {"mark", "advmod"} for c in token.children):
        return False  # 'как сообщает X': pass 2
    return not (any(c.lower_ == "не" for c in token.children) and token.lemma_ not in lex.negative | lex.possible)


def reporting_verb_claims(doc: Doc, text: str, resolver: RussianSpeakerResolver,
                          quotes: list[tuple[int, int]]) -> list[ClaimDraft]:
    drafts = []
    for cue in (t for t in doc if is_cue(t)):
        contents = contents_of(cue, text, quotes)
        if not contents:
            continue
        speaker = resolver.speaker_of(cue)
        if speaker is None:
            continue
        for content in contents:
            quote, start, end = classify(text, content, quotes)
            if end <= start:
                continue
            modality = ru_modality(cue, [h for head in content.heads for h in clause_heads(head)], ru_cues().lexicon())
            drafts.append(ClaimDraft(speaker=speaker, cue_start=cue.idx, cue_end=cue.idx + len(cue.text), start=start,
                                     end=end, quote=quote, modality=modality, channel=channel_of(cue),
                                     cue_token=cue.i))
            resolver.note_claim(speaker)
    return drafts


def contents_of(cue: Token, text: str, quotes: list[tuple[int, int]]) -> list[Content]:
    """What the cue reports, tried in order: a clause ('что ...'), a clause after 'на том'
    or 'в том'; what an accusation blames ('обвинил мэра в сокрытии данных'); text after a
    colon; the statement before a closing cue; the sentence before 'Об этом';
    the object of an object cue."""
    lex = ru_cues()
    clauses = [c for c in cue.children if c.i > cue.i and (c.dep_ == "ccomp" or c.dep_ == "parataxis" and any(
        m.dep_ == "mark" and m.lower_ == "что" for m in c.children))]
    clauses += [g for c in cue.children if c.dep_ == "obl" and c.lower_ == "том" for g in c.children
                if g.dep_ in {"ccomp", "acl", "acl:relcl"}]
    if clauses:
        out = [c for group in join_continuations(sorted(clauses, key=lambda c: c.i))
               if (c := clause_content(group, cue)) is not None]
        # a clause inside another is part of it, not a second claim: a relative clause the
        # parser hung on the cue ('..., чьих родственников склоняли'), or the first half of
        # 'что A и B' when 'что' went to B; its predicate still counts, in text order, so that
        # A stays the claim's main predicate
        outer = [c for c in out if not any(o is not c and o.start <= c.start and c.end <= o.end for o in out)]
        if outer:
            return [replace(o, heads=sorted({h for c in out if o.start <= c.start and c.end <= o.end
                                             for h in c.heads}, key=lambda h: h.i)) for o in outer]
    if (action := promised(cue)) is not None:  # 'пообещала в среду встретиться с водителями'
        # what comes between belongs to the promise ('до конца месяца'), except whom it was made to
        between = [c for c in cue.children if cue.i < c.i < action.i and not is_addressee(c)]
        first = min([action.left_edge.i, *(c.left_edge.i for c in between)])
        return [token_content(cue.doc, max(first, cue.i + 1), action.right_edge.i, action)]
    if cue.lemma_ in lex.accusation:
        blamed = [c for c in cue.children if c.i > cue.i and c.dep_ == "obl" and c.lower_ != "том"
                  and any(m.dep_ == "case" and m.lower_ in {"в", "во"} for m in c.children)]
        if blamed:
            return [phrase_content(blamed[0])]
    after_that = that_clause_content(cue)
    if after_that is not None:
        return [after_that]
    after_colon = colon_content(cue, text, quotes)
    if after_colon is not None:
        return [after_colon]
    before = closing_content(cue, text, quotes)
    if before is not None:
        return [before]
    previous = about_this_content(cue)
    if previous is not None:
        return [previous]
    told = told_event(cue)
    if told is not None:
        return [phrase_content(told)]
    if cue.lemma_ in lex.object:
        objects = [c for c in cue.children if c.i > cue.i and c.dep_ in {"obj", "xcomp", "obl"}
                   and not (c.dep_ == "obl" and c.lemma_ in {"интервью", "брифинг", "заседание", "конференция"})]
        if objects:
            first, last = min(o.left_edge.i for o in objects), max(o.right_edge.i for o in objects)
            return [token_content(cue.doc, first, last, objects[0])]
    return []


def told_event(cue: Token) -> Token | None:
    """What a denial or an announcement names without a clause: 'отвергли данные о массовой
    фальсификации', 'заявила о взломе сервиса'. Only a noun phrase with a complement of its own
    says something: 'сообщил о засухе' names a topic, and a denial's object says something only
    through a prepositional complement ('обвинения в подлоге'), since 'отверг слова тренера' and
    'отверг эти обвинения' point back at what was said before."""
    lex = ru_cues()
    if cue.lemma_ in lex.negative:
        found = [c for c in cue.children if c.dep_ == "obj" and any(
            g.dep_ == "acl" or g.dep_ == "nmod" and any(m.dep_ == "case" for m in g.children) for g in c.children)]
    elif cue.lemma_ in lex.announcement:
        found = [c for c in cue.children if c.dep_ == "obl" and c.i > cue.i
                 and any(m.dep_ == "case" and m.lower_ in {"о", "об"} for m in c.children)
                 and any(g.dep_ in {"nmod", "acl"} for g in c.children)]
    else:
        return None
    return found[0] if found else None


def phrase_content(phrase: Token) -> Content:
    """A noun phrase as a claim's content, without its own preposition ('в сокрытии ...')."""
    first = next(t.i for t in phrase.subtree if t.dep_ != "case" or t.head.i != phrase.i)
    return token_content(phrase.doc, first, phrase.right_edge.i, phrase)


def promised(cue: Token) -> Token | None:
    """The action a commitment verb promises or threatens: its infinitive ('пообещали
    проверить эту информацию')."""
    if cue.lemma_ not in ru_cues().commitment:
        return None
    return next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i
                 and "Inf" in c.morph.get("VerbForm")), None)


def is_addressee(token: Token) -> bool:
    """'пообещал журналистам': whom the words were addressed to, or who spoke."""
    return token.dep_ in {"nsubj", "iobj", "punct"} or (
        "Dat" in token.morph.get("Case") and not any(c.dep_ == "case" for c in token.children))


def join_continuations(clauses: list[Token]) -> list[list[Token]]:
    """'..., что X, а Y' parsed as two clauses of the cue: the second, without a 'что' of its
    own, continues the first (one claim); 'что X и что Y' stays two."""
    out: list[list[Token]] = []
    for clause in clauses:
        if out and not any(m.dep_ == "mark" for m in clause.children):
            out[-1].append(clause)
        else:
            out.append([clause])
    return out


def clause_content(group: list[Token], cue: Token) -> Content | None:
    head = group[0]
    doc = head.doc
    first, last = head.left_edge.i, max(c.right_edge.i for c in group)
    if first <= cue.i <= last:
        first = cue.i + 1
    while first <= last and (doc[first].dep_ in {"mark", "cc"} or doc[first].is_punct or doc[first].is_space):
        first += 1
    if last < first:
        return None
    content = token_content(doc, first, last, head)
    return Content(content.start, content.end, group)


def token_content(doc: Doc, first: int, last: int, head: Token) -> Content:
    while last > first and (doc[last].pos_ == "PUNCT" and doc[last].text not in {"»", "“", '"'} or doc[last].is_space):
        last -= 1
    return Content(doc[first].idx, doc[last].idx + len(doc[last].text), [head])


def that_clause_content(cue: Token) -> Content | None:
    """', что ...' after the cue that the parser did not hang on it (a broken or cyclic
    parse): the rest of the sentence, when no other verb of speech comes between."""
    doc = cue.doc
    sent = cue.sent
    for token in doc[cue.i + 1 : sent.end]:
        if is_cue(token) or token.text in {".", ":", "«", "—"}:
            return None
        after_comma = token.i > cue.i + 1 and doc[token.i - 1].text == ","
        if token.lower_ == "что" and after_comma and token.dep_ in {"mark", "dep"}:
            last = sent.end - 1
            while last > token.i and (doc[last].pos_ == "PUNCT" or doc[last].is_space):
                last -= 1
            if last <= token.i:
                return None
            span = doc[token.i + 1 : last + 1]
            return Content(span.start_char, span.end_char, [span.root])
    return None


def colon_content(cue: Token, text: str, quotes: list[tuple[int, int]]) -> Content | None:
    """'Он заявил: «...»' / 'Она пояснила: ...': what follows the colon after the cue's clause."""
    sent = cue.sent
    colon = next((t for t in sent if t.i > cue.i and t.text == ":"), None)
    if colon is None or any(t.is_punct and t.text in {".", "?", "!"} for t in cue.doc[cue.i : colon.i]):
        return None
    if any(t.dep_ == "ccomp" and t.i < colon.i for t in cue.children):
        return None
    start = colon.idx + 1
    region = next(((s, e) for s, e in quotes if 0 <= s - start <= 3), None)
    end = region[1] if region is not None else sent.end_char
    heads = [t for t in cue.children if t.i > colon.i] or [cue]
    return Content(start, end, heads)


def closing_content(cue: Token, text: str, quotes: list[tuple[int, int]]) -> Content | None:
    """'..., заявил X.' / '«...», — сказал он.' / '— ..., — рассказал X.': the statement the
    cue closes, back to the start of its sentence, of its quotation, or of its dash paragraph."""
    doc = cue.doc
    sent = cue.sent
    before = doc[sent.start : cue.i]
    if len(before) < 2:
        return None
    tail = [t.text for t in before[-3:] if not t.is_space]
    if not tail or not (tail[-1] in DASHES | {","} or (len(tail) >= 2 and tail[-2:] == ["»", ","])):
        return None
    if any(t.dep_ == "ccomp" and t.i > cue.i for t in cue.children):
        return None
    # the statement ends before ', —' / '»,' and starts at the sentence, or earlier when a
    # quotation or a paragraph of dash speech runs on from previous sentences
    last = cue.i - 1
    while last > sent.start and (doc[last].pos_ == "PUNCT" and doc[last].text not in {"»"} or doc[last].is_space):
        last -= 1
    end = doc[last].idx + len(doc[last].text)
    start = sent.start_char
    dash = False
    paragraph_start = text.rfind("\n", 0, start) + 1
    inside = next(((s, e) for s, e in quotes if s - 1 <= start < e and e <= end + 1), None)
    if inside is not None:
        start = inside[0] - 1
    elif text[paragraph_start : paragraph_start + 1] in DASHES and not re.search(
            r",\s*[—–]\s", text[paragraph_start:start]):
        start, dash = paragraph_start, True
    elif text[start : start + 1] in DASHES:
        dash = True
    heads = [s.root for s in doc.sents if start <= s.start_char < end and s.root.i != cue.i]
    if cue.dep_ == "parataxis" and cue.head.i < cue.i and cue.head.i not in [h.i for h in heads]:
        heads = [*heads, cue.head]
    if not heads:
        heads = closed_predicates(cue, start, end)
    heads = heads[:1] + [h for h in heads[1:] if h.sent == heads[0].sent] if heads else [cue]
    return Content(start, end, heads, dash_speech=dash)


def closed_predicates(cue: Token, start: int, end: int) -> list[Token]:
    """When the closing cue is its sentence's root ('Дефицита ... не будет, заявил X'), the
    statement's predicate hangs from the cue: its largest dependent inside the statement."""
    inside = [c for c in cue.children if start <= c.idx < end and not c.is_punct]
    return sorted(inside, key=lambda c: -len(list(c.subtree)))[:1]


def about_this_content(cue: Token) -> Content | None:
    """'Об этом сообщила пресс-служба': the sentence before, in the same or the previous paragraph."""
    if not any(c.dep_ == "obl" and c.lemma_ in {"это", "этот"} and any(g.lower_ in {"об", "о"} for g in c.children)
               for c in cue.children):
        return None
    doc = cue.doc
    sentence = cue.sent
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    while previous.root.is_space and previous.start > 0:
        previous = doc[previous.start - 1].sent
    words = [t for t in previous if not t.is_space]
    if len(words) < 3:
        return None
    last = words[-1].i
    while last > words[0].i and doc[last].pos_ == "PUNCT":
        last -= 1
    return Content(words[0].idx, doc[last].idx + len(doc[last].text), [previous.root])


def channel_of(cue: Token) -> str | None:
    """'в интервью ТАСС' -> 'ТАСС'; 'в своем Telegram-канале' -> 'Telegram-канал'; 'в эфире X'."""
    for child in cue.children:
        if child.dep_ != "obl" or not any(g.lower_ in {"в", "во", "на"} for g in child.children if g.dep_ == "case"):
            continue
        if child.lemma_ in {"интервью", "эфир", "беседа", "разговор"}:
            partner = next((g for g in child.children if g.dep_ in {"iobj", "nmod", "obl"} and g.pos_ == "PROPN"), None)
            return partner.text if partner is not None else child.text
        if "канал" in child.lemma_ or child.lemma_ in {"соцсеть", "блог", "telegram", "телеграм"}:
            return child.text
    return None


def classify(text: str, content: Content, quotes: list[tuple[int, int]]) -> tuple[QuoteType, int, int]:
    """Direct when the content is one quotation or a paragraph of dash speech (the content is
    then the quoted words), mixed when it holds quoted words, indirect otherwise."""
    start, end = content.start, content.end
    for q_start, q_end in quotes:
        if q_start - 2 <= start and end <= q_end + 2:
            inner_start, inner_end = strip_span(text, q_start, q_end)
            return "direct", inner_start, strip_end(text, inner_start, inner_end)
    if content.dash_speech:
        s, e = strip_span(text, start, end)
        return "direct", s, strip_end(text, s, e)
    if any(q_start < end and start < q_end and not is_quoted_name(text[q_start:q_end]) for q_start, q_end in quotes):
        return "mixed", start, end
    s, e = strip_span(text, start, end)
    return "indirect", s, strip_end(text, s, e)


def strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:—–-.\n«»„“":
        end -= 1
    return end


# -- pass 2: 'по словам X' and its kin -----------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    cue_first: int  # token range of the attribution phrase
    cue_last: int
    source: Token | None  # the noun or pronoun naming the source
    verb: Token | None = None  # 'как сообщает X'


def according_claims(doc: Doc, text: str, resolver: RussianSpeakerResolver, quotes: list[tuple[int, int]],
                     existing: list[ClaimDraft]) -> list[ClaimDraft]:
    drafts = []
    for attribution in attributions(doc):
        speaker = (resolver.speaker_of(attribution.verb) if attribution.verb is not None
                   else resolver.resolve(attribution.source) if attribution.source is not None else None)
        if speaker is None:
            continue
        sentence = doc[attribution.cue_first].sent
        bounds = around(sentence, attribution.cue_first, attribution.cue_last)
        if bounds is None:
            continue
        start, end, head = bounds
        if any(d.start == start and d.end == end for d in existing):
            continue
        quote: QuoteType = "according_to"
        cue_start = doc[attribution.cue_first].idx
        cue_end = doc[attribution.cue_last].idx + len(doc[attribution.cue_last].text)
        s, e = strip_span(text, start, end)
        modality: Modality = ru_modality(attribution.verb, clause_heads(head), ru_cues().lexicon())
        drafts.append(ClaimDraft(speaker=speaker, cue_start=cue_start, cue_end=cue_end, start=s,
                                 end=strip_end(text, s, e), quote=quote, modality=modality,
                                 cue_token=attribution.cue_first))
        resolver.note_claim(speaker)
    return drafts


def attributions(doc: Doc) -> list[Attribution]:
    lex = ru_cues()
    out = []
    for token in doc:
        if token.lower_ == "по" and token.dep_ == "case" and token.head.lemma_ in lex.according_nouns:
            noun = token.head
            source = next((c for c in noun.children if c.dep_ in {"nmod", "det"} and c.i > token.i
                           and c.lower_ not in {"этим", "этой", "тем"}), None) or next_genitive(noun)
            if source is not None:
                out.append(Attribution(token.i, max(noun.i, phrase_end(source)), document_source(source)))
        elif token.lower_ in lex.according_prepositions and token.head.pos_ in {"NOUN", "PROPN"}:
            noun = token.head
            out.append(Attribution(token.i, phrase_end(noun), document_source(noun)))
        elif token.lower_ == "ссылкой" and token.i > 0 and doc[token.i - 1].lower_ == "со":
            source = next((c for c in token.children if c.dep_ == "nmod"), None)
            if source is not None:
                out.append(Attribution(token.i - 1, phrase_end(source), source))
        elif token.lower_ == "как" and token.head.lemma_ in lex.speech and token.head.i > token.i \
                and token.dep_ in {"mark", "advmod"}:
            verb = token.head
            last = max([c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ != "punct"], default=verb.i)
            out.append(Attribution(token.i, last, None, verb))
    return out


def next_genitive(noun: Token) -> Token | None:
    """The source when the parser did not hang it on 'данным': the first genitive noun after
    it, before any comma ('по данным аналитического проекта «Карта контрактов», ...')."""
    for token in noun.doc[noun.i + 1 : noun.sent.end]:
        if token.text == "," or token.is_space:
            return None
        if token.pos_ in {"NOUN", "PROPN"} and token.morph.get("Case") == ["Gen"]:
            return token
    return None


def phrase_end(token: Token) -> int:
    """The last token of a source phrase, cut before a comma ('«Степного ветра», основанным ...')."""
    doc = token.doc
    last = token.right_edge.i
    for t in doc[token.i : last + 1]:
        if t.text == "," and not quoted(t):
            return t.i - 1
    return last


def document_source(noun: Token) -> Token:
    """'опросу исследовательской группы «Пульс региона»' -> the group (its name speaks);
    'данным проекта' -> the project."""
    if noun.lemma_ in ru_cues().document_nouns:
        owner = next((c for c in noun.children if c.dep_ == "nmod" and c.pos_ in {"NOUN", "PROPN"}), None)
        if owner is not None:
            return owner
    return noun


def around(sentence: Span, first: int, last: int) -> tuple[int, int, Token] | None:
    """The claim's words around an attribution phrase: what follows a leading phrase, what
    precedes a closing one, the whole sentence around one in the middle."""
    doc = sentence.doc
    words = [t for t in sentence if t.pos_ != "PUNCT" and not t.is_space]
    if not words:
        return None
    before = [t for t in words if t.i < first and t.dep_ != "cc" and t.lower_ not in LEADING_CONNECTIVES]
    after = [t for t in words if t.i > last]
    if not after and not before:
        return None
    if not before:
        span = doc[after[0].i : after[-1].i + 1]
    elif not after:
        span = doc[before[0].i : before[-1].i + 1]
    else:
        span = doc[before[0].i : after[-1].i + 1]
    head = span.root
    if first <= head.i <= last:
        head = next((t for t in span if t.head.i == head.i and not first <= t.i <= last and t.pos_ in
                     {"VERB", "AUX", "ADJ", "NOUN"}), head)
    return span.start_char, span.end_char, head
