"""The briefing as a document (issue 12): order, every word in its part's language, marks,
key figures by measure, charts, the index, golden files, and a real browser."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtsum.brief import make_briefing
from mtsum.cli import cli
from mtsum.render import render_html, write_briefing
from mtsum.settings import Settings
from mtsum.translate import TranslationEngine
from tests.conftest import SEEDS, FakeModels, Recorder

GOLDEN = Path(__file__).resolve().parent / "golden"
DATE = dt.date(2025, 12, 1)


VOID = (
    "br",
    "col",
    "meta",
    "link",
    "img",
    "line",
    "circle",
    "rect",
    "polyline",
    "path",
    "hr",
    "wbr",
    "source",
    "input",
)


class PartText(HTMLParser):
    """The text of one part, leaving out what carries another language's ``lang`` (the
    innermost ``lang`` decides, as in a browser)."""

    def __init__(self, lang):
        super().__init__()
        self.lang, self.stack, self.depth, self.out = lang, [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        if tag == "section" and (self.depth or attrs.get("id") == f"part-{self.lang}"):
            self.depth += 1
        self.stack.append(attrs.get("lang"))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "section" and self.depth:
            self.depth -= 1
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        langs = [lang for lang in self.stack if lang]
        if self.depth and (not langs or langs[-1] == self.lang):
            self.out.append(data)


def part_text(html: str, lang: str) -> str:
    parser = PartText(lang)
    parser.feed(html)
    return " ".join(" ".join(parser.out).split())


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory):
    folder = tmp_path_factory.mktemp("doc") / "seeds"
    shutil.copytree(SEEDS, folder)
    return render_html(make_briefing([folder], Settings(date=DATE)))


def test_order_for_a_reader(seeds_html):
    for lang, headings in (
        (
            "en",
            [
                "At a glance",
                "Key figures",
                "Key points",
                "Timeline",
                "Articles",
                "About this briefing",
            ],
        ),
        (
            "vi",
            [
                "Tóm tắt nhanh",
                "Số liệu chính",
                "Điểm chính",
                "Dòng thời gian",
                "Các bài viết",
                "Về bản tin này",
            ],
        ),
    ):
        text = part_text(seeds_html, lang)
        positions = [text.find(h) for h in headings]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
        # model ids and commands only under "About this briefing"
        about = text.find(headings[-1])
        for needle in ("Helsinki-NLP", "mtsum models pull"):
            assert text.find(needle) > about


def test_every_word_of_the_vietnamese_part_is_vietnamese(seeds_html):
    vi = part_text(seeds_html, "vi")
    for english in (
        " over ",
        " nearly ",
        " about ",
        " at least ",
        "countries",
        " projects",
        "extractive",
        "Notices",
        "is not available",
        "January",
        "Summary",
        " target",
        "minst",
        "nesten",
        "Key figures",
        " to date",
        "strategic plans",
        "products",
        "Quang Ninh Aims",
        "QUẢNG NINH —",
        "Etter å ha",
    ):
        assert english not in vi, english
    for vietnamese in (
        "gần",
        "hơn",
        "ít nhất",
        "dự án",
        "quý I/2024",
        "năm 2023",
        "lũy kế đến 17/11/2023",
        "đến hết tháng 6/2024",
        "trong đó Hồng Kông (Trung Quốc)",
        "không rõ trong nguồn",
        "điều chỉnh",
        "đang chờ cấp phép",
        "mục tiêu",
        "các câu trích từ bài",
        "chưa có trên máy này",
    ):
        assert vietnamese in vi, vietnamese
    en = part_text(seeds_html, "en")
    for foreign in ("minst", "nesten", "gần", "tỷ", "Tóm tắt"):
        assert foreign not in en, foreign
    assert "Q1 2024" in en and "H1 2023" in en and "at least US$3 billion" in en


def test_foreign_text_carries_its_lang(seeds_html):
    assert 'lang="no"' in seeds_html  # the untranslated Norwegian article
    # a count the lexicon cannot name in Vietnamese is kept as written, in its language, marked
    assert re.search(r"hơn 2,34 tỷ USD</summary>", seeds_html)  # Japan's FDI: a key figure
    assert re.search(
        r'<strong><span lang="en">7 strategic plans</span> <span class="mark">'
        r"nguyên văn</span></strong>",
        seeds_html,
    )
    assert re.search(r'<span lang="en">[^<]*Quang Ninh', seeds_html)  # English in the vi part


def test_machine_translated_text_is_marked_with_number_flags(tmp_path):
    (tmp_path / "no.txt").write_text(
        "Investeringer i Quang Ninh\n\nProvinsen tiltrakk seg 1 543 millioner dollar i 2024, "
        "sier komiteen.\n\nMålet er minst 3 milliarder dollar i år, skriver avisen.\n"
    )
    (tmp_path / "en.txt").write_text(
        "Quang Ninh news\n\nQuang Ninh attracted 1,543 million dollars in 2024, the provincial "
        "committee said on Monday.\n"
    )
    engine = TranslationEngine(
        Settings(),
        models=FakeModels(Recorder(_changes_numbers, max_input_tokens=400, model_id="stand-in")),
    )
    briefing = make_briefing([tmp_path], Settings(date=DATE), engine=engine)
    html = render_html(briefing)
    en, vi = part_text(html, "en"), part_text(html, "vi")
    assert "machine-translated" in en and "máy dịch" in vi
    # the title is translated with the body, and marked
    assert "Investeringer i Quang Ninh (tr)" in en
    # "1 543 millioner" -> "1,543 millioner" is read as 1543 in English: flagged, beside it
    assert "numbers differ from the source" in en
    assert re.search(r"1,543 millioner dollar[^<]*\(tr\)</span> <span class=\"numbers\">", html)


def test_key_figures_by_measure_with_the_sentence_a_tap_away(seeds_html):
    en = part_text(seeds_html, "en")
    assert (
        "FDI attracted" in en
        and "FDI attracted: share of the plan for H1 2024" in en
        and "Project investment" in en
    )
    assert re.search(
        r"<details><summary>over US\$13\.91 billion</summary>\s*<blockquote>"
        r"[^<]*<mark>13\.91 billion USD</mark>",
        seeds_html,
    )
    assert "title=" not in re.sub(r'<a [^>]*title="[^"]*"', "", seeds_html)  # no tooltips


def test_sources_that_differ_are_shown_plainly(tmp_path):
    for name, value in (("a", "3.1"), ("b", "3.2")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ndate: 2024-01-2{name == 'a' and 0 or 1}\n---\n\nQuang Ninh attracted "
            f"US${value} billion in foreign direct investment in 2023, the agency said.\n"
        )
    html = render_html(make_briefing([tmp_path], Settings(date=DATE)))
    assert "sources differ: US$3.1 billion / US$3.2 billion" in part_text(html, "en")
    assert "các nguồn khác nhau: 3,1 tỷ USD / 3,2 tỷ USD" in part_text(html, "vi")


def test_a_chart_reads_without_a_mouse(seeds_html):
    en = seeds_html[: seeds_html.find('id="part-vi"')]
    svg = next(s for s in re.findall(r"<svg.*?</svg>", en, re.S) if "13.91" in s)
    assert "<title>" not in svg  # nothing is only on hover
    # the qualifiers are the figures' own ("over", "nearly"), in the chart too
    assert re.search(r">over 13\.91 \[\d\]</text>", svg)
    assert re.search(r">nearly 14 \[\d\]</text>", svg)
    assert ">2024</text>" in svg and "US$ billion" in svg
    assert re.search(r"<desc>FDI attracted \(cumulative\), US\$ billion: over 13\.91", svg)
    assert "<script" not in seeds_html
    # "by the end of June 2023, ... had attracted over $832 million" may be the year so far,
    # not a total: no line is drawn through such figures
    assert not any("0.83" in s for s in re.findall(r"<svg.*?</svg>", seeds_html, re.S))


def test_a_month_before_the_first_new_year_carries_its_year(tmp_path):
    for day, amount in (("2023-07-20", "12.5"), ("2024-04-18", "13.6")):
        (tmp_path / f"{day}.md").write_text(
            f"---\ndate: {day}\n---\n\nCumulative FDI in Quang Ninh has reached "
            f"US${amount} billion to date.\n"
        )
    en = render_html(make_briefing([tmp_path], Settings(date=DATE)))
    svg = next(s for s in re.findall(r"<svg.*?</svg>", en, re.S) if "12.5" in s)
    assert ">13.6 [" in svg  # one line, both points
    assert ">Jul 2023</text>" in svg and ">Oct</text>" in svg and ">2024</text>" in svg


def test_an_index_lists_every_briefing_and_weeks_link_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for day in ("2024-02-13", "2024-02-20"):
        (folder / f"{day}.md").write_text(
            f"---\ndate: {day}\n---\n\nQuang Ninh licensed "
            "five FDI projects worth US$120 million this week.\n"
        )
    out = tmp_path / "out"
    for week in ("2024-W07", "2024-W08"):
        assert (
            CliRunner()
            .invoke(
                cli,
                [
                    "-q",
                    "brief",
                    str(folder),
                    "--week",
                    week,
                    "--out",
                    str(out),
                    "--date",
                    "2025-12-01",
                ],
            )
            .exit_code
            == 0
        )
    index = json.loads((out / "index.json").read_text())
    assert [e["name"] for e in index["briefings"]] == ["briefing-2024-W08", "briefing-2024-W07"]
    assert index["briefings"][0]["articles"] == 1
    html = (out / "index.html").read_text()
    assert html.index("briefing-2024-W08.html") < html.index("briefing-2024-W07.html")
    assert 'href="briefing-2024-W07.html"' in (out / "briefing-2024-W08.html").read_text()


def test_no_absolute_local_path_in_any_output(tmp_path, tiny_marian):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEEDS / "004_0b46af3614b9e39e.txt", folder)
    shutil.copy(SEEDS / "001_5512d0028820d064.txt", folder)
    settings = Settings(
        date=DATE,
        beam=1,
        cache_dir=tmp_path / "c",
        models={"no-en": str(tiny_marian), "en-vi": str(tiny_marian)},
    )
    out = tmp_path / "out"
    write_briefing(make_briefing([folder.resolve()], settings), out)
    for path in out.iterdir():
        text = path.read_text()
        assert str(tmp_path) not in text and "/tmp/" not in text, path.name
    assert tiny_marian.name in (out / "briefing.html").read_text()


def _brief_seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["-q", "brief", str(folder), "--out", str(out), "--date", "2025-12-01"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_golden_files_of_the_seeds(tmp_path):
    """Every change to the document shows in review: regenerate with UPDATE_GOLDEN=1."""
    out = _brief_seeds(tmp_path)
    for name in ("briefing.html", "briefing.json"):
        made = (out / name).read_text(encoding="utf-8")
        golden = GOLDEN / f"seeds-{name}"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(made, encoding="utf-8")
        assert made == golden.read_text(encoding="utf-8"), (
            f"{name} differs from {golden}: run UPDATE_GOLDEN=1 python -m pytest {__file__}"
        )


# --- in a real browser -----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
PROBE = """<script>
window.addEventListener("load", () => {
  const v = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > v + 1 && e.getClientRects().length)
    .map(e => e.tagName + "." + e.className).slice(0, 5);
  document.body.dataset.probe = JSON.stringify({scroll: document.documentElement.scrollWidth,
    width: v, over: over, parts: document.querySelectorAll("section.part").length});
});
</script>"""


def _chromium(tmp_path, *args):
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_in_a_real_browser_phone_width_and_print(tmp_path):
    from pypdf import PdfReader

    out = _brief_seeds(tmp_path)
    page = out / "briefing.html"
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
    dom = _chromium(
        tmp_path,
        "--window-size=400,900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
    ).stdout
    found = json.loads(re.search(r'data-probe="([^"]+)"', dom).group(1).replace("&quot;", '"'))
    assert found["parts"] == 2
    assert found["scroll"] <= found["width"] and not found["over"], found  # no sideways scroll
    pdf = tmp_path / "briefing.pdf"
    _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    reader = PdfReader(str(pdf))
    pages = [p.extract_text() for p in reader.pages]
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4
    assert len(pages) <= 8, len(pages)
    first_vi = next(k for k, text in enumerate(pages) if "Bản tin đầu tư nước ngoài" in text)
    assert first_vi > 0 and pages[first_vi].lstrip().startswith("Tiếng Việt")
    assert "Bản tin đầu tư" not in pages[first_vi - 1]


def _changes_numbers(text):
    """The stand-in's output: a number changed (to exercise the marks), then tagged."""
    if text.startswith(">>"):
        return text
    return text.replace("1 543", "1,543").replace("3 milliarder", "3 billion") + " (tr)"
