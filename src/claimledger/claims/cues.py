"""Reporting verbs (data/cues.json) and what they report: the clausal, gerund, infinitive or
listed complement that carries the claim."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Token

from claimledger.data import load_data

# reporting verbs that take no direct object of their own, so an object beside their clause is
# a misparse ('said more than 1,800 investors, most of them retirees, had lost'), and one that
# has an object ('she added the words "..."') reports no clause the parser hung before it
OBJECTLESS_CUES = {"say", "add", "claim", "argue", "state", "insist", "note", "estimate", "stress", "emphasize"}
# a reflexive subject of a complement narrates the cue's own subject ('found itself playing host')
REFLEXIVES = {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"}
# a clause that one of these opens says when or why, not what: 'In a statement issued shortly after
# the councillor suspended his campaign, Moen said ...' and '"...," Kovac said, as a few boxers
# trained inside', both parsed as the cue's ccomp
SUBORDINATORS = {"after", "before", "when", "while", "because", "since", "although", "though", "until", "once",
                 "unless", "whereas", "whenever", "as"}


@dataclass
class CueLexicon:
    speech: frozenset[str]
    negative: frozenset[str]
    prediction: frozenset[str]
    commitment: frozenset[str]
    urging: frozenset[str]
    listing: frozenset[str]
    accusation: frozenset[str]
    pledging: frozenset[str]  # 'promised an inquiry': the object pledged is the claim
    characterising: frozenset[str]  # 'called the report "a fairy tale"'
    figuring: frozenset[str]  # 'police put the crowd at about 5,000'
    forewarning: frozenset[str]  # 'warned of a strike that could shut the port'
    quoting: frozenset[str]  # verbs that introduce a quotation standing beside them
    disputed: frozenset[str]  # nouns, not cues: things said, whose denial takes issue ('the findings')
    needs_particle: dict[str, str]

    @cached_property
    def clausal(self) -> frozenset[str]:
        """Cues that report a clause, an infinitive, a gerund or a listed object."""
        return self.speech | self.commitment | self.accusation | self.listing | self.urging

    @cached_property
    def known(self) -> frozenset[str]:
        """Every verb this lexicon knows, as `verb_lemma` checks it."""
        return self.all | self.quoting

    @cached_property
    def all(self) -> frozenset[str]:
        return (self.speech | self.commitment | self.accusation | self.listing | self.urging
                | self.characterising | self.figuring)


@cache
def cues() -> CueLexicon:
    data = load_data("cues.json")
    sets = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    return CueLexicon(needs_particle=data["needs_particle"], **sets)


@dataclass(frozen=True)
class Cue:
    """A reporting verb and the heads of the clauses it reports."""

    token: Token
    complements: list[Token]


def verb_lemma(token: Token) -> str:
    """The token's lemma, checked against the cue list: the small model lemmatises some regular
    past forms wrongly ('hoped' -> 'hop'), so a form ending in -ed or -s whose stem is a cue
    reads as that cue."""
    lemma = token.lemma_.lower()
    lexicon = cues().known
    if lemma in lexicon or token.pos_ not in {"VERB", "AUX"}:
        return lemma
    word = token.lower_
    stems = [word[:-1], word[:-2]] if word.endswith("ed") else [word[:-1]] if word.endswith("s") else []
    return next((stem for stem in stems if stem in lexicon), lemma)


def is_cue(token: Token) -> bool:
    return verb_lemma(token) in cues().all and token.pos_ in {"VERB", "AUX"}


def cue_candidate(token: Token) -> Cue | None:
    """The token as a reporting verb with at least one complement, or None."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    lex = cues()
    lemma = verb_lemma(token)
    if lemma not in lex.all:
        return None
    if (verdict := verdict_object(token, lemma)) is not None:
        return Cue(token, [verdict])
    if lemma not in lex.clausal:
        return None  # 'put' and 'call' report a claim only in the forms `verdict_object` reads
    particle = lex.needs_particle.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle or c.dep_ == "prep" and c.lower_ == particle
                            for c in token.children):
        return None
    if token.tag_ == "VBN" and token.dep_ in {"acl", "amod"} and token.head.dep_ != "ROOT":
        return None  # 'reported interest', 'a claimed victory' (but see subject_of for verbless parses)
    if token.tag_ == "VBN" and token.dep_ == "advcl" and not any(c.dep_.startswith("nsubj") for c in token.children):
        return None  # 'Asked whether he would testify, he said ...': the question is no one's claim
    if any(c.dep_ == "neg" for c in token.children) and lemma not in lex.negative:
        return None  # 'Tamm did not say how many ...' reports no claim
    if reports_a_gap(token):
        return None
    complements = complements_of(token, lemma) or misparsed_complement(token) or parenthetical_complement(token) \
        or as_clause_complement(token)
    complements = [c for c in complements if not about_oneself(c)]
    return Cue(token, complements) if complements else None


def about_oneself(complement: Token) -> bool:
    """'The network found itself playing host', 'she found herself embroiled': a reflexive
    subject narrates the cue's subject, it reports nothing."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in REFLEXIVES for c in complement.children) \
        or complement.lower_ in REFLEXIVES


def reports_a_gap(cue: Token) -> bool:
    """'Everything Trump says is a lie', 'the cuts the country pledged to reach', 'what many
    expect to be a soft interview': what the cue reports is the noun it describes, not a
    clause of its own."""
    relative_subject = any(c.dep_ in {"nsubj", "nsubjpass"} and (c.tag_ in {"WP", "WDT"} or c.lower_ == "that")
                           for c in cue.children)
    clause_after = any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children)  # 'which he said were ...'
    if cue.dep_ == "relcl" and not relative_subject and not clause_after:
        return True
    return any(t.tag_ in {"WP", "WDT"} and t.lower_ in {"what", "which"} and t.dep_ not in {"nsubj", "nsubjpass"}
               and t.i < cue.i for t in cue.lefts) or any(
        t.lower_ == "what" and t.i < cue.i and t.dep_ in {"dobj", "nsubj"} for c in cue.children
        if c.dep_ == "xcomp" for t in c.children)


def parenthetical_complement(cue: Token) -> list[Token]:
    """'The harbour, Vaitkus said, had lost a third of its traffic' and '"If the coast floods," he
    said, "we will move inland"': the parser hangs the cue from the clause it interrupts
    (parataxis); that whole clause is what was said."""
    head, doc = cue.head, cue.doc
    if cue.dep_ != "parataxis" or head.pos_ not in {"VERB", "AUX"} or head.left_edge.i >= cue.left_edge.i:
        return []
    if is_cue(head) or not any(c.dep_ == "nsubj" for c in cue.children):
        return []
    if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children):
        return []  # 'she added the words ...' says something of its own
    edge = cue.right_edge.i
    after = doc[edge + 1] if edge + 1 < len(doc) else None
    if not doc[edge].is_punct and after is not None and not after.is_punct:
        return []  # the attribution is set off by commas: ', she said,'
    start = next(t.i for t in cue.subtree if not t.is_punct)
    if start == 0 or doc[start - 1].text not in {",", "—", "–"} and not doc[start - 1].is_quote:
        return []
    return [head]


# verbs whose object is who was told, not what: 'As Saar told the board, ...'
ADDRESSEE_CUES = {"tell", "remind", "assure", "inform", "warn"}


def as_clause_complement(cue: Token) -> list[Token]:
    """'But as Kask noted, the dockers will give Lind a second look' and 'As Saar told the board,
    the quay is older than the town': a cue in an opening 'as' clause with a subject and nothing
    said of its own vouches for the main clause after it."""
    head, doc = cue.head, cue.doc
    if cue.dep_ != "advcl" or head.pos_ not in {"VERB", "AUX"} or head.i < cue.i or is_cue(head):
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            or not any(c.dep_ == "nsubj" for c in cue.children):
        return []
    lemma = verb_lemma(cue)
    if lemma not in cues().speech or any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in cue.children) \
            or any(c.dep_ == "dobj" for c in cue.children) and lemma not in ADDRESSEE_CUES:
        return []  # 'As she announced the closure, ...' is when, not what
    # the parser hangs the comma that closes the clause on the cue or on the main verb
    after = cue.right_edge.i if cue.right_edge.text == "," else cue.right_edge.i + 1
    if after >= len(doc) or doc[after].text != "," or not any(c.dep_ == "nsubj" and c.i > after for c in head.children):
        return []
    if any(t.lower_ == "according" for t in doc[after : head.right_edge.i + 1]):
        return []  # '..., according to the documents': the clause names its own source
    return [head]


def is_as_clause(cue: Token, head: Token) -> bool:
    return cue.dep_ == "advcl" and cue.head.i == head.i and head.i > cue.i \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


def is_parenthetical(cue: Token, head: Token) -> bool:
    return cue.dep_ == "parataxis" and cue.head.i == head.i


def verdict_object(cue: Token, lemma: str) -> Token | None:
    """The object of a characterisation ('called the report "a fairy tale"', 'described the
    allegations as "cheap theatre"') or of a figure put on it ('police put the crowd at about
    5,000'): the claim runs from the object to the end of what is said of it (`verdict_end`)."""
    lex = cues()
    if lemma not in lex.characterising | lex.figuring or any(c.dep_ == "neg" for c in cue.children):
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None and cue.dep_ in {"relcl", "ccomp", "acl"} and cue.head.pos_ == "NOUN" and cue.head.i < cue.i:
        obj = cue.head  # 'allegations the company called "false and defamatory"'
    return obj if obj is not None and verdict_end(cue, lemma) is not None else None


def is_verdict(cue: Token, head: Token) -> bool:
    """Whether `head` is the object of a characterisation or a figure (see `verdict_object`)."""
    return verdict_object(cue, verb_lemma(cue)) is head


def verdict_end(cue: Token, lemma: str) -> Token | None:
    """The last token of the verdict: a quoted predicate for characterisations, a figure after
    'at' for estimates; None when the cue has neither."""
    doc, lex = cue.doc, cues()
    if lemma in lex.characterising:
        predicates = [c for c in cue.children if c.dep_ in {"oprd", "xcomp"}]
        predicates += [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"
                       for g in c.children if g.dep_ == "pobj"]
        predicates += [g for o in cue.children if o.dep_ == "dobj" for c in o.children
                       if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        # 'called the plan "a disaster"', where the parser made the quoted noun an apposition
        predicates += [c for o in cue.children if o.dep_ == "dobj" for c in o.children if c.dep_ == "appos"]
        for predicate in predicates:
            before = doc[predicate.left_edge.i - 1] if predicate.left_edge.i > 0 else None
            if before is not None and before.is_quote or predicate.left_edge.is_quote:
                return predicate.right_edge
    if lemma in lex.figuring:
        # 'put the crowd at about 5,000'; the parser may hang 'at' inside the object ('put the number
        # of people sheltering in the hall at about 5,000')
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        preps = [c for c in cue.children if c.dep_ == "prep" and c.lower_ == "at"]
        preps += [t for o in objects for t in o.subtree if t.dep_ == "prep" and t.lower_ == "at"]
        for prep in sorted(preps, key=lambda p: p.i, reverse=True):
            figure = [t for t in prep.subtree if t.like_num and t.ent_type_ not in {"TIME", "DATE"}]
            if figure:
                return prep.right_edge
    return None


def misparsed_complement(cue: Token) -> list[Token]:
    """'Experts caution readers to differentiate ...', parsed with 'caution' as a compound noun
    modifier: a cue verb with a subject of its own, left of the sentence's main verb, whose
    clause the parser made the root. The root's subtree (after the cue) is the content."""
    root = cue.sent.root
    if cue.dep_ not in {"compound", "nsubj", "amod", "nmod", "npadvmod"} or root.i <= cue.i or root.pos_ != "VERB":
        return []
    return [root] if any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children) else []


def complements_of(cue: Token, lemma: str) -> list[Token]:
    """Clausal complements first ('said that ...'); failing those, what the cue's class takes:
    a gerund for denials and commitments, an infinitive for urging and forecasts, 'of' + gerund
    for accusations, the object for listings."""
    lex = cues()
    doc = cue.doc
    # a clause before the cue and cut off from it by a colon is not what it reports
    own_object = lemma in OBJECTLESS_CUES and any(c.dep_ == "dobj" and c.i > cue.i for c in cue.children)
    heads = [c for c in cue.children if c.dep_ == "ccomp" and not misparsed_clause(c) and not (c.i < cue.i and (
        own_object or any(t.text in {":", ";"} for t in doc[c.right_edge.i + 1:cue.i])))]
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    objects += [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        # 'rejected suggestions that the sample had been compromised'; 'said in a statement that
        # it was ...', where the parser hangs the clause from 'statement'
        heads.extend(c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"} and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children))  # 'that' as complementizer, not pronoun
        heads.extend(c for c in obj.children if that_object_clause(obj, c))
    if heads:  # 'said the bridge would reopen, and that tolls would be cut': the parser hangs B on the cue
        heads += [c for c in cue.children if is_that_conjunct(c) and c not in heads]
    if not heads and lemma in lex.negative | lex.commitment:
        heads = [c for c in cue.children if c.dep_ in {"xcomp", "dobj", "pcomp"} and c.tag_ in {"VBG", "VB"}]
        heads += [c for c in cue.children if c.dep_ == "prt" for c in c.children if c.tag_ == "VBG"]
    if not heads and lemma in lex.pledging:  # 'promised an inquiry into the delays'
        heads = [c for c in cue.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    if not heads and lemma in lex.urging and any(c.dep_ in {"dobj", "dative"} for c in cue.children):
        heads = [c for c in cue.children if c.dep_ == "xcomp"]
    if not heads and lemma in lex.accusation:
        heads = accusation_heads(cue)
    if not heads and lemma in lex.listing:
        heads = [c for c in cue.children if c.dep_ == "dobj"]
    if not heads and lemma in lex.prediction:
        heads = [c for c in cue.children if c.dep_ == "xcomp"]
    if not heads and lemma in lex.forewarning:  # 'warned of a long strike', 'cautioned about rising prices'
        heads = [g for c in cue.children if c.dep_ == "prep" and c.lower_ in {"of", "about"}
                 for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    return split_conjoined(heads)


def misparsed_clause(clause: Token) -> bool:
    """An adverbial clause the parser made the cue's complement, which says when or why, not
    what ('after the councillor suspended his campaign', 'as a few boxers trained')."""
    return any(m.dep_ == "mark" and m.lower_ in SUBORDINATORS for m in clause.children)


def accusation_heads(cue: Token) -> list[Token]:
    """What an accusation blames, one head per 'of': 'accused the firm of inflating its figures
    and of hiding the losses' is two claims. The parser hangs 'of' on the cue, on the accused
    ('accused the firm of inflating'), deep in an apposition to the accused ('accused X, the
    biggest employer in town, of discharging ...'), or on the 'of' before it."""
    accused = [c for c in cue.children if c.dep_ == "dobj"]
    ofs = [c for c in cue.children if c.dep_ == "prep" and c.lower_ == "of"]
    ofs += [t for a in accused for t in a.subtree if t.dep_ == "prep" and t.lower_ == "of" and t.i > a.i
            and all(p.dep_ in {"appos", "prep", "dobj", "compound", "amod", "conj"} or p.i == a.i
                    for p in ancestors_up_to(t, a))]
    ofs += [c for o in ofs for c in o.children if c.dep_ == "conj" and c.lower_ == "of"]
    heads = {g.i: g for c in ofs for g in c.children if g.dep_ in {"pcomp", "pobj"}}
    return [heads[i] for i in sorted(heads)]


def ancestors_up_to(token: Token, top: Token) -> list[Token]:
    """The tokens on the way from `token`'s head up to `top` (inclusive)."""
    out, t = [], token.head
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return [*out, top]


def split_conjoined(heads: list[Token]) -> list[Token]:
    """'that X and that Y' is two claims; 'two were killed and five wounded' is one, and so is
    '... once the navies had cleared the mines', which the parser often makes a conjunct."""
    out = []
    for head in heads:
        out.append(head)
        out.extend(that_conjuncts(head))
    return out


def that_object_clause(obj: Token, clause: Token) -> bool:
    """'told the panel that the mayor had rewritten the rules', parsed as a relative clause with
    'that' for its object: a clause that already has an object of its own cannot have 'that'
    for one, so 'that' is the complementizer."""
    if clause.dep_ != "relcl":
        return False
    that = next((c for c in clause.children if c.lower_ == "that" and c.dep_ == "dobj"), None)
    others = [c for c in clause.children if c.dep_ in {"dobj", "attr", "ccomp"} and c is not that]
    has_subject = any(c.dep_ == "nsubj" for c in clause.children)
    return that is not None and that.i == obj.i + 1 and bool(others) and has_subject


def that_conjuncts(head: Token) -> list[Token]:
    """The 'and that B' clauses of the clause headed by `head`, also where the parser hangs B on
    the last verb of A ('that the mayor had rewritten the rules so that only one firm could
    qualify, and that he had received the money'), but not inside a clause A reports or
    describes ('that the mayor knew that X and that Y')."""
    found = []
    for token in head.subtree:
        if token.i == head.i or not is_that_conjunct(token):
            continue
        between, ancestor = [], token.head
        while ancestor.i != head.i:
            between.append(ancestor)
            ancestor = ancestor.head
        if not any(a.dep_ in {"ccomp", "relcl", "acl", "pcomp", "csubj"} for a in between):
            found.append(token)
    return found


def is_that_conjunct(token: Token) -> bool:
    """'and that B', and 'but B' with a subject of its own ('said the method was sound but the
    range was wide'): a contrast puts a second claim, where 'and' may join parts of one."""
    if token.dep_ != "conj" or token.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"that", "whether"} for c in token.children):
        return True
    before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return before is not None and before.lower_ == "but" and any(c.dep_ == "nsubj" for c in token.children)
