"""Parsing: long texts go through spaCy in parts and come back as one Doc with the text,
sentences and entities of a parse of the whole (the parse itself may differ a little next to
a cut, where the tagger no longer sees the paragraph before)."""

from __future__ import annotations

import json

from claimledger import nlp
from claimledger.limits import MAX_ARTICLE_CHARS
from claimledger.nlp import load_nlp, parse, parse_many, split_text

STORY = [
    "Mayor Anna Berg said on Tuesday that the bridge over the Tana would reopen in May.",
    "The repairs cost 40 million crowns, according to the transport ministry.",
    "\"We waited eleven years for this,\" said Jon Ruud, who runs the ferry to Vardø.",
    "Police said traffic would be diverted through Kirkenes until the work is finished.",
]


def long_text(paragraphs: int) -> str:
    return "\n\n".join(f"{STORY[i % len(STORY)]} It was the {i}th notice." for i in range(paragraphs))


def test_pieces_join_back_into_the_text_and_end_at_paragraph_breaks():
    text = long_text(200)
    parts = split_text(text, 1_000)
    assert "".join(parts) == text
    assert len(parts) > 1 and all(len(p) <= 1_000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_space():
    text = " ".join(["word"] * 1_000)
    parts = split_text(text, 300)
    assert "".join(parts) == text and all(len(p) <= 300 for p in parts)


def test_a_text_parsed_in_parts_equals_one_parse_of_the_whole(monkeypatch):
    text = long_text(60)
    whole = load_nlp()(text)
    monkeypatch.setattr(nlp, "PART_CHARS", 1_500)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 700)
    joined = parse(text)
    assert joined.text == text
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in joined.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    same = sum((a.dep_, a.head.i) == (b.dep_, b.head.i) for a, b in zip(joined, whole, strict=True))
    assert same / len(whole) > 0.98


def test_long_and_short_texts_in_one_stream_come_back_in_order(monkeypatch):
    monkeypatch.setattr(nlp, "PART_CHARS", 1_500)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 700)
    monkeypatch.setattr(nlp, "BATCH_CHARS", 1_000)
    texts = [STORY[0], long_text(30), STORY[1], long_text(12), STORY[2], STORY[3], long_text(5)]
    assert [d.text for d in parse_many(texts, batch_size=2)] == texts


def test_an_article_at_the_length_limit_is_analysed_in_parts(cli, tmp_path):
    # a million characters (limits.MAX_ARTICLE_CHARS), ten times PART_CHARS, so it is parsed in
    # pieces; long words and no claims keep the parse and the analysis short
    paragraph = "Councillors deliberated extraordinarily comprehensive infrastructure appropriations yesterday."
    title = "A very long record of council meetings"
    body = "\n\n".join([paragraph] * ((MAX_ARTICLE_CHARS - len(title)) // (len(paragraph) + 2)))
    path = tmp_path / "long.txt"
    path.write_text(f"{title}\n\n{body}")
    out = cli("analyze", str(path), "--format", "json", timeout=900)
    assert out.returncode == 0, out.stderr.decode()[-500:]
    doc = json.loads(out.stdout)
    assert 10 * nlp.PART_CHARS > len(doc["article"]["text"]) > 9 * nlp.PART_CHARS
    assert doc["summary"]["sentences"] and doc["summary"]["scrutiny"].startswith("No attributed claims")


def test_a_quotation_opened_right_after_a_comma_is_split_from_the_cue():
    words = [t.text for t in parse("Councillor Ida Moen said,“The money is gone.” Prices rose 3,000 times.")]
    assert words[:6] == ["Councillor", "Ida", "Moen", "said", ",", "“"]
    assert "3,000" in words  # a comma between digits stays inside the number


def test_a_word_with_a_hyphenated_prefix_is_one_token_with_the_words_lemma():
    doc = parse("The ex-mayor, who co-founded the cooperative, re-elected a vice-chair; pro-Russian groups objected.")
    words = [t.text for t in doc]
    assert {"ex-mayor", "co-founded", "re-elected", "vice-chair"} <= set(words)
    assert next(t for t in doc if t.text == "co-founded").lemma_ == "co-found"
    assert "Russian" in words  # a name after the prefix stays a token of its own for the tagger
