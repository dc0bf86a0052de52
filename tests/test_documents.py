"""PDF and Word files read as articles (issue 23): a PDF's text layer one paragraph per
block, a .docx's headings and paragraphs, their title and date checked against the text; a
scanned PDF and other office files named, one line each."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtsum.cli import cli
from mtsum.errors import InputError
from mtsum.ingest import find_inputs, read_article
from tests.office_files import make_docx, make_pdf

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FIRST = (
    "The city council approved a budget of 12 million dollars on Monday, the mayor said, "
    "after a long debate about roads and schools that lasted into the night."
)
SECOND = (
    "The vote was seven to two. Critics said the plan was too costly for a town of "
    "fifteen thousand people, and asked for a second reading in March."
)


def test_a_pdf_reads_one_paragraph_per_block_with_its_title_and_date(tmp_path):
    path = make_pdf(
        tmp_path / "report.pdf",
        [FIRST, SECOND],
        heading="Council approves budget",
        title="Council approves budget",
        created="20240115093000Z",
    )
    article = read_article(path)
    assert article.title == "Council approves budget"
    assert article.paragraphs == (FIRST, SECOND)  # lines of a block joined, blocks kept apart
    assert article.date == dt.date(2024, 1, 15) and article.date_source == "document"


def test_a_pdfs_junk_title_and_a_date_printed_at_its_top(tmp_path):
    path = make_pdf(
        tmp_path / "memo.pdf",
        ["Published 3 March 2023", FIRST, SECOND],
        heading="Roads and schools",
        title="Microsoft Word - draft3.docx",  # not named by the text: not its title
        created="20240115093000Z",  # made a year later: the printed date wins
    )
    article = read_article(path)
    assert article.title == "Roads and schools"
    assert article.date == dt.date(2023, 3, 3) and article.date_source == "byline"


def test_a_scanned_pdf_is_named(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", scanned=True, title="Scan", created="20240115")
    with pytest.raises(InputError, match="scanned PDF: no text layer; OCR is not supported"):
        read_article(path)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"%PDF-1.4\n garbage", "not a readable PDF"),
        (b"PK\x03\x04 not really a zip", "not a Word document"),
    ],
)
def test_a_broken_document_is_one_clear_error(tmp_path, content, reason):
    path = tmp_path / ("x.pdf" if content.startswith(b"%PDF") else "x.docx")
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read_article(path)


def test_a_word_document_reads_headings_paragraphs_title_and_date(tmp_path):
    path = make_docx(
        tmp_path / "memo.docx",
        [FIRST, SECOND],
        heading="Council approves budget",
        subheadings={1: "What critics said"},
        title="Council approves budget",
        created=dt.datetime(2024, 1, 15, 9, 30),
    )
    article = read_article(path)
    assert article.title == "Council approves budget"
    assert article.paragraphs == (FIRST, "What critics said", SECOND)
    assert article.date == dt.date(2024, 1, 15) and article.date_source == "document"
    assert article.author is None  # the properties' author ("python-docx") is an account


def test_a_folder_with_texts_a_pdf_and_a_word_memo_briefs_all_four(tmp_path):
    # issue 23: the PDF and the memo were ignored without a word (skipped: [])
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder)
    make_pdf(folder / "report.pdf", [FIRST, SECOND], heading="Council approves budget")
    make_docx(
        folder / "memo.docx",
        [
            "Fishermen in the northern province caught 4,500 tonnes of tuna in October, "
            "twice the catch of a year earlier, the port authority reported on Friday.",
            "Prices at the harbour market fell by a third as boats returned early.",
        ],
        heading="Tuna catch doubles",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["brief", str(folder), "--out", str(out), "--date", "2025-12-01"]
    )
    assert result.exit_code == 0, result.output
    briefing = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in briefing["articles"]} >= {"report", "memo"}
    assert len(briefing["articles"]) == 4 and briefing["skipped"] == []


def test_other_office_files_and_images_are_named_one_line_each(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder)
    odd = ["old.doc", "sheet.xlsx", "deck.pptx", "letter.odt", "photo.jpg", "scan.png"]
    for name in odd:
        (folder / name).write_bytes(b"\x00\x01 not read")
    # a page saved "complete": its images are the page's, not files the analyst has
    (folder / "page.html").write_text("<html><body><p>x</p></body></html>")
    (folder / "page_files").mkdir()
    (folder / "page_files" / "logo.png").write_bytes(b"\x89PNG")
    problems = {Path(p.path).name: p for p in find_inputs([folder]).problems}
    assert set(problems) == set(odd)
    assert "OCR is not supported" in problems["scan.png"].reason
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["brief", str(folder), "--out", str(out), "--date", "2025-12-01"]
    )
    assert result.exit_code == 3, result.output
    for name in odd:
        assert sum(name in line for line in result.output.splitlines()) == 1, name
    assert "logo.png" not in result.output
    # named on the command line, a .doc is named too, not read as text
    with pytest.raises(InputError, match=r"Word 97-2003 document \(.doc\)"):
        read_article(folder / "old.doc")


def test_a_word_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    import zipfile

    path = make_docx(tmp_path / "memo.docx", [FIRST], heading="Budget")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/huge.bin", b"\0" * 3_000_000)  # a few KB packed
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError, match=r"too large .it unpacks to [34]\.\d MB"):
        read_article(path, max_bytes=50_000)
    assert read_article(path).title == "Budget"  # under the default limit: read
