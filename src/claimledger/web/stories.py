"""Stories: articles tied together by the ledger (two articles that carry the same claim are
one story), and the caches the pages share, rebuilt whenever the store's version changes."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from claimledger.records import ArticleIndexItem, StoryLink
from claimledger.store import Store


@dataclass(frozen=True)
class Story:
    """Articles that share ledger entries, oldest first."""

    id: str  # the first article's id
    articles: list[ArticleIndexItem]
    entries: frozenset[str]  # ledger entry ids
    origins: int  # independent origins of its most repeated claim

    @property
    def title(self) -> str:
        return self.articles[0].title or "(untitled)"

    @property
    def sites(self) -> list[str]:
        return list(dict.fromkeys(a.site for a in self.articles if a.site))

    @property
    def latest(self) -> str:
        return self.articles[-1].sort_key

    def neighbours(self, article_id: str) -> tuple[ArticleIndexItem | None, ArticleIndexItem | None]:
        """The story's articles just before and just after this one."""
        ids = [a.id for a in self.articles]
        at = ids.index(article_id)
        return (self.articles[at - 1] if at > 0 else None,
                self.articles[at + 1] if at + 1 < len(ids) else None)


@dataclass(frozen=True)
class FeedItem:
    """A line of the home page: a story, or an article that belongs to none."""

    story: Story | None = None
    article: ArticleIndexItem | None = None

    @property
    def latest(self) -> str:
        return self.story.latest if self.story else self.article.sort_key if self.article else ""


@dataclass(frozen=True)
class StoryIndex:
    by_article: dict[str, Story]
    feed: list[FeedItem]  # newest first
    sites: list[str] = field(default_factory=list)

    def filtered(self, site: str | None) -> list[FeedItem]:
        """The feed with only the articles of `site` (stories keep their articles from it)."""
        if not site:
            return self.feed
        out = []
        for item in self.feed:
            if item.article is not None and item.article.site == site:
                out.append(item)
            elif item.story is not None and site in item.story.sites:
                out.append(item)
        return out


def build_stories(articles: list[ArticleIndexItem], links: list[StoryLink]) -> StoryIndex:
    """Group articles that share a ledger entry (connected components) into stories."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    by_entry: dict[str, list[str]] = defaultdict(list)
    origins: dict[str, tuple[int, int]] = {}
    for link in links:
        by_entry[link.entry_id].append(link.article_id)
        origins[link.entry_id] = (len(by_entry[link.entry_id]), link.origins)
    for holders in by_entry.values():
        for other in holders[1:]:
            parent[find(other)] = find(holders[0])
    groups: dict[str, list[ArticleIndexItem]] = defaultdict(list)
    for article in articles:  # oldest first, so each group is in publication order
        if article.id in parent:
            groups[find(article.id)].append(article)
    entries: dict[str, set[str]] = defaultdict(set)
    for entry, holders in by_entry.items():
        entries[find(holders[0])].add(entry)
    stories = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        most_repeated = max(sorted(entries[root]), key=lambda e: origins[e][0])  # ties: the smallest id
        stories.append(Story(id=members[0].id, articles=members, entries=frozenset(entries[root]),
                             origins=origins[most_repeated][1]))
    by_article = {a.id: story for story in stories for a in story.articles}
    feed = [FeedItem(story=s) for s in stories] + [FeedItem(article=a) for a in articles if a.id not in by_article]
    feed.sort(key=lambda item: item.latest, reverse=True)
    return StoryIndex(by_article=by_article, feed=feed, sites=sorted({a.site for a in articles if a.site}))


T = TypeVar("T")


class VersionedCache(Generic[T]):
    """One value derived from the whole store, rebuilt when `Store.version()` changes (an
    ingest or a ledger rebuild in any process)."""

    def __init__(self, store: Store, build: Callable[[Store], T]):
        self.store = store
        self.build = build
        self.lock = threading.Lock()
        self.version: tuple[int, int] | None = None
        self.value: T | None = None

    def get(self) -> tuple[T, tuple[int, int]]:
        version = self.store.version()
        with self.lock:
            if version != self.version or self.value is None:
                self.value, self.version = self.build(self.store), version
            return self.value, version


def story_index(store: Store) -> StoryIndex:
    return build_stories(store.article_index(), store.story_links())
