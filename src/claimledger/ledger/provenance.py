"""One ledger entry from its appearances: their order in time, which are copies of which,
how many independent origins the claim has, and whether its figures drift. A pure function of
the appearances (`describe_entry`), so that a ledger built another way (incrementally, in
parallel) describes an entry exactly as this one does.

Order: by publication instant in UTC, undated appearances after all dated ones in ingestion
order (and marked as undated); a headline right after the body of its own article.

An origin is one act of stating: a source, a channel and a time. An appearance is a copy of
an earlier one, the first rule that holds deciding, when
1. it is the headline of an article whose body carries the claim;
2. its paragraph is a near copy of the earlier one's (a reprint, a wire story with edits);
3. it names the earlier one's outlet ('told the state news agency Derzhava', '(CWS)',
   'first reported by the Port Averill Sentinel');
and it is an origin of its own when
4. the source spoke to the publishing outlet itself ('told the Caspian Times'), or it is the
   source's own publication (a press release on the company's site);
otherwise it is a copy when
5. the same source (not two different people) through a compatible channel was reported
   within COPY_WINDOW_HOURS before it: a rewrite of the same statement, even when every
   surrounding paragraph was rewritten;
and else it is a new origin: another occasion, another channel, another witness.

Drift: the ranges the appearances give for the claim's figure (those that count the same
thing as the first appearance's figure); two ranges that do not overlap flag the entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from claimledger.ledger.clusters import Link, context_overlap
from claimledger.ledger.match import compare_figures
from claimledger.ledger.names import compare_speakers, fold
from claimledger.ledger.views import ClaimView, claim_view, outlet_keys
from claimledger.records import Appearance, ChainLink, FirstAppearance, LedgerEntry, NumberRange, StoredClaim

COPY_CONTEXT = 0.5  # word-trigram Jaccard of two paragraphs above which one reprints the other
# A rewrite of one statement follows it within two days (in the development corpora: 50 minutes
# to 33 hours); the same source heard again later, or through another channel, is a new occasion.
COPY_WINDOW_HOURS = 48
# Outlet names that differ from a site's domain only by such a word: 'CWS' for cwsnews.com.
OUTLET_SUFFIXES = frozenset({"news", "online", "daily", "times", "wire", "post", "media", "tv", "radio", "today",
                             "net"})
STATEMENT_CHANNELS = frozenset({"statement", "release", "website", "post", "announcement", "notice"})
CHANNEL_WORDS = ("interview|statement|release|briefing|conference|committee|hearing|meeting|address|speech|"
                 "programme|program|show|broadcast|podcast|post|video|website|session|summit|rally")
CHANNEL_IN_TEXT = re.compile(rf"\b(?:in|at|on|during|to|before)\s+(?:an?\s+|the\s+|its\s+|his\s+|her\s+|their\s+)?"
                             rf"(?:[\w'’-]+\s+){{0,3}}?(?P<noun>{CHANNEL_WORDS})s?\b", re.IGNORECASE)
# The source addressing an outlet: 'told the local broadcaster Bayline Radio', 'spoke to
# Maritime Business Report', 'in an interview with the Caspian Times'.
SPOKE_TO = re.compile(r"\b(?:told|tells|telling|spoke to|speaks to|speaking to|talking to|said to|interview with|"
                      r"interviewed by)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?P<name>(?:[A-Z][\w&'’-]*\s*){1,4})")
# The day the source spoke, as the paragraph gives it: 'told Baltic Wire on Monday',
# 'Speaking to reporters in Helsinki on Tuesday'. Two reports naming different days report two
# occasions.
SPOKEN_ON = re.compile(r"\b(?:said|says|told|tells|spoke|speaking|stated|declared|announced|wrote|claimed|added|"
                       r"insisted|warned)\b[^.;]{0,60}?\bon\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|"
                       r"Saturday|Sunday)\b", re.IGNORECASE)
SPOKE_TO_OUTLET = "the source spoke to"
GENERIC_SITE_WORDS = frozenset({"www", "en", "m", "amp", "news", "com", "org", "net", "co", "uk"})


def site_keys(site: str | None) -> frozenset[str]:
    """'en.derzhava-news.ru' -> {'derzhavanews', 'derzhava'}: the names an outlet goes by
    (a site given by name, 'Daily Ledger', goes by that name: 'dailyledger')."""
    if not site:
        return frozenset()
    if "." not in site.strip(". "):
        return frozenset({"".join(fold(site))}) - {""}
    labels = [label for label in site.lower().split(".")[:-1] if label not in GENERIC_SITE_WORDS]
    keys = {label.replace("-", "") for label in labels}
    keys |= {part for label in labels for part in label.split("-") if len(part) >= 4 and part not in GENERIC_SITE_WORDS}
    return frozenset(k for k in keys if len(k) >= 3)


def names_outlet(mention: str, key: str) -> bool:
    """Whether a folded name from the text ('cws', 'baylineradio', 'sentinel') names the outlet
    whose domain gives `key` ('cwsnews', 'bayline', 'portaverillsentinel')."""
    if mention == key:
        return True
    if mention in OUTLET_SUFFIXES:  # 'Times' alone names no outlet
        return False
    if key.startswith(mention) and len(mention) >= 3 and key[len(mention):] in OUTLET_SUFFIXES:
        return True
    if mention.startswith(key) and len(key) >= 5:
        return True
    return len(mention) >= 5 and key.endswith(mention)  # 'Sentinel' for portaverillsentinel, 'Kalvo' for radiokalvo


def cites(view: ClaimView, site: str | None) -> bool:
    return any(names_outlet(m, k) for m in view.outlets_named for k in site_keys(site))


def spoke_to_outlet(view: ClaimView, site: str | None) -> bool:
    """The source addressed the outlet at `site` ('told the Caspian Times'), or the extraction
    gives that outlet as the claim's channel."""
    addressed = set(outlet_keys(view.claim.channel or ""))
    for found in SPOKE_TO.finditer(view.claim.context):
        addressed |= outlet_keys(found.group("name"))
    return any(names_outlet(m, k) for m in addressed for k in site_keys(site))


def own_publication(view: ClaimView) -> bool:
    """The source publishes it on its own site: a company's press release on the company's domain."""
    names = {"".join(fold(view.claim.speaker))} | {"".join(fold(org)) for org in affiliations(view)}
    keys = site_keys(view.claim.site)
    return any(len(n) >= 5 and len(k) >= 5 and (n.startswith(k) or k.startswith(n)) for n in names for k in keys)


def affiliations(view: ClaimView) -> list[str]:
    description = view.claim.speaker_description or ""
    return [m.group(1) for m in re.finditer(r"\b(?:of|at|for)\s+((?:[A-Z][\w&'’-]*\s*)+)", description)]


def channel(view: ClaimView) -> str | None:
    """The channel the claim came through: what the extraction found, else a channel noun in
    its paragraph ('speaking at the council's infrastructure committee')."""
    if view.claim.channel:
        return view.claim.channel.lower()
    found = CHANNEL_IN_TEXT.search(view.claim.context)
    return found.group("noun").lower() if found else None


def spoken_on(view: ClaimView) -> str | None:
    found = SPOKEN_ON.search(view.claim.context)
    return found.group("day") if found else None


def channels_compatible(later: ClaimView, earlier: ClaimView) -> bool:
    a, b = channel(later), channel(earlier)
    if a is None or b is None:
        return True
    if a == b or a in b or b in a:
        return True
    statement = lambda c: any(w in c for w in STATEMENT_CHANNELS)  # noqa: E731
    if statement(a) and (statement(b) or own_publication(earlier)):
        return True
    return own_publication(earlier) and statement(a)


def order_key(claim: StoredClaim) -> tuple[bool, datetime, int, bool]:
    undated = claim.published_at is None
    return (undated, claim.published_at or datetime.min.replace(tzinfo=UTC), claim.sequence, claim.headline)


def hours_between(later: StoredClaim, earlier: StoredClaim) -> float | None:
    if later.published_at is None or earlier.published_at is None:
        return None
    return (later.published_at - earlier.published_at).total_seconds() / 3600


def copy_source(k: int, views: list[ClaimView], exclusive: list[bool]) -> tuple[int | None, str]:
    """The earlier appearance that views[k] copies (None for a new origin), and why.
    `exclusive[i]`: appearance i goes back to a statement made to its outlet alone (an
    interview), which a later report can only copy by naming that outlet or its text."""
    view = views[k]
    claim = view.claim
    earlier = [i for i in range(k) if views[i].article != view.article or claim.headline]
    if claim.headline:
        body = next((i for i in earlier if views[i].article == view.article), None)
        if body is not None:
            return body, "the headline of an article whose body carries the claim"
    earlier = [i for i in earlier if views[i].article != view.article and not views[i].claim.headline]
    overlaps = [(context_overlap(claim, views[i].claim), i) for i in earlier]
    best = max(overlaps, default=(0.0, None))
    if best[1] is not None and best[0] >= COPY_CONTEXT:
        site = views[best[1]].claim.site
        return best[1], f"its paragraph is a near copy of {site}'s ({best[0]:.0%} of word triples shared)"
    cited = next((i for i in earlier if views[i].claim.site != claim.site and cites(view, views[i].claim.site)), None)
    if cited is not None:
        return cited, f"it names {views[cited].claim.site}, where the claim appeared earlier"
    if spoke_to_outlet(view, claim.site):
        return None, f"{SPOKE_TO_OUTLET} {claim.site} itself"
    if own_publication(view):
        return None, "the source's own publication"
    for i in earlier:
        if exclusive[i]:
            continue
        hours = hours_between(claim, views[i].claim)
        if hours is not None and hours > COPY_WINDOW_HOURS:
            continue
        speakers = compare_speakers(view.speaker, views[i].speaker)
        days = spoken_on(view), spoken_on(views[i])
        if None not in days and days[0] != days[1]:
            continue
        if speakers.agreement != "different" and channels_compatible(view, views[i]):
            when = f"{hours:.0f} hours" if hours is not None else "undated, in ingestion order"
            return i, f"the same statement retold ({speakers.reason}; channel {channel(view) or 'not named'}; " \
                      f"{when} after {views[i].claim.site})"
    return None, new_origin_reason(view, [views[i] for i in earlier])


def new_origin_reason(view: ClaimView, earlier: list[ClaimView]) -> str:
    if not earlier:
        return "first report"
    first = earlier[0]
    if compare_speakers(view.speaker, first.speaker).agreement == "different":
        return f"another source ({view.claim.speaker})"
    hours = hours_between(view.claim, first.claim)
    days = spoken_on(view), spoken_on(first)
    if None not in days and days[0] != days[1]:
        return f"a new occasion: the source spoke on {days[0]}, the first report has {days[1]}"
    if hours is not None and hours > COPY_WINDOW_HOURS:
        return f"a new occasion {hours / 24:.0f} days after the first report ({channel(view) or 'channel not named'})"
    return f"a new occasion: another channel ({channel(view) or 'not named'})"


def number(view: ClaimView) -> NumberRange | None:
    figure = view.figure
    return NumberRange(text=figure.text, low=figure.low, high=figure.high) if figure is not None else None


def drifts(views: list[ClaimView]) -> bool:
    """Two appearances whose figures count what the first figure counts give ranges that cannot both be right."""
    main = next((v.figure for v in views if v.figure is not None), None)
    figures = [v.figure for v in views if v.figure is not None
               and (v.figure is main or compare_figures(main, v.figure)[0] in {"agree", "conflict", "consistent"})]
    return any(compare_figures(a, b)[0] == "conflict" for n, a in enumerate(figures) for b in figures[n + 1:])


def describe_entry(claims: list[StoredClaim], links: Mapping[str, Link] | None = None,
                   views: Mapping[str, ClaimView] | None = None) -> LedgerEntry:
    """The ledger entry of these appearances of one claim. `links` (claim id -> the decision
    that brought it in) only adds the reasons; `views` only saves recomputing them."""
    links = links or {}
    members = sorted(claims, key=order_key)
    seen = [(views or {}).get(c.id) or claim_view(c) for c in members]
    parent: list[int] = []
    origin_of: list[int] = []
    why: list[str] = []
    exclusive: list[bool] = []
    for k in range(len(seen)):
        source, reason = copy_source(k, seen, exclusive)
        parent.append(k if source is None else source)
        origin_of.append(k if source is None else origin_of[source])
        why.append(reason)
        exclusive.append(exclusive[source] if source is not None else reason.startswith(SPOKE_TO_OUTLET))
    first = members[0]
    appearances = [appearance(seen[k], members[parent[k]].id if parent[k] != k else None, members[origin_of[k]].id,
                              why[k], links.get(members[k].id)) for k in range(len(members))]
    return LedgerEntry(
        id=first.id, canonical=next((c.content for c in members if not c.headline), first.content),
        speakers=list(dict.fromkeys(c.speaker for c in members if not c.headline)) or [first.speaker],
        first_claim_id=first.id, appearances=len({c.article_id for c in members}),
        origins=sum(1 for k in range(len(members)) if parent[k] == k),
        drift=drifts(seen), appearance_list=appearances,
        copy_chains=[chain(k, parent, members) for k in range(len(members)) if parent[k] != k],
        first_appearance=FirstAppearance(article_id=first.article_id, site=first.site, published=first.published,
                                         title=first.title, published_at=first.published_at),
    )


def chain(k: int, parent: list[int], members: list[StoredClaim]) -> list[ChainLink]:
    path = [k]
    while parent[path[-1]] != path[-1]:
        path.append(parent[path[-1]])
    return [ChainLink(article_id=members[i].article_id, site=members[i].site) for i in reversed(path)]


def appearance(view: ClaimView, copied_from: str | None, origin: str, provenance: str, link: Link | None) -> Appearance:
    claim = view.claim
    url = claim.source if claim.source.startswith(("http://", "https://")) else None
    return Appearance(claim_id=claim.id, article_id=claim.article_id, site=claim.site, published=claim.published,
                      title=claim.title, url=url, speaker=claim.speaker, quote=claim.quote, channel=claim.channel,
                      content=claim.content, origin_claim_id=origin, copied_from=copied_from, number=number(view),
                      published_at=claim.published_at, undated=claim.published_at is None, headline=claim.headline,
                      provenance=provenance, matched=f"with {link.other}: {link.decision.describe()}" if link else "",
                      speaker_disagreement=link.decision.speaker_disagreement if link else None)
