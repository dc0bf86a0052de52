from mtsum.ingest import read_article
from mtsum.sentences import split_sentences
from mtsum.summarize import Unit, brief_points, summarize_sentences
from tests.conftest import NORWEGIAN, SEEDS


def _sentences(name):
    a = read_article(SEEDS / name)
    return [s for p in a.paragraphs for s in split_sentences(p, "en")]


def test_extractive_returns_whole_source_sentences_in_order():
    sentences = _sentences("003_e6de39ec2e5e6275.txt")
    summary = summarize_sentences(sentences, "en", n=4)
    assert len(summary.sentences) == 4
    assert all(s in sentences for s in summary.sentences)
    assert list(summary.indices) == sorted(summary.indices)
    assert summary.engine == "extractive"


def test_deterministic_and_respects_n():
    sentences = _sentences("001_5512d0028820d064.txt")
    first = summarize_sentences(sentences, "en", n=2)
    assert first == summarize_sentences(sentences, "en", n=2)
    assert len(first.sentences) == 2


def test_no_duplicates_even_when_the_source_repeats_itself():
    s = "Quang Ninh attracted 3.1 billion USD of foreign direct investment in ten months."
    sentences = [s, "The province welcomed sixty delegations of international investors.", s, s]
    summary = summarize_sentences(sentences, "en", n=3)
    assert len(summary.sentences) == len(set(summary.sentences)) == 2


def test_one_sentence_and_empty():
    assert summarize_sentences(["Only one sentence here, with enough words."], "en").sentences == (
        "Only one sentence here, with enough words.",)
    assert summarize_sentences([], "en").sentences == ()


def test_word_budget_cuts_last_sentence():
    sentences = _sentences("000_146807e83baea55f.txt")
    summary = summarize_sentences(sentences, None, n=None, max_words=40)
    assert sum(len(s.replace(" …", "").split()) for s in summary.sentences) == 40


def test_other_languages_work_without_stopwords():
    a = read_article(SEEDS / f"{NORWEGIAN}.txt")
    sentences = [s for p in a.paragraphs for s in split_sentences(p, "no")]
    summary = summarize_sentences(sentences, "no", n=3)
    assert len(summary.sentences) == 3 and all(s in sentences for s in summary.sentences)


def test_brief_points_come_from_several_articles_with_sources():
    units = []
    for p in sorted(SEEDS.glob("*.txt")):
        if p.stem == NORWEGIAN:
            continue
        units += [Unit(s, p.stem, i) for i, s in enumerate(_sentences(p.name))]
    points = brief_points(units, "en", points=6)
    assert len(points) == 6
    assert len({p.article for p in points}) >= 3
    assert all(p.sources[0] == p.article for p in points)
    assert len({p.text for p in points}) == 6
