"""The command line as a user meets it."""

from __future__ import annotations

import json
import re

import typer

from claimledger import cli as cli_module
from claimledger.errors import ExitCode
from conftest import REPO

SAMPLE = str(REPO / "examples" / "harbour-strike.txt")


def test_analyze_text_view_shows_title_summary_and_claims(cli):
    result = cli("analyze", SAMPLE)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "Port Workers Claim Thousands Ready to Join Strike" in out
    assert "Tomas Varga" in out
    assert "No time to read" not in out


def test_analyze_json_is_an_analysis_document(cli):
    doc = json.loads(cli("analyze", SAMPLE, "--format", "json").stdout)
    assert doc["schema_version"] == "1"
    assert doc["article"]["title"].startswith("Port Workers")
    assert {c["speaker"]["name"] for c in doc["claims"]} >= {"Tomas Varga", "Ana Kovač"}


def test_markdown_report_has_summary_scrutiny_and_claims(cli):
    out = cli("analyze", SAMPLE, "--format", "markdown").stdout.decode()
    assert out.startswith("**Port Workers Claim")
    assert "**Scrutiny:**" in out and "**Claims**" in out


def test_summarize_prints_only_summary(cli):
    out = json.loads(cli("summarize", SAMPLE, "--format", "json", "--summary-sentences", "2").stdout)
    assert set(out) == {"sentences", "scrutiny"}
    assert len(out["sentences"]) == 2


def test_schema_command_prints_the_schema(cli):
    schema = json.loads(cli("schema").stdout)
    assert schema["$id"].endswith("analysis-1.json")


def registered_commands() -> list[str]:
    return sorted(typer.main.get_command(cli_module.app).commands)


def test_every_registered_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text()
    commands = registered_commands()
    assert "analyze" in commands  # the list really comes from the app
    assert [c for c in commands if f"claimledger {c}" not in readme] == []


def test_readme_exit_table_lists_exactly_the_error_catalogue():
    readme = (REPO / "README.md").read_text()
    table = readme[readme.index("| exit | meaning |"):].split("\n\n")[0]
    documented = [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)]
    assert sorted(documented) == sorted(code.value for code in ExitCode)


def assert_one_line(result, code: int, words: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1 and words in stderr


def test_output_into_a_missing_folder_is_one_clear_line(cli, tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    assert_one_line(cli("schema", "--output", str(missing / "schema.json")), 14, "does not exist")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert_one_line(cli("export", "--db", db, "--output", str(missing / "corpus.jsonl")), 14, "does not exist")


def test_batch_out_that_is_a_file_is_one_clear_line(cli, tmp_path):
    (tmp_path / "out.txt").write_text("not a folder")
    result = cli("batch", str(REPO / "tests" / "corpus"), "--out", str(tmp_path / "out.txt"))
    assert_one_line(result, 14, "is a file, not a folder")


def test_serve_on_a_busy_port_says_so(cli, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("serve", "--db", f"sqlite:///{tmp_path / 'store.db'}", "--port", str(port), timeout=60)
    assert_one_line(result, 15, "already in use")


def test_serve_refuses_a_cors_origin_that_is_not_one(cli):
    assert_one_line(cli("serve", "--cors-origin", "example.org/path"), 2, "is not an origin like https://example.org")
