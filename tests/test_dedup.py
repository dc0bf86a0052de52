"""The same story twice (issue 15): near-duplicates are briefed once and listed as sources of
the article; translations of one story stay separate sources whose figures group."""

import datetime as dt
import json
import re
import shutil

import pytest
from click.testing import CliRunner

from mtsum.brief import make_briefing
from mtsum.cli import cli
from mtsum.dedup import CopyFinder, signature, similarity
from mtsum.render import render_html
from mtsum.settings import Settings
from tests.conftest import SEEDS

DATE = dt.date(2025, 12, 1)
EN = SEEDS / "001_5512d0028820d064.txt"


def _text(path):
    return path.read_text(encoding="utf-8")


def test_the_same_text_saved_again_is_a_copy():
    finder = CopyFinder()
    text = _text(EN)
    assert finder.match("a", text, "en") is None
    assert finder.match("b", re.sub(r" ", "  ", text).replace(". ", ".\n"), "en") == ("a", 1.0)


def test_a_republished_story_is_a_copy_and_another_story_is_not():
    finder = CopyFinder()
    text = _text(EN)
    sentences = text.split(". ")
    republished = (
        "(VNA) Republished with permission.\n"
        + ". ".join(sentences[:-2])
        + "\nComment (0)\nSource: another outlet"
    )
    assert finder.match("a", text, "en") is None
    found = finder.match("b", republished, "en")
    assert found is not None and found[0] == "a" and 0.5 <= found[1] < 1
    # another article on the same subject (Quang Ninh FDI) is another story
    assert finder.match("c", _text(SEEDS / "000_146807e83baea55f.txt"), "en") is None


def test_one_story_in_two_languages_is_two_sources():
    finder = CopyFinder()
    en = "Quang Ninh attracted US$3.1 billion in foreign direct investment in 2023. " * 3
    assert finder.match("en", en, "en") is None
    assert finder.match("vi", en, "vi") is None  # same words, another language: not a copy


@pytest.mark.parametrize("shared", [0, 100, 200, 300, 396])
def test_signatures_estimate_jaccard_similarity(shared):
    a = " ".join(f"word{i}" for i in range(400))
    b = (
        " ".join(f"word{i}" for i in range(shared))
        + " "
        + " ".join(f"other{i}" for i in range(400 - shared))
    )
    grams = max(shared - 4, 0)  # 5-grams wholly inside the shared run
    exact = grams / (396 + 396 - grams)
    # 128 hash functions: the estimate's standard deviation is at most 0.045
    assert abs(similarity(signature(a), signature(b)) - exact) < 0.15


def test_candidates_come_from_the_bands_not_from_every_article():
    finder = CopyFinder()
    for k in range(50):
        assert finder.match(str(k), " ".join(f"story{k} word{i}" for i in range(300)), "en") is None
    # an unrelated text shares no band with any of them
    text = " ".join(f"different w{i}" for i in range(300))
    sig = signature(" ".join(text.lower().split()))
    assert not any((k, sig[k * 5 : (k + 1) * 5].tobytes()) in finder._bands for k in range(25))


def _folder(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    text = _text(EN)
    (folder / "zz_saved_again.txt").write_text(
        "Quang Ninh on track for US$1 billion FDI in Q1 (republished)\n\n"
        + text.replace("\n\n", "\n")
        + "\nComment (0)\n"
    )
    return folder


def test_a_copy_is_briefed_once_and_listed_under_its_article(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["brief", str(_folder(tmp_path)), "--out", str(out), "--date", "2025-12-01"]
    )
    assert result.exit_code == 0, result.output
    assert "1 file(s) are copies of other articles" in result.output
    data = json.loads((out / "briefing.json").read_text())
    assert len(data["articles"]) == 5
    original = next(a for a in data["articles"] if a["id"] == EN.stem)
    assert [c["id"] for c in original["copies"]] == ["zz_saved_again"]
    assert 0.5 <= original["copies"][0]["similarity"] <= 1
    html = (out / "briefing.html").read_text()
    assert "Also published as: <span>Quang Ninh on track for US$1 billion FDI" in html
    assert "Cũng đăng tại:" in html and "(and 1 copy of one)" in html
    # the copy adds no figures of its own: each figure of the story once
    assert not any(f["article"] == "zz_saved_again" for a in data["articles"] for f in a["facts"])


def test_keep_copies_briefs_every_file(tmp_path):
    briefing = make_briefing([_folder(tmp_path)], Settings(date=DATE, dedup=False))
    assert len(briefing.reports) == 6 and briefing.copies == 0


def test_translations_of_one_story_are_separate_sources_whose_figures_group(tmp_path):
    (tmp_path / "en.md").write_text(
        "---\ndate: 2024-01-10\n---\n\nQuang Ninh attracted US$3.1 billion in foreign direct "
        "investment in 2023, ranking first in the country, the provincial People's Committee "
        "said on Wednesday.\n"
    )
    (tmp_path / "vi.md").write_text(
        "---\ndate: 2024-01-10\n---\n\nNăm 2023, Quảng Ninh thu hút 3,1 tỷ USD vốn đầu tư trực "
        "tiếp nước ngoài, dẫn đầu cả nước, Ủy ban nhân dân tỉnh cho biết hôm thứ Tư.\n"
    )
    briefing = make_briefing([tmp_path], Settings(date=DATE))
    assert len(briefing.reports) == 2 and briefing.copies == 0
    html = render_html(briefing)
    row = re.search(r"FDI attracted</td>\s*<td class=\"period\">2023</td>.*?</tr>", html, re.S)
    assert row and re.search(r"\[<a [^>]*>1</a>, <a [^>]*>2</a>\]", row.group(0))


def test_the_hash_functions_are_the_seeded_draws():
    """data/minhash.toml holds the draws the signatures were defined by (numpy's
    default_rng(1)), so keeping them in a file changed no signature."""
    import numpy as np

    from mtsum.dedup import PERMUTATIONS, PRIME, _permutations

    rng = np.random.default_rng(1)
    a = rng.integers(1, PRIME, PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, PRIME, PERMUTATIONS, dtype=np.uint64)
    kept_a, kept_b = _permutations()
    assert kept_a.dtype == kept_b.dtype == np.uint64
    assert kept_a[:, 0].tolist() == a.tolist() and kept_b[:, 0].tolist() == b.tolist()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "one two three",
        "a b c d e",
        "a b c d e a b c d e a b c d e f",
        _text(EN),
        "中文新闻" * 40,
    ],
)
def test_shingle_hashes_are_each_window_once_in_order(text):
    import zlib

    from mtsum.dedup import _CJK, SHINGLE, shingle_hashes
    from mtsum.sentences import words

    if len(_CJK.findall(text)) > 0.3 * max(len(text.replace(" ", "")), 1):
        tokens = [c for c in text.lower() if not c.isspace()]
    else:
        tokens = words(text)
    ids = [zlib.crc32(t.encode("utf-8")) for t in tokens]
    if len(ids) < SHINGLE:
        expected = ids
    else:
        expected = set()
        for k in range(len(ids) - SHINGLE + 1):
            h = 0
            for i in ids[k : k + SHINGLE]:
                h = (h * 1_000_003 + i) & 0xFFFFFFFF
            expected.add(h)
        expected = sorted(expected)
    assert shingle_hashes(text).tolist() == expected
