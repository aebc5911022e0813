"""The analysis document: schema file in step with the models, offsets that hold."""

from __future__ import annotations

import json

from claimledger.document import SCHEMA_VERSION, AnalysisDocument, json_schema, json_schema_text
from conftest import REPO


def test_committed_schema_matches_the_models():
    committed = (REPO / "schema" / f"analysis-{SCHEMA_VERSION}.json").read_text()
    assert committed == json_schema_text(), "run: claimledger schema --output schema/analysis-1.json"


def test_schema_names_every_top_level_field():
    properties = json_schema()["properties"]
    assert set(properties) >= {"schema_version", "article", "summary", "claims", "places", "entities"}


def test_every_span_points_at_its_text(analyze):
    doc = analyze(
        "Mayor Ines Roth said the tram would open in 2027. She added that about 40 stops were planned.\n\n"
        '"We will not wait for Berlin," Roth told Radio Nord.'
    )
    text = doc.article.text
    assert doc.claims
    for claim in doc.claims:
        assert text[claim.content.start:claim.content.end] == claim.content.text
        assert text[claim.cue.start:claim.cue.end] == claim.cue.text
    for entity in doc.entities:
        assert text[entity.start:entity.end] == entity.text
    for sentence in doc.summary.sentences:
        assert text[sentence.start:sentence.end] == (sentence.original or sentence.text)


def test_document_round_trips_through_json(analyze):
    doc = analyze("The ministry said in a statement that 12 people had been detained.")
    again = AnalysisDocument.model_validate(json.loads(doc.model_dump_json()))
    assert again == doc
    assert again.schema_version == "1"
