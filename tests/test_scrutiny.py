"""The scrutiny line and the flags: plain words, grammatical for any counts, at most 60 words,
each flag explained once (data/flags.json) for the terminal, the Markdown report and the web."""

from __future__ import annotations

import random
import re
from itertools import product
from typing import get_args

import pytest

from claimledger.document import Claim, Flag, Speaker, TextSpan
from claimledger.nlp import parse
from claimledger.render import markdown
from claimledger.scrutiny import (
    CORROBORATION_OVERLAP,
    MAX_LINE_WORDS,
    MIN_SHARED_WORDS,
    article_scrutiny,
    content_words,
    corroborated,
    flag_explanation,
    flag_label,
    scrutiny_line,
)

NAMES = ["Anna Berg", "Jon Ruud", "Eva Sand", "Ola Moe", "Siri Dahl", "Per Lund"]
CHANNELS = ["Radio Nord", "a statement", "Radio Sud"]
PHRASES = {"Radio Nord": "told Radio Nord that", "a statement": "said in a statement that",
           "Radio Sud": "said in an interview with Radio Sud that"}


def said(name: str, what: str, channel: str | None = None) -> str:
    return f"{name} {PHRASES[channel]} {what}." if channel else f"{name} said {what}."


WHAT = ["the bridge would reopen in May", "the repairs had cost far more than planned",
        "the council had approved a second crossing", "the ferry would stop running in June",
        "the harbour was busier than last year", "local shops had lost customers during the works"]


def article(counts: list[int], channels: int = 0) -> str:
    """One paragraph per claim: speaker i makes counts[i] claims; the first `channels` claims
    name a channel. Every sentence differs, so no claim corroborates another."""
    paragraphs, n = [], 0
    for speaker, count in zip(NAMES, counts, strict=False):
        for k in range(count):
            channel = CHANNELS[n % len(CHANNELS)] if n < channels else None
            text = said(speaker, WHAT[(n + k) % len(WHAT)] + f" for the {n + 1}th time", channel)
            paragraphs.append(text)
            n += 1
    return "\n\n".join(paragraphs or ["Heavy snow closed the mountain pass on Tuesday and drivers waited for hours."])


def check_plain(line: str) -> None:
    assert len(line.split()) <= MAX_LINE_WORDS, line
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", line), f"a code in: {line}"
    assert not re.search(r"\b(one|1) (claims|sources|were|come|make)\b", line), line
    assert not re.search(r"\b(two|three|four|five|six|seven|eight|nine|\d*[02-9]|\d+[0-9]) (claim|source|was|comes)\b",
                         line), line
    assert "  " not in line and ";." not in line and " ." not in line and line.endswith(".")
    for sentence in re.split(r"(?<=\.) ", line):
        assert sentence[:1].isupper() or sentence[:1] in "“\"", sentence


@pytest.mark.parametrize("counts, expected", [
    ([], "No attributed claims: everything in the article is the outlet's own narration."),
    ([1], "The article's one claim comes from Anna Berg."),
    ([2], "Both claims come from one source, Anna Berg."),
    ([4], "All 4 claims come from one source, Anna Berg."),
    ([2, 1], "The article's 3 claims come from two sources: two from Anna Berg and one from Jon Ruud."),
    ([4, 1, 1], "One source, Anna Berg, makes 4 of the article's 6 claims; two others make the rest."),
    ([2, 2, 1], "The article's 5 claims come from 3 sources; the most quoted, Anna Berg, makes two."),
    ([1, 1, 1, 1], "The article's 4 claims come from 4 different sources."),
])
def test_the_line_says_who_the_claims_come_from_for_any_count(analyze, counts, expected):
    doc = analyze(article(counts))
    assert len(doc.claims) == sum(counts), [c.content.text for c in doc.claims]
    assert doc.summary.scrutiny.startswith(expected), doc.summary.scrutiny
    check_plain(doc.summary.scrutiny)


@pytest.mark.parametrize("counts, channels, expected", [
    ([1], 1, "It was made via Radio Nord."),
    ([2], 2, "Both were made via Radio Nord and a statement."),
    ([3, 1], 4, "All were made via Radio Nord, a statement and Radio Sud."),
    ([3, 2], 1, "One was made via Radio Nord."),
    ([3, 2], 3, "Three were made via Radio Nord, a statement and Radio Sud."),
])
def test_the_line_names_the_channels_with_the_right_count(analyze, counts, channels, expected):
    line = analyze(article(counts, channels)).summary.scrutiny
    assert expected in line, line
    check_plain(line)


def test_without_channels_the_line_does_not_mention_any(analyze):
    line = analyze(article([2, 1])).summary.scrutiny
    assert "via" not in line and "made" not in line


def test_a_long_role_gives_way_to_the_cautions(analyze):
    doc = analyze(
        "Lev Orlov, the organiser of the \"Free Harbour\" campaign that has run the strike since the spring, spoke "
        "in an interview with Radio Nord on Friday.\n\n"
        "He said thousands of dock workers were prepared to join the strike. He claimed that several dozen ships "
        "had already been turned away, and that several hundred drivers had stopped work.\n\n"
        "An unnamed official said the port was working normally. A second official said the figures were wrong.\n\n"
        "The figures could not be independently verified.")
    line = doc.summary.scrutiny
    check_plain(line)
    assert "could not be verified" in line and "“thousands” counts people" in line


def synthetic(n: int, speakers: int, channels: int, flags: list[Flag]) -> list[Claim]:
    claims = []
    for i in range(n):
        name = NAMES[i % speakers]
        text = f"claim number {i}"
        claims.append(Claim(
            id=f"c{i + 1}", speaker=Speaker(name=name, mention=name, kind="named",
                                             description="a long description of who this person is" if i % 2 else None),
            cue=TextSpan(text="said", start=0, end=4), content=TextSpan(text=text, start=0, end=len(text)),
            quote="indirect", modality="actual", channel=CHANNELS[i % len(CHANNELS)] if i < channels else None,
            flags=[f for k, f in enumerate(flags) if (i + k) % 2 == 0]))
    return claims


def test_the_line_is_plain_and_short_for_every_combination_of_counts():
    doc = parse("A short text.")
    flag_sets: list[list[Flag]] = [[], ["unnamed_source"], ["unverified"], ["unverified", "unnamed_source"],
                                   ["single_source", "interested_source", "unverified", "unnamed_source"]]
    for n, speakers, channels, flags in product([1, 2, 3, 7, 25], [1, 2, 3, 6], [0, 1, 2, 25], flag_sets):
        claims = synthetic(n, min(speakers, n), min(channels, n), flags)
        check_plain(scrutiny_line(claims, article_scrutiny(claims), doc))


def test_every_flag_has_a_plain_label_and_one_explanation():
    for flag in get_args(Flag):
        assert flag_label(flag) and "_" not in flag_label(flag)
        assert flag_explanation(flag)[:1].isupper() and flag_explanation(flag).endswith(".")


def test_the_markdown_report_explains_the_flags_it_shows(analyze):
    doc = analyze("Campaign organiser Lev Orlov said thousands of supporters were prepared to march on the capital.\n\n"
                  "Orlov's figures could not be independently verified.")
    report = markdown(doc)
    for flag in doc.claims[0].flags:
        assert flag_label(flag) in report and flag_explanation(flag) in report
        assert flag not in report.replace(flag_label(flag), "")  # the code itself is never shown


def test_the_terminal_view_explains_the_flags_it_shows(cli, tmp_path):
    path = tmp_path / "march.txt"
    path.write_text("March on the capital\n\nCampaign organiser Lev Orlov said thousands of supporters were "
                    "prepared to march on the capital.\n\nOrlov's figures could not be independently verified.\n")
    out = cli("analyze", str(path))
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.decode().split())
    assert flag_explanation("unverified") in text and "single_source" not in text


# -- flags ----------------------------------------------------------------------------------


def test_corroboration_matches_comparing_every_pair():
    def pairwise(claim: Claim, claims: list[Claim]) -> bool:
        own = content_words(claim.content.text)
        for other in claims:
            if other.speaker.name == claim.speaker.name or not own:
                continue
            shared = own & content_words(other.content.text)
            if len(shared) >= MIN_SHARED_WORDS and len(shared) / len(own) >= CORROBORATION_OVERLAP:
                return True
        return False

    vocabulary = "harbour strike crane wages workers port talks union ferry budget council vote".split()
    rng = random.Random(7)
    found = 0
    for _ in range(200):
        claims = []
        for i in range(rng.randint(1, 20)):
            text = " ".join(rng.sample(vocabulary, rng.randint(0, 8)))
            claims.append(Claim(id=f"c{i}", speaker=Speaker(name=rng.choice("ABC"), mention="x", kind="named"),
                                cue=TextSpan(text="said", start=0, end=4),
                                content=TextSpan(text=text, start=0, end=len(text)), quote="indirect",
                                modality="actual"))
        expected = {i for i, claim in enumerate(claims) if pairwise(claim, claims)}
        assert corroborated(claims) == expected
        found += len(expected)
    assert found > 100  # the comparison saw both outcomes many times


@pytest.mark.parametrize("text, flagged", [
    ("Organiser Lev Orlov said thousands of supporters were prepared to march on the capital.", True),
    ("Union leader Ivan Novak said 300 drivers would strike on Monday.", True),
    ("Prosecutor Ana Kovač said the prosecution intended to call fewer than 15 witnesses.", False),
    ("Chief executive Ana Kovač said sales were expected to grow by between 12 and 15 percent this year.", False),
    ("Chief executive Ana Kovač said utilities would spend tens of billions of euros on solar panels.", False),
])
def test_intent_is_flagged_only_for_a_count_of_the_people_who_would_act(analyze, text, flagged):
    claim = analyze(text).claims[0]
    assert ("intent_not_action" in claim.flags) is flagged, (claim.content.text, claim.flags)
