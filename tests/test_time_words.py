"""Relative time words resolved against the article's date (mtsum.time_words)."""

import datetime as dt

import pytest

from mtsum.time_words import mark_years

FEB_2024 = dt.date(2024, 2, 24)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("In January alone, 8 projects.", "en", "In January [2024] alone, 8 projects."),
        (
            "US$1 billion in the first quarter of this year",
            "en",
            "US$1 billion in the first quarter of this year [2024]",
        ),
        ("It was lower last year.", "en", "It was lower last year [2023]."),
        ("On November 17, at the palace", "en", "On November 17 [2024], at the palace"),
        ("the first ten months", "en", "the first ten months [2024]"),
        ("quý I năm nay", "vi", "quý I năm nay [2024]"),
        ("trong tháng 1 thu hút", "vi", "trong tháng 1 [2024] thu hút"),
        ("6 tháng đầu năm", "vi", "6 tháng đầu năm [2024]"),
        ("i første kvartal i år", "no", "i første kvartal i år [2024]"),
        ("i fjor", "no", "i fjor [2023]"),
    ],
)
def test_relative_time_words_get_the_year_they_mean(text, lang, expected):
    assert mark_years(text, lang, FEB_2024) == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        ("In the first half of 2023, FDI rose", "en"),
        ("by the end of June 2024", "en"),
        ("In May, 2023 the province", "en"),
        ("The province may attract more investors.", "en"),  # a verb, not a month
        ("the first 10 months of 2025", "en"),
        ("quý I/2024 và 6 tháng đầu năm 2024", "vi"),
        ("tháng 6 năm 2024", "vi"),
        ("i januar 2024", "no"),
        ("In January [2024] alone", "en"),  # resolved already: never twice
    ],
)
def test_time_words_that_say_their_year_are_left_alone(text, lang):
    assert mark_years(text, lang, FEB_2024) == text


def test_an_undated_article_says_so_instead_of_guessing():
    assert mark_years("In January alone", "en", None, "(undated article)") == (
        "In January alone (undated article)"
    )
    assert mark_years("FDI reached US$1 billion.", "en", None, "(undated article)") == (
        "FDI reached US$1 billion."
    )
