"""Headlines that state an attributed claim are appearances too: 'Minister: 5,000 engineers
have left', '46 drones downed overnight – Defence Ministry', 'Quill Creek recalls two cheeses,
says "no reports of illness"'. Read with patterns, without a parse: a headline is one line
with a fixed grammar of attribution. The source a headline names is loose ('Moscow', 'NordCell
chief'), so it is kept as an unnamed source: it never contradicts a speaker, the wording decides.
"""

from __future__ import annotations

import re

from claimledger.ledger.views import content_stems
from claimledger.quantities import find_quantities
from claimledger.records import StoredClaim

NAME = r"[A-Z][\w'’.&-]*"
SAYS = r"(?:says|said|claims|claimed|tells|told|warns|insists|denies|admits|confirms|reports|announces)"
PATTERNS = (
    # 'NordCell chief: "The building itself was never on fire"'
    re.compile(r"^(?P<speaker>[^:]{2,60}?)\s*:\s+(?P<claim>.{8,})$"),
    # 'Air defences destroy 46 drones overnight – Defence Ministry'
    re.compile(r"^(?P<claim>.{8,}?)\s+[–—-]\s+(?P<speaker>[^–—:]{2,60})$"),
    # 'Drones hit fuel depot in Bryansk, General Staff says'
    re.compile(rf"^(?P<claim>.{{8,}}?),\s+(?P<speaker>[^,]{{2,60}}?)\s+{SAYS}(?:\s+\w+)?\.?$", re.IGNORECASE),
    # 'Dozens of Finns join volunteer units, says Tamm'
    re.compile(rf"^(?P<claim>.{{8,}}?),\s+{SAYS}\s+(?P<speaker>(?:{NAME}\s+){{0,4}}{NAME})\.?$", re.IGNORECASE),
    # 'Quill Creek Dairy recalls two soft cheeses, says "no reports of illness"'
    re.compile(rf"^(?P<speaker>(?:{NAME}\s+){{0,4}}{NAME})\s+[a-z].*?,\s+{SAYS}\s+(?P<claim>.{{8,}})$"),
    # 'Russia says it downed 46 drones', 'Kursk Governor Says Region Has Downed 100 Drones'
    re.compile(rf"^(?P<speaker>(?:{NAME}\s+){{0,5}}?{NAME})\s+{SAYS}\s+(?:that\s+)?(?P<claim>.{{8,}})$", re.IGNORECASE),
)
# Words before a colon that label a story instead of naming a source.
LABELS = frozenset("recall analysis opinion live watch update updated explainer exclusive breaking video factbox "
                   "timeline review editorial comment interview photos podcast listen read more related "
                   "advertisement sponsored".split())
NOT_A_CLAUSE = re.compile(r"(?:of|about|against|on|over|for)\s", re.IGNORECASE)  # 'warns of big bill'
QUOTES = "\"'“”‘’"
MAX_SPEAKER_WORDS = 6
MIN_CLAIM_WORDS = 2


def headline_parts(title: str) -> tuple[str, str] | None:
    """(source, claim) when `title` attributes a claim to a source, else None."""
    title = " ".join(title.split())
    for pattern in PATTERNS:
        found = pattern.match(title)
        if found is None:
            continue
        speaker = found.group("speaker").strip(" ,:" + QUOTES)
        claim = found.group("claim").strip(" ." + QUOTES)
        words = speaker.split()
        if not words or len(words) > MAX_SPEAKER_WORDS or not any(w[:1].isupper() for w in words):
            continue
        if speaker.lower() in LABELS or NOT_A_CLAUSE.match(claim) or len(content_stems(claim)) < MIN_CLAIM_WORDS:
            continue
        return speaker, claim
    return None


def headline_claim(body: StoredClaim) -> StoredClaim | None:
    """The claim the headline of `body`'s article states, as an appearance of that article."""
    if not body.title or (parts := headline_parts(body.title)) is None:
        return None
    speaker, content = parts
    quoted = any(q in body.title for q in QUOTES[:1] + QUOTES[2:4])
    return body.model_copy(update={
        "id": f"{body.article_id}-h", "speaker": speaker, "speaker_kind": "unnamed", "content": content,
        "quote": "direct" if quoted else "indirect", "modality": "actual", "channel": None, "flags": [],
        "quantities": [m.quantity for m in find_quantities(content)], "places": [], "context": body.title,
        "speaker_description": None, "headline": True,
    })


def headline_claims(claims: list[StoredClaim]) -> list[StoredClaim]:
    """One headline appearance per article whose headline attributes a claim."""
    seen: dict[str, StoredClaim] = {}
    for claim in claims:
        if claim.article_id not in seen and not claim.headline:
            seen[claim.article_id] = claim
    return [h for body in seen.values() if (h := headline_claim(body)) is not None]
