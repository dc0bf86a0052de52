"""The one number parser and the number check (mtsum/numbers.py)."""

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mtsum.cli import cli
from mtsum.numbers import check_numbers, find_numbers, missing_numbers, read_amounts


@pytest.mark.parametrize(
    "text, lang, value, scaled",
    [
        ("1 543 millioner amerikanske dollar", "no", "1543", "1543000000"),
        ("51,6 % av planen", "no", "51.6", "51.6"),
        ("US$478 million", "en", "478", "478000000"),
        ("1,543 projects", "en", "1543", "1543"),
        ("3,1 tỷ USD", "vi", "3.1", "3100000000"),
        ("352,62 triệu USD", "vi", "352.62", "352620000"),
        ("VND 19,659 billion", "en", "19659", "19659000000000"),
        ("13.91 billion USD", "en", "13.91", "13910000000"),
        ("30,000 học sinh", "vi", "30000", "30000"),  # English thousands in a Vietnamese text
        ("1.234.567 đồng", "vi", "1234567", "1234567"),
        ("30億ドル", "ja", "30", "3000000000"),
    ],
)
def test_numbers_read_with_each_languages_separators(text, lang, value, scaled):
    (number,) = find_numbers(text, lang)
    assert number.value == Decimal(value)
    assert number.scaled == Decimal(scaled)


@pytest.mark.parametrize(
    "text, lang, value, unit",
    [
        ("It drew US$1.5bn last year.", "en", "1500000000", "USD"),
        ("It drew $3bn last year.", "en", "3000000000", "USD"),
        ("A €2.5m grant.", "en", "2500000", "EUR"),
        ("Det koster 3 mill. kroner.", "no", "3000000", "NOK"),
        ("Planen er NOK 5 mrd. totalt.", "no", "5000000000", "NOK"),
        ("Vốn 5tr đồng.", "vi", "5000000", "VND"),
        ("It raised VND10 trillion.", "en", "10000000000000", "VND"),
        ("The loss was -5 billion USD.", "en", "-5000000000", "USD"),
        ("S$2 billion from Singapore.", "en", "2000000000", "SGD"),
        ("HK$3 million.", "en", "3000000", "HKD"),
    ],
)
def test_scale_suffixes_and_currencies(text, lang, value, unit):
    (amount,) = [a for a in read_amounts(text, lang) if a.unit]
    assert (amount.value, amount.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The team won 12 medals.", "en"),
        ("Tỉnh có 13 đô thị.", "vi"),
        ("Có 3 đồng chí tham dự.", "vi"),
        ("The road is 500m long.", "en"),
    ],
)
def test_ordinary_words_are_not_money(text, lang):
    assert all(a.unit is None for a in read_amounts(text, lang))


def test_percentage_points_are_their_own_unit():
    (a,) = read_amounts("Growth rose 2 percentage points.", "en")
    assert a.unit == "pp"
    (b,) = read_amounts("Tăng 2 điểm phần trăm.", "vi")
    assert b.unit == "pp"
    (c,) = read_amounts("Tăng 2%.", "vi")
    assert c.unit == "%"


def test_a_thousandfold_error_is_caught():
    # The case: 3 milliarder (billion) rendered as 3 million.
    assert missing_numbers(
        "Målet er 3 milliarder dollar.", "no", "The target is 3 million dollars.", "en"
    ) == ["3 milliarder dollar"]
    assert check_numbers("Tổng vốn 3 tỷ USD.", "vi", "Total capital USD3 billion.", "en").ok
    assert not check_numbers("Tổng vốn 3 tỷ USD.", "vi", "Total capital USD3 million.", "en").ok
    assert not check_numbers("Det var 3 milliarder kroner.", "no", "It was NOK 3.", "en").ok


@pytest.mark.parametrize(
    "source, slang, target, tlang",
    [
        ("Det kom ti nye prosjekter.", "no", "There were 10 new projects.", "en"),
        ("Có mười dự án mới.", "vi", "There were 10 new projects.", "en"),
        ("Ten new projects came.", "en", "Có 10 dự án mới.", "vi"),
        ("There are 30,000 students.", "en", "Có 30,000 học sinh.", "vi"),
        (
            "Tính đến ngày 25/11/2025, vốn đạt 3,1 tỷ USD.",
            "vi",
            "As of November 25, 2025, capital reached US$3.1 billion.",
            "en",
        ),
        (
            "Økningen var 1 543 millioner amerikanske dollar.",
            "no",
            "The increase was 1.543 billion US dollars.",
            "en",
        ),
        ("Vốn đạt hai triệu USD.", "vi", "Capital reached US$2 million.", "en"),
    ],
)
def test_number_check_reads_numbers_as_people_write_them(source, slang, target, tlang):
    assert check_numbers(source, slang, target, tlang).ok


def test_number_check_both_ways():
    check = check_numbers("Vốn đạt 3,1 tỷ USD.", "vi", "Capital hit US$3.1 billion, up 20%.", "en")
    assert check.missing == () and check.unexpected == ("20%",)
    check = check_numbers("Tăng 51,6 %.", "vi", "It rose 51.6 percentage points.", "en")
    assert check.missing == ("51,6 %",)  # percent is not percentage points


# --- amounts written the ways people write them ---------------------------------------------

_SCALES = {
    "en": [("", 0), (" thousand", 3), (" million", 6), (" billion", 9), ("bn", 9), ("m", 6)],
    "vi": [("", 0), (" nghìn", 3), (" triệu", 6), (" tỷ", 9), (" nghìn tỷ", 12)],
    "no": [("", 0), (" millioner", 6), (" mill.", 6), (" milliarder", 9), (" mrd.", 9)],
}


def _digits(value: Decimal, lang: str, group: bool) -> str:
    whole, _, frac = f"{value:f}".partition(".")
    sep = {"en": ",", "vi": ".", "no": "\u00a0"}[lang]
    dec = {"en": ".", "vi": ",", "no": ","}[lang]
    if group and len(whole) > 3:
        rev = whole[::-1]
        whole = sep.join(rev[i : i + 3] for i in range(0, len(rev), 3))[::-1]
    return whole + (dec + frac if frac else "")


@st.composite
def written_amounts(draw):
    lang = draw(st.sampled_from(["en", "vi", "no"]))
    suffix, exponent = draw(st.sampled_from(_SCALES[lang]))
    mantissa = Decimal(draw(st.integers(1, 99_999))) / draw(st.sampled_from([1, 10, 100]))
    if exponent == 0:
        mantissa = Decimal(int(mantissa))
    digits = _digits(mantissa, lang, draw(st.booleans()))
    currency = draw(
        st.sampled_from(
            {
                "en": ["US$", "$", "USD ", " USD", "€", " euros"],
                "vi": [" USD", " đồng", " đô la Mỹ", " EUR"],
                "no": [" kroner", " dollar", " amerikanske dollar", " NOK", " euro"],
            }[lang]
        )
    )
    if suffix == "m" and currency.strip() not in ("US$", "$", "€"):
        suffix, exponent = " million", 6
    if currency == " đồng" and exponent == 0 and mantissa < 1000:
        mantissa += 1000  # "1 đồng trong năm qua" is no amount anyone writes
        digits = _digits(mantissa, lang, True)
    unit = {
        "US$": "USD",
        "$": "USD",
        "USD": "USD",
        "€": "EUR",
        "euros": "EUR",
        "đồng": "VND",
        "đô la Mỹ": "USD",
        "EUR": "EUR",
        "kroner": "NOK",
        "dollar": "USD",
        "amerikanske dollar": "USD",
        "NOK": "NOK",
        "euro": "EUR",
    }[currency.strip()]
    if currency.endswith("$") or currency == "€" or currency.endswith(" "):
        text = f"{currency}{digits}{suffix}"
    else:
        text = f"{digits}{suffix}{currency}"
    return lang, text, mantissa.scaleb(exponent), unit


@settings(max_examples=300, deadline=None)
@given(written_amounts())
def test_amounts_as_people_write_them(case):
    lang, text, value, unit = case
    sentence = {
        "en": f"The province attracted {text} last year.",
        "vi": f"Tỉnh thu hút {text} trong năm qua.",
        "no": f"Provinsen tiltrakk seg {text} i fjor.",
    }[lang]
    (amount,) = [a for a in read_amounts(sentence, lang) if a.unit]
    assert (amount.value, amount.unit) == (value, unit), text


@settings(max_examples=200, deadline=None)
@given(written_amounts(), st.sampled_from(["swap", "digit", "drop"]))
def test_a_mutated_amount_is_always_caught(case, mutation):
    lang, text, value, unit = case
    sentence = f"Investment: {text}."
    words = {
        "en": ("thousand", "million", "billion"),
        "vi": ("nghìn", "triệu", "tỷ"),
        "no": ("millioner", "milliarder", "milliarder"),
    }
    if mutation == "swap":
        scales = [w for w in words[lang] if f" {w}" in text]
        if not scales:
            return
        other = next(w for w in words[lang] if w != scales[0])
        mutated = text.replace(scales[0], other)
    elif mutation == "digit":
        first = next(c for c in text if c.isdigit())
        mutated = text.replace(first, str((int(first) + 1) % 10), 1)
    else:
        mutated = "an amount"
    if mutated == text:
        return
    assert not check_numbers(sentence, lang, f"Investment: {mutated}.", lang).ok


# --- mtsum verify -------------------------------------------------------------------------------


def test_verify_command(tmp_path):
    source = tmp_path / "source.no.txt"
    source.write_text(
        "Målet er 3 milliarder dollar.\n\nVeksten var 51,6 % i 2024.\n\n"
        "Det kom ti nye prosjekter.\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.en.txt"
    good.write_text(
        "The target is 3 billion dollars.\n\nGrowth was 51.6% in 2024.\n\nTen new projects came.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.en.txt"
    bad.write_text(
        "The target is 3 million dollars.\n\nGrowth was 51.6% in 2024.\n\n"
        "There were 12 new projects.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    ok = runner.invoke(cli, ["verify", str(source), str(good), "--from", "no", "--to", "en"])
    assert ok.exit_code == 0 and ok.stdout == ""
    result = runner.invoke(cli, ["verify", str(source), str(bad), "--json"])
    assert result.exit_code == 6
    assert json.loads(result.stdout) == {
        "paragraphs": 3,
        "mismatches": [
            {
                "paragraph": 1,
                "missing": ["3 milliarder dollar"],
                "unexpected": ["3 million dollars"],
            },
            {"paragraph": 3, "missing": [], "unexpected": ["12"]},
        ],
    }
    text = runner.invoke(cli, ["verify", str(source), str(bad)])
    assert text.stdout.splitlines() == [
        "paragraph 1: missing 3 milliarder dollar; not in the source 3 million dollars",
        "paragraph 3: not in the source 12",
    ]
    short = tmp_path / "short.txt"
    short.write_text("The target is 3 billion dollars.\n", encoding="utf-8")
    usage = runner.invoke(cli, ["verify", str(source), str(short)])
    assert usage.exit_code == 2 and "3 paragraph(s)" in usage.stderr


@pytest.mark.parametrize(
    "source, slang, target, tlang",
    [
        ("The fire was out by 11:35 pm.", "en", "Brannen var slukket kl. 23:35.", "no"),
        ("It happened at 1200 GMT.", "en", "Det skjedde klokken 12:00 GMT.", "no"),
        ("Lễ khai mạc lúc 20 giờ tối.", "vi", "The opening was at 8 p.m.", "en"),
        ("Between 10:00-11:00 pm MDT.", "en", "Mellom 22:00–23:00 (MDT).", "no"),
        ("An extra AUD$45 million.", "en", "Thêm $45 triệu AUD.", "vi"),
        ("The Canadian $5 note.", "en", "Tờ 5 đô la Canada.", "vi"),
        ("He finished thirteenth.", "en", "Han kom på 13. plass.", "no"),
    ],
)
def test_times_currencies_and_ordinals_compare_as_people_write_them(source, slang, target, tlang):
    assert check_numbers(source, slang, target, tlang).ok


def test_times_that_differ_are_flagged():
    assert not check_numbers("at 09:19 p.m. GMT", "en", "(19:19 GMT)", "no").ok


def test_a_number_said_twice_must_be_there_twice():
    check = check_numbers(
        "Accords, 1978; crisis, 1979; invasion, 1979.",
        "en",
        "Hòa ước, 1978; khủng hoảng, 1979; xâm lược, .",
        "vi",
    )
    assert check.missing == ("1979",)


def test_a_month_in_a_date_is_required():
    assert not check_numbers("He arrived on November 16.", "en", "Ông đến ngày 16 tháng .", "vi").ok
    assert check_numbers("He arrived on November 16.", "en", "Ông đến ngày 16 tháng 11.", "vi").ok
    assert check_numbers("You may stay.", "en", "Bạn có thể ở lại.", "vi").ok  # "may": a verb


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The deal is worth $ 1.45 billion.", Decimal("1.45e9"), "USD"),
        ("Inflation was 6.2 % last year.", Decimal("6.2"), "%"),
        ("He paid $10000 for it.", Decimal("10000"), "USD"),
        ("It costs 3 dollars 50 cents.", Decimal("3.50"), "USD"),
        ("The ticket costs 100元.", Decimal("100"), "CNY"),
    ],
)
def test_amounts_as_english_news_prints_them(text, value, unit):
    (amount,) = [a for a in read_amounts(text, "en") if a.unit]
    assert (amount.value, amount.unit) == (value, unit)


def test_a_power_is_not_two_numbers():
    assert read_amounts("10^400 dollars", "en") == []


TIMES = [
    "at 10:30, 8:30 p.m. and 10:00-11:00 pm; kl. 23:35, kl 14.00, klokken 9.15",
    "lúc 9 giờ 30 phút sáng, 10 giờ tối, 16h, 8h30, 1200 GMT, 15.00 UTC, 3pm, 12 a.m.",
    "x10:30 1,10:30 25:99 ١٢:٣٠ ٣ pm ১০:৩০ 2024 10.5% US$3.1 billion",
]


@given(st.text(alphabet="0123456789:.,hH apmAPMgiờGMTUTCklsángchiều-x", max_size=40))
@settings(max_examples=300, deadline=None)
def test_time_pattern_matches_as_its_branches_alone(text):
    """The digit lookahead in front of _TIME's branches only skips positions no branch
    can start at: the same matches, groups included, as the branches without it."""
    import re

    from mtsum import numbers

    pattern = numbers._TIME.pattern
    assert pattern.startswith("(?=\\d)(?:") and pattern.endswith(")")
    plain = re.compile(pattern[len("(?=\\d)(?:") : -1], numbers._TIME.flags)
    for sample in (text, *TIMES):
        assert [(m.span(), m.groupdict()) for m in numbers._TIME.finditer(sample)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(sample)
        ]
