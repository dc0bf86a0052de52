from decimal import Decimal

import pytest

from mtsum.facts import find_numbers, missing_numbers


@pytest.mark.parametrize("text, lang, value, scaled", [
    ("1 543 millioner amerikanske dollar", "no", "1543", "1543000000"),
    ("51,6 % av planen", "no", "51.6", None),
    ("US$478 million", "en", "478", "478000000"),
    ("1,543 projects", "en", "1543", None),
    ("3,1 tỷ USD", "vi", "3.1", "3100000000"),
    ("352,62 triệu USD", "vi", "352.62", "352620000"),
    ("VND 19,659 billion", "en", "19659", "19659000000000"),
    ("13.91 billion USD", "en", "13.91", "13910000000"),
])
def test_numbers_read_with_each_languages_separators(text, lang, value, scaled):
    (number,) = find_numbers(text, lang)
    assert number.value == Decimal(value)
    assert number.scaled == (Decimal(scaled) if scaled else None)


@pytest.mark.parametrize("source, target, missing", [
    ("økning på 1 543 millioner dollar", "an increase of 1,543 million dollars", []),
    ("økning på 1 543 millioner dollar", "an increase of 1.543 billion dollars", []),
    ("51,6 % av planen", "51.6% of the plan", []),
    ("51,6 % av planen", "52% of the plan", ["51,6"]),
    ("1 543 millioner og 141 %", "1,543 million", ["141"]),
    ("1 543 millioner dollar", "1,534 million dollars", ["1 543"]),
])
def test_number_check_between_languages(source, target, missing):
    assert missing_numbers(source, "no", target, "en") == missing
