"""Bad input gets one line on stderr and its own exit code, never a traceback."""

from __future__ import annotations

import json

import pytest

from claimledger.errors import ExitCode
from conftest import ARTICLES


def assert_clean_failure(result, code: ExitCode, words: str):
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert words in stderr


def test_missing_file(cli, tmp_path):
    assert_clean_failure(cli("analyze", str(tmp_path / "nope.txt")), ExitCode.NOT_FOUND, "no such file")


def test_empty_file(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    assert_clean_failure(cli("analyze", str(path)), ExitCode.EMPTY, "empty")


def test_binary_file(cli, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert_clean_failure(cli("analyze", str(path)), ExitCode.BINARY, "binary")


def test_control_character_noise_is_refused(cli, tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16]) * 500)
    result = cli("analyze", str(path))
    assert result.returncode in {ExitCode.BINARY, ExitCode.UNDECODABLE}
    assert "Traceback" not in result.stderr.decode()


def test_windows_1252_text_is_decoded(cli, tmp_path):
    path = tmp_path / "cp1252.txt"
    text = ("Café Owners Protest New Rules\n\nThe owner of the café, René Dubois, said the new rules "
            "would cost him “thousands” of euros a year. He added that he planned to appeal.\n")
    path.write_bytes(text.encode("cp1252"))
    result = cli("analyze", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert "René Dubois" in doc["article"]["text"]
    assert doc["claims"][0]["speaker"]["name"] == "René Dubois"


def test_huge_file_is_refused_before_parsing(cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as handle:
        line = "This sentence is repeated to make a file far larger than any article. " * 10 + "\n"
        while handle.tell() < 50_000_000:
            handle.write(line)
    assert_clean_failure(cli("analyze", str(path), timeout=30), ExitCode.TOO_LARGE, "MB")


def test_html_without_an_article(cli):
    assert_clean_failure(cli("analyze", str(ARTICLES / "no-article.html")), ExitCode.NO_ARTICLE, "no article text")


def test_article_in_an_unsupported_language_is_extracted_but_not_analysed(cli):
    result = cli("analyze", str(ARTICLES / "german.txt"), "--format", "json")
    assert_clean_failure(result, ExitCode.NOT_ENGLISH, "only English and Russian are analysed")
    doc = json.loads(result.stdout)
    assert doc["article"]["language"] == "de"
    assert doc["article"]["text"].startswith("Der Stadtrat hat am Dienstag")
    assert doc["claims"] == []


def test_stdin_is_read(cli):
    text = b"Mayor Backs Tram Plan\n\nMayor Ines Roth said the tram would open in 2027.\n"
    result = cli("analyze", "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["claims"][0]["speaker"]["name"] == "Ines Roth"


def test_loopback_url_is_refused_without_allow_private(cli, http_server):
    base, _routes = http_server
    assert_clean_failure(cli("analyze", f"{base}/article"), ExitCode.PRIVATE_ADDRESS, "--allow-private")


def test_url_is_fetched_and_extracted_with_allow_private(cli, http_server):
    base, routes = http_server
    routes["/wind"] = (200, "text/html; charset=utf-8", (ARTICLES / "wind-farm.html").read_bytes(), 0)
    result = cli("analyze", f"{base}/wind", "--allow-private", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["article"]["title"] == "Offshore Wind Farm Approved Despite Fishing Objections"
    assert doc["article"]["source"] == f"{base}/wind"


def test_url_with_http_error(cli, http_server):
    base, _routes = http_server
    assert_clean_failure(cli("analyze", f"{base}/missing", "--allow-private"), ExitCode.FETCH_FAILED, "HTTP 404")


def test_url_that_times_out(cli, http_server):
    base, routes = http_server
    routes["/slow"] = (200, "text/html", b"<html></html>", 5)
    result = cli("analyze", f"{base}/slow", "--allow-private", "--timeout", "0.5")
    assert_clean_failure(result, ExitCode.FETCH_FAILED, "timed out")


def test_dead_url(cli):
    # port 9 (discard) on loopback: nothing listens there in a test sandbox
    assert_clean_failure(cli("analyze", "http://127.0.0.1:9/x", "--allow-private"), ExitCode.FETCH_FAILED,
                         "could not fetch")


@pytest.mark.parametrize("url", ["http://10.0.0.1/a", "http://169.254.169.254/latest/meta-data"])
def test_private_network_urls_are_refused(cli, url):
    assert_clean_failure(cli("analyze", url), ExitCode.PRIVATE_ADDRESS, "private")


UTF16_ARTICLE = ("Mayor Backs Tram Plan\n\nMayor Ines Roth said the tram would open in 2027, "
                 "two years later than first promised.\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(cli, tmp_path, encoding):
    path = tmp_path / "utf16.txt"
    path.write_bytes(UTF16_ARTICLE.encode(encoding))
    result = cli("analyze", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["article"]["title"] == "Mayor Backs Tram Plan"
    assert doc["claims"][0]["speaker"]["name"] == "Ines Roth"


@pytest.mark.parametrize("body", [
    "The rate rose by 2½ per cent this year, the treasurer said on Monday. She added that ½ point more was possible.",
    "The fund grew to £5m last year, the chairman, Ana Weller, said on Monday.",
    "Café owner René Dubois said the rules would cost him “thousands”. The owner of the café said he would appeal.",
])
def test_windows_1252_text_keeps_its_fractions_pounds_and_accents(cli, tmp_path, body):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(f"Council Raises Rates\n\n{body}\n".encode("cp1252"))
    result = cli("analyze", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["article"]["text"] == body
