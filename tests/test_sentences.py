"""mtsum.sentences: what the other modules' tests do not already cover."""

import pytest

from mtsum import languages
from mtsum.sentences import _stopword_lists, stopwords


@pytest.mark.parametrize(
    "lang",
    [
        "en",
        "vi",
        "no",
        "nb",
        "da",
        "ja",
        "ko",
        "zh-cn",
        "zh-tw",
        "de",
        "fr",
        "ru",
        "th",
        "xx",
        None,
    ],
)
def test_stopwords_are_stopwordsiso_s(lang):
    """Read from stopwordsiso's data file directly (no package import at start-up), the
    stopwords are those stopwordsiso gives, for every language, known or not."""
    import stopwordsiso

    assert _stopword_lists() is not None  # the file was found: the fast path is tested
    expected = frozenset(w.lower() for w in stopwordsiso.stopwords(languages.stopword_code(lang)))
    assert stopwords(lang) == expected


def test_every_stopwordsiso_language_is_read_alike():
    import stopwordsiso

    lists = _stopword_lists()
    assert set(lists) == set(stopwordsiso.langs())
    for code in lists:
        assert set(lists[code]) == stopwordsiso.stopwords(code), code


def test_split_sentences_gives_a_new_list_each_time():
    """Splits are kept for paragraphs met again; a caller changing its list changes no
    other caller's."""
    from mtsum.sentences import split_sentences

    text = "Quang Ninh attracted US$3.1 billion. It was the most in the north."
    first = split_sentences(text, "en")
    assert first == ["Quang Ninh attracted US$3.1 billion.", "It was the most in the north."]
    first.append("changed")
    first[0] = "changed"
    assert split_sentences(text, "en") == [
        "Quang Ninh attracted US$3.1 billion.",
        "It was the most in the north.",
    ]
