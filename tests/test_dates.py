"""Dates, periods and period selection (mtsum/dates.py), and the sentence splitter's mends."""

import datetime as dt
import json
import os
import shutil

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mtsum.cli import cli
from mtsum.dates import article_date, find_dates, find_period, find_periods, select_period
from mtsum.errors import UsageError
from mtsum.sentences import split_sentences

REF = dt.date(2024, 2, 24)


@pytest.mark.parametrize(
    "text, lang, date",
    [
        ("Tính đến ngày 05/11/2025, vốn đạt", "vi", dt.date(2025, 11, 5)),  # day first
        ("Per 05.11.2025 var det", "no", dt.date(2025, 11, 5)),
        ("On 11/05/2025 it rose", "en", dt.date(2025, 11, 5)),  # month first in English
        ("As of November 25, 2025, the total", "en", dt.date(2025, 11, 25)),
        ("datert 27. november 2023", "no", dt.date(2023, 11, 27)),
        ("ngày 17 tháng 11 năm 2023", "vi", dt.date(2023, 11, 17)),
        ("innen utgangen av juni 2024", "no", dt.date(2024, 6, 30)),  # a month: its last day
    ],
)
def test_dates_in_each_languages_order(text, lang, date):
    (found,) = find_dates(text, lang)
    assert found.date == date


@pytest.mark.parametrize(
    "text, lang, start, end",
    [
        ("in the first quarter of this year", "en", "2024-01-01", "2024-03-31"),
        ("Q3 2024", "en", "2024-07-01", "2024-09-30"),
        ("quý I/2024", "vi", "2024-01-01", "2024-03-31"),
        ("trong 6 tháng đầu năm nay", "vi", "2024-01-01", "2024-06-30"),
        ("nửa đầu năm 2024", "vi", "2024-01-01", "2024-06-30"),
        ("6 tháng cuối năm 2023", "vi", "2023-07-01", "2023-12-31"),
        ("9 tháng năm 2024", "vi", "2024-01-01", "2024-09-30"),
        ("10 tháng đầu năm 2025", "vi", "2025-01-01", "2025-10-31"),
        ("the first half of 2023", "en", "2023-01-01", "2023-06-30"),
        ("H1 2023", "en", "2023-01-01", "2023-06-30"),
        ("første halvår 2024", "no", "2024-01-01", "2024-06-30"),
        ("3. kvartal 2024", "no", "2024-07-01", "2024-09-30"),
        ("de første ni månedene av 2024", "no", "2024-01-01", "2024-09-30"),
        ("i år", "no", "2024-01-01", "2024-12-31"),
        ("năm nay", "vi", "2024-01-01", "2024-12-31"),
        ("last year", "en", "2023-01-01", "2023-12-31"),
        ("In January alone", "en", "2024-01-01", "2024-01-31"),
        ("as of November 25, 2025", "en", None, "2025-11-25"),
        ("Tính đến ngày 05/11/2025", "vi", None, "2025-11-05"),
        ("innen utgangen av juni 2024", "no", None, "2024-06-30"),
        ("to date", "en", None, "2024-02-24"),
        ("lũy kế", "vi", None, "2024-02-24"),
        ("the 2021-2030 period", "en", "2021-01-01", "2030-12-31"),
        # REF is 24 February 2024
        ("in the nine months to September 30", "en", "2024-01-01", "2024-09-30"),
        ("Chín tháng đầu năm 2025", "vi", "2025-01-01", "2025-09-30"),
        ("Riêng tháng 9, tỉnh cấp mới", "vi", "2023-09-01", "2023-09-30"),
        ("i årets ti første måneder", "no", "2024-01-01", "2024-10-31"),
        ("I årets første sju måneder", "no", "2024-01-01", "2024-07-31"),
        ("Hittil i år", "no", "2024-01-01", "2024-02-24"),
        ("So far this year", "en", "2024-01-01", "2024-02-24"),
        ("Per 15. november", "no", None, "2023-11-15"),
        ("Fram til 31. januar", "no", None, "2024-01-31"),
        ("since 2021", "en", "2021-01-01", "2024-02-24"),
        ("từ năm 2020", "vi", "2020-01-01", "2024-02-24"),
        # a year still to come: from then on, never a period that ends before it starts
        ("6000 tonn fisk i året fra 2028", "no", "2028-01-01", None),
        ("from 2027", "en", "2027-01-01", None),
    ],
)
def test_periods(text, lang, start, end):
    assert find_period(text, lang, REF).key() == (start, end)


def test_each_figure_takes_the_period_nearest_it():
    from mtsum.figures import find_figures

    a, b = find_figures(
        "Exports reached $3 billion in 2024, up from $2.5 billion in 2023.", "en", reference=REF
    )
    assert (a.value, a.period.start) == (3_000_000_000, "2024-01-01")
    assert (b.value, b.period.start) == (2_500_000_000, "2023-01-01")
    # the base of a comparison is not the figure's own period
    (c,) = find_figures(
        "In the first half of the year, the province licensed 17 FDI "
        "projects, 2.5 times the same period in 2022.",
        "en",
        reference=dt.date(2023, 6, 30),
    )
    assert c.period.key() == ("2023-01-01", "2023-06-30")


def test_bare_months_count_from_january_where_the_date_allows():
    october = dt.date(2024, 10, 5)
    assert find_period("Vốn FDI giải ngân 9 tháng ước đạt", "vi", october).key() == (
        "2024-01-01",
        "2024-09-30",
    )
    june = dt.date(2025, 6, 30)
    assert find_period("In the nine months the province attracted", "en", june) is None


def test_no_period_here():
    assert find_period("no period here", "en") is None
    for text in ("bị phạt 6 tháng tù", "sau 3 tháng thi công", "over the 12 months to June"):
        assert find_period(text, "vi" if "tháng" in text else "en", REF) is None, text
    assert [p for p in find_periods("so với cùng kỳ năm 2023", "vi", REF) if not p.comparison] == []


# --- article dates ------------------------------------------------------------------------------


def test_article_date_is_the_first_the_text_gives():
    found = article_date(
        [
            "In the first 10 months of 2025 it grew.",
            "As of November 25, 2025, FDI reached VND 19,659 billion.",
        ],
        "en",
        reference=dt.date(2026, 1, 1),
    )
    assert (found.date, found.precision) == (dt.date(2025, 11, 25), "day")


def test_title_year_completes_a_date_without_one():
    found = article_date(
        ["On November 17, at the Planning Palace, the conference opened."],
        "en",
        title="Quang Ninh - Japan Investment Promotion Conference 2023",
        reference=dt.date(2026, 1, 1),
    )
    assert found.date == dt.date(2023, 11, 17)
    only_title = article_date(
        ["The conference opened."], "en", title="Conference 2023", reference=dt.date(2026, 1, 1)
    )
    assert (only_title.date.year, only_title.precision) == (2023, "year")


def test_a_target_date_never_becomes_the_article_date():
    found = article_date(
        ["The province aims to finish the port by December 2030.", "Work began in March 2024."],
        "en",
        reference=dt.date(2024, 6, 1),
    )
    assert found.date == dt.date(2024, 3, 31)
    assert (
        article_date(["The plan runs to December 2030."], "en", reference=dt.date(2024, 6, 1))
        is None
    )


def test_a_document_date_is_not_the_article_date():
    found = article_date(
        [
            "Resolusjon nr. 20-NQ/TU (datert 27. november 2023) gjelder.",
            "Kapitalen var 1 543 millioner innen utgangen av juni 2024.",
        ],
        "no",
        reference=dt.date(2026, 1, 1),
    )
    assert found.date == dt.date(2024, 6, 30)


def test_no_date_from_the_files_modification_time(seeds, tmp_path):
    """Two copies of the same files, one touched years later, brief byte-identically."""
    other = tmp_path / "copy"
    shutil.copytree(seeds, other)
    for path in other.iterdir():
        os.utime(path, (2_000_000_000, 2_000_000_000))  # 2033
    runner = CliRunner()
    for folder, out in ((seeds, tmp_path / "a"), (other, tmp_path / "b")):
        result = runner.invoke(
            cli, ["-q", "brief", str(folder), "--out", str(out), "--date", "2025-12-01"]
        )
        assert result.exit_code == 0, result.output
    a = json.loads((tmp_path / "a" / "briefing.json").read_text())
    b = json.loads((tmp_path / "b" / "briefing.json").read_text())
    for record in (a, b):
        for article in record["articles"]:
            article["path"] = article["id"]
    assert a == b
    assert all(x["date_source"] != "mtime" for x in a["articles"])


def test_undated_articles_are_left_out_of_a_period_with_a_notice(tmp_path):
    (tmp_path / "dated.md").write_text(
        "---\ndate: 2024-02-20\n---\n\nQuang Ninh licensed "
        "five FDI projects worth US$120 million.\n"
    )
    (tmp_path / "undated.txt").write_text(
        "Quang Ninh licensed more FDI projects, the provincial investment agency said on Monday.\n"
    )
    result = CliRunner().invoke(
        cli,
        [
            "brief",
            str(tmp_path),
            "--week",
            "latest",
            "--out",
            str(tmp_path / "out"),
            "--date",
            "2024-03-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "undated.txt" in result.stderr and "no date" in result.stderr
    data = json.loads((tmp_path / "out" / "briefing-2024-W08.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["dated"]
    assert data["undated"] == [f"{tmp_path.name}/undated.txt"]  # never an absolute path


def test_undated_article_without_a_period_is_shown_undated(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Quang Ninh licensed more FDI projects, the provincial investment agency said on Monday.\n"
    )
    result = CliRunner().invoke(
        cli, ["-q", "brief", str(tmp_path), "--out", str(tmp_path / "o"), "--date", "2024-03-01"]
    )
    assert result.exit_code == 0
    data = json.loads((tmp_path / "o" / "briefing.json").read_text())
    assert data["articles"][0]["date"] is None
    assert data["period"] == {"start": None, "end": None, "selected": None}


def test_week_selection():
    sel = select_period("2024-W08")
    assert (sel.start, sel.end, sel.name) == (
        dt.date(2024, 2, 19),
        dt.date(2024, 2, 25),
        "2024-W08",
    )
    assert (
        select_period("latest", dates=[dt.date(2024, 2, 24), dt.date(2023, 6, 30)]).name
        == "2024-W08"
    )
    assert select_period(since=dt.date(2024, 1, 1)).contains(dt.date(2024, 2, 24))
    assert not select_period(until=dt.date(2023, 12, 31)).contains(dt.date(2024, 2, 24))
    assert select_period() is None
    with pytest.raises(UsageError):
        select_period("2024-W60")
    with pytest.raises(UsageError):
        select_period("week 8")


# --- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, sentences",
    [
        (
            "Det koster 3 mill. kroner i år. Neste år mer.",
            "no",
            ["Det koster 3 mill. kroner i år.", "Neste år mer."],
        ),
        ("Målet er 5 mrd. kroner. Det er mye.", "no", ["Målet er 5 mrd. kroner.", "Det er mye."]),
        (
            "Vedtaket kom 27. november 2023. Det gjelder nå.",
            "no",
            ["Vedtaket kom 27. november 2023.", "Det gjelder nå."],
        ),
        (
            "Resolusjon nr. 20 ble vedtatt. Den gjelder.",
            "no",
            ["Resolusjon nr. 20 ble vedtatt.", "Den gjelder."],
        ),
        (
            "Bl.a. ble det sagt ca. 5 prosent. Det er lite.",
            "no",
            ["Bl.a. ble det sagt ca. 5 prosent.", "Det er lite."],
        ),
        (
            "Tại TP. Hồ Chí Minh, PGS. TS. Nguyễn Văn A phát biểu. Vốn đạt 3,1 tỷ USD.",
            "vi",
            ["Tại TP. Hồ Chí Minh, PGS. TS. Nguyễn Văn A phát biểu.", "Vốn đạt 3,1 tỷ USD."],
        ),
        (
            "He paid US$1.5bn. In Jan. 2024 it rose.",
            "en",
            ["He paid US$1.5bn.", "In Jan. 2024 it rose."],
        ),
    ],
)
def test_sentence_splitting_keeps_figures_and_names_whole(text, lang, sentences):
    assert split_sentences(text, lang) == sentences


@given(
    st.lists(
        st.sampled_from(
            [
                "November",
                "nov.",
                "juni",
                "tháng",
                "ngày",
                "năm",
                "of",
                "th",
                "年",
                "月",
                "日",
                "년",
                "월",
                "일",
                "/",
                "-",
                ".",
                ",",
                " ",
                "x",
                "Sept",
                "desember",
                "mars",
            ]
        ),
        max_size=12,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_no_date_pattern_matches_text_without_a_digit(text):
    """find_dates returns at once for text without a digit: no pattern of any language
    could have matched it (each needs a day, a month's number or a year)."""
    from mtsum.dates import _date_patterns

    for lang in ("en", "vi", "no", "de", "fr", "ja", "ko", "zh-cn", None):
        assert not any(p.search(text) for p in _date_patterns(lang)), (lang, text)


@pytest.mark.parametrize(
    ("sentence", "text", "period", "comparison"),
    [
        ("en økning på 41 prosent fra samme periode i fjor.", "samme periode i fjor", None, True),
        ("en økning på 19 prosent fra året før.", "fra året før", None, True),
        ("compared with six projects a year earlier.", "a year earlier", None, True),
        ("190 millioner dollar i de tre første kvartalene.", "de tre første kvartalene",
         ("2025-01-01", "2025-09-30"), False),
        ("8,3 prosent i de ni første månedene.", "de ni første månedene",
         ("2025-01-01", "2025-09-30"), False),
    ],
)  # fmt: skip
def test_norwegian_periods_and_bases(sentence, text, period, comparison):
    found = find_periods(sentence, "no" if "å" in sentence or "ø" in sentence else "en",
                         dt.date(2025, 10, 14))  # fmt: skip
    (p,) = [p for p in found if sentence[p.start : p.end] == text]
    assert p.comparison == comparison
    if period:
        assert (p.period.start, p.period.end) == period


def test_i_aret_after_a_quantity_is_per_year_not_this_year():
    assert find_periods("Fabrikken har en kapasitet på 60 000 tonn fôr i året.", "no",
                        dt.date(2025, 10, 14)) == []  # fmt: skip
