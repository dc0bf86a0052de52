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
    code = marshal.loads(path.read_bytes())[key]
    bad = (code[0], [999_999, *code[1]], *code[2:])  # code _sre refuses: compiled again
    path.write_bytes(marshal.dumps({key: bad}))
    with patterns.kept(tmp_path):
        assert fresh(source, flags) == patterns._original(source, flags)


def test_the_file_holds_the_last_run_s_patterns_only(tmp_path):
    with patterns.kept(tmp_path):
        fresh("first run only", 0)
    with patterns.kept(tmp_path):
        fresh("second run", 0)
    import marshal

    kept = marshal.loads(patterns.cache_file(tmp_path).read_bytes())
    assert set(kept) == {("second run", 0)}


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with patterns.kept(blocker):
        assert fresh("x+y", 0).fullmatch("xxy")
    with patterns.kept(None):
        assert fresh("x+y", 0).fullmatch("xy")


def test_file_named_after_the_interpreter(tmp_path):
    assert f"{sys.hexversion:x}" in patterns.cache_file(tmp_path).name
