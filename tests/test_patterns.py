import re
import sys

import pytest

from mtsum import patterns

pytestmark = pytest.mark.skipif(patterns._compiler is None, reason="Python 3.10: no re._compiler")

SOURCES = [
    (r"(?P<value>\d+(?:[.,]\d+)*)\s*(?P<scale>tỷ|triệu|billion|mrd\.?)", re.IGNORECASE),
    (r"(?<![\w-])(?:Hải Phòng|Hai Phong|Quảng Ninh)(?=s?(?![\w$-]))", 0),
    (r"^\s*(?:[A-ZÆØÅ][a-zæøå]+\s+){2,}$", re.MULTILINE),
    (r"(a)|(?P<b>b)(?(1)x|y)", 0),
    (r"[\u3040-\u30ff\u3400-\u9fff]+", 0),
]
TEXT = "Hai Phong drew 3,5 tỷ USD; Quảng Ninhs 12 billion.\nOla Nordmann Hansen \n ab by 今日は"


def fresh(source: str, flags: int) -> re.Pattern:
    re.purge()  # re's own cache would answer without compiling
    return re.compile(source, flags)


def test_kept_patterns_are_the_ones_re_compiles(tmp_path):
    own = [patterns._original(s, f) for s, f in SOURCES]
    with patterns.kept(tmp_path):
        first = [fresh(s, f) for s, f in SOURCES]
    assert patterns.cache_file(tmp_path).is_file()
    calls = []
    parse = patterns._parser.parse
    patterns._parser.parse = lambda *a: calls.append(a) or parse(*a)
    try:
        with patterns.kept(tmp_path):
            second = [fresh(s, f) for s, f in SOURCES]
    finally:
        patterns._parser.parse = parse
    assert calls == []  # made from the kept code, not parsed again
    for a, b, c in zip(own, first, second):
        assert a == b == c  # same source, flags and code
        assert a.groupindex == b.groupindex == c.groupindex and a.groups == c.groups
        assert [m.groupdict() for m in a.finditer(TEXT)] == [
            m.groupdict() for m in c.finditer(TEXT)
        ]
        assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in c.finditer(TEXT)]
    assert patterns._compiler.compile is patterns._original  # put back after the block


def test_a_damaged_or_foreign_file_means_compiling_again(tmp_path):
    path = patterns.cache_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    source, flags = SOURCES[0]
    with patterns.kept(tmp_path):
        assert fresh(source, flags) == patterns._original(source, flags)
    import marshal

    key = (source, int(flags))
    code = marshal.loads(path.read_bytes())["code"][key]
    bad = (code[0], [999_999, *code[1]], *code[2:])  # code _sre refuses: compiled again
    path.write_bytes(marshal.dumps({"code": {key: bad}, "literals": {}}))
    with patterns.kept(tmp_path):
        assert fresh(source, flags) == patterns._original(source, flags)


def test_the_file_holds_the_last_run_s_patterns_only(tmp_path):
    with patterns.kept(tmp_path):
        fresh("first run only", 0)
    with patterns.kept(tmp_path):
        fresh("second run", 0)
    import marshal

    kept = marshal.loads(patterns.cache_file(tmp_path).read_bytes())
    assert set(kept["code"]) == {("second run", 0)}


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with patterns.kept(blocker):
        assert fresh("x+y", 0).fullmatch("xxy")
    with patterns.kept(None):
        assert fresh("x+y", 0).fullmatch("xy")


def test_file_named_after_the_interpreter(tmp_path):
    assert f"{sys.hexversion:x}" in patterns.cache_file(tmp_path).name


LITERAL_CASES = [
    (r"(?:the\s+)?same\s+period", re.IGNORECASE, (True, ("period",))),
    (r"quý\s+(?:I{1,3}|IV)|kvartal", re.IGNORECASE, (True, ("kvartal", "quý"))),
    (r"(?:19|20)\d{2}", 0, (False, ("19", "20"))),
    (r"Q[1-4]\s+(?:19|20)\d{2}", 0, (False, ("19", "20"))),  # the longer
    (r"(?:first|second)?\s*half", re.IGNORECASE, (True, ("half",))),
    (r"(?:a|b)?c*", 0, None),  # may match nothing
    (r"(?i:year)s", 0, None),  # the case rules change inside: not read
    (r"\d+", 0, None),
    (r"\d{4}\s*[年년]", 0, (False, ("年", "년"))),  # one of a few characters
    (r"[^a]b?", 0, None),
]


@pytest.mark.parametrize("source, flags, expected", LITERAL_CASES)
def test_the_literals_every_match_has(source, flags, expected):
    assert patterns.literals(re.compile(source, flags)) == expected


def _period_patterns():
    from mtsum import dates

    return [
        p
        for lang in ("en", "vi", "no", "ja", None)
        for p in [p for _, p in dates._period_patterns(lang)] + dates._date_patterns(lang)
    ]


WORDS = ["ſame", "İN", "PERIOD", "Quý", "KVARTAL", "năm nay", "NĂM", "i fjor", "2024", "K", "ı"]
WORDS += ["NGÀY 5", "/11/", "THÁNG", "ſept", "MAY 5", "年", "6月", "2023년", "-05-01", "17. "]


@pytest.mark.parametrize(
    "text",
    [
        "ſame period in 2023",
        "İN 2024 THE QUARTER rose",
        "SAME PERIOD OF LAST YEAR",
        "Năm Nay tăng 5% so với CÙNG KỲ",
        "QUÝ III/2024 và 9 THÁNG",
        "hittil I ÅR, mot I FJOR",
        "ﬁrst half: the ﬁgures",
        "the \u212aelvin quarter",  # KELVIN SIGN: 'k' to a pattern that ignores case
        "HİTTİL I ÅR steg det",  # 'İ'.lower() is two characters; to SRE it is 'i'
        "ſo far thiſ year",  # LONG S: 's' to SRE
        "compared with laſt year",
    ],
)
def test_a_text_without_the_literals_has_no_match(text):
    """Where :func:`could_match` says no, searching finds nothing: over the dates' period
    patterns, on texts in other cases and with the letters SRE folds specially."""
    lowered = patterns.folded(text)
    for pattern in _period_patterns():
        if not patterns.could_match(patterns.literals(pattern), text, lowered):
            assert pattern.search(text) is None, pattern.pattern


def test_could_match_is_never_wrong_on_made_up_texts():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    compiled = _period_patterns()
    pieces = st.sampled_from(WORDS + [" ", "the ", "year", "half", "first", "quarter", ", "])

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(pieces, max_size=8).map("".join))
    def check(text):
        lowered = patterns.folded(text)
        for pattern in compiled:
            if not patterns.could_match(patterns.literals(pattern), text, lowered):
                assert pattern.search(text) is None, (pattern.pattern, text)

    check()


def test_a_bad_pattern_is_re_s_own_error(tmp_path):
    with patterns.kept(tmp_path), pytest.raises(re.error, match="missing \\)"):
        fresh("(unclosed", 0)
