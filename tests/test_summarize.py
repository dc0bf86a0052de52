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
        "Only one sentence here, with enough words.",
    )
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


def _seed_units():
    units = []
    for p in sorted(SEEDS.glob("*.txt")):
        if p.stem != NORWEGIAN:
            units += [Unit(s, p.stem, i) for i, s in enumerate(_sentences(p.name))]
    return units


def test_sparse_graph_with_every_edge_is_the_dense_pagerank():
    import numpy as np

    from mtsum.summarize import _pagerank, _sparse_centrality, _sparse_vectors, _vectors

    units = _seed_units()
    dense = _vectors(units, "en")
    sparse = _sparse_vectors(units, "en")
    assert np.allclose(sparse.toarray(), dense, atol=1e-6)
    exact = _sparse_centrality(sparse, neighbours=len(units), common=1.0)
    assert np.allclose(exact, _pagerank(dense @ dense.T), atol=1e-6)
    pruned = _sparse_centrality(sparse)  # 20 neighbours, common terms left out
    top = set(np.argsort(-exact)[:10])
    assert len(top & set(np.argsort(-pruned)[:10])) >= 6


def test_sparse_brief_agrees_with_the_dense_one():
    units = _seed_units()
    dense = brief_points(units, "en", points=6)
    sparse = brief_points(units, "en", points=6, dense_limit=0)  # forced sparse
    assert len(sparse) == 6 and len({p.article for p in sparse}) >= 3
    assert len({p.text for p in dense} & {p.text for p in sparse}) >= 4
    groups = {p.text: p.group for p in dense}
    for p in sparse:  # groups use exact similarities: the same point has the same group
        if p.text in groups:
            assert p.group == groups[p.text]


def test_one_sentence_and_empty_articles():
    one = "Quang Ninh licensed five FDI projects worth US$120 million in January."
    assert summarize_sentences([one], "en", n=3).sentences == (one,)
    assert summarize_sentences([], "en", n=3).sentences == ()
    assert summarize_sentences([one], "en", n=None, max_words=4).sentences == (
        "Quang Ninh licensed five …",
    )


def test_multi_document_summary_takes_sentences_from_several_documents():
    from mtsum.summarize import summarize_documents

    docs = [
        _sentences(f"{name}.txt")
        for name in ("000_146807e83baea55f", "001_5512d0028820d064", "003_e6de39ec2e5e6275")
    ]
    summary = summarize_documents(docs, "en", n=None, max_words=120)
    picked = set(summary.sentences[:-1])
    assert picked and all(any(s in doc for doc in docs) for s in picked)
    assert sum(1 for doc in docs if picked & set(doc)) >= 2
    assert summary == summarize_documents(docs, "en", n=None, max_words=120)


def test_a_point_cites_only_the_articles_that_state_its_figures(seeds):
    """The 87-word sentence on GRDP growth, 13.91 billion, 172 projects and 17.2% was cited
    as [2, 3], but [3] only says "nearly 200 foreign-invested businesses from 20 countries
    with a total capital of nearly $14 billion": it cites its own article only."""
    import datetime as dt

    from mtsum.brief import make_briefing
    from mtsum.settings import Settings

    briefing = make_briefing([seeds], Settings(date=dt.date(2024, 3, 1), translate=False))
    (point,) = [i.point for i in briefing.brief if "13.91 billion" in i.point.text]
    assert point.sources == ("003_e6de39ec2e5e6275",)
    assert point.support == {"003_e6de39ec2e5e6275": point.text}
    for item in briefing.brief:  # every source of every point has its sentence
        assert set(item.point.support) == set(item.point.sources)
        assert dict(item.point.group).keys() <= set(item.point.sources)


# --- summaries carry the article's news (issue 21) ------------------------------------------

HOKKAIDO = "003_e6de39ec2e5e6275"  # [2] by date: the Quang Ninh - Japan conference
NOVEMBER_2025 = "002_295cc0fe45c1e94b"  # [5]: its figures are in its last paragraph


def test_attendee_lists_are_demoted_from_the_summary():
    sentences = _sentences(f"{HOKKAIDO}.txt")
    summary = summarize_sentences(sentences, "en", n=3)
    assert len(summary.sentences) == 3
    for s in summary.sentences:
        assert not s.startswith("Attending the conference were"), s
        assert not s.startswith("On the Japanese side, there were Mr."), s


def test_listing_share_in_three_languages():
    from mtsum.summarize import listing_share

    lists = {
        "en": "Attending the event were Mr. John Smith, Chairman of Acme Holdings, Mr. Tom Lee, "
        "Vice Chairman of the Provincial People's Committee, and Ms. Ann Ho, Director of ABC.",
        "vi": "Tham dự hội nghị có ông Nguyễn Văn An, Bí thư Tỉnh ủy; ông Trần Văn Bình, "
        "Phó Chủ tịch UBND tỉnh; bà Lê Thị Hoa, Giám đốc Sở Kế hoạch và Đầu tư.",
        "no": "Til stede var ordfører Kari Nordmann, varaordfører Ola Hansen og direktør "
        "Per Olsen fra Innovasjon Norge.",
    }
    news = {
        "en": "Vice Chairman Bui Van Khang said exports rose 12% to US$3.1 billion this year.",
        "vi": "Phó Chủ tịch UBND tỉnh cho biết kim ngạch xuất khẩu tăng 12% so với cùng kỳ.",
        "no": "Ordføreren sa at eksporten økte med 12 prosent i fjor.",
    }
    for lang, text in lists.items():
        assert listing_share(text, lang) >= 0.5, lang
        assert listing_share(news[lang], lang) == 0.0, lang


def test_a_summary_of_an_article_with_figures_carries_one():
    sentences = _sentences(f"{NOVEMBER_2025}.txt")
    summary = summarize_sentences(sentences, "en", n=3)
    assert len(summary.sentences) == 3
    figures = ("60 delegations", "VND 19,659 billion", "21 projects")
    assert any(f in s for s in summary.sentences for f in figures), summary.sentences
    assert list(summary.indices) == sorted(summary.indices)


def test_an_article_without_figures_keeps_its_summary():
    sentences = [
        "The province opened a new industrial park for foreign investors near the border.",
        "Investors from Japan and Korea visited the park and met provincial leaders.",
        "The leaders promised faster procedures and better roads for the industrial park.",
        "The park was planned in 2021 and is part of the plan for 2021-2030.",
    ]
    summary = summarize_sentences(sentences, "en", n=2)
    assert summary == summarize_sentences(sentences, "en", n=2)
    assert len(summary.sentences) == 2


def test_carries_figure_tells_figures_from_dates_and_periods():
    from mtsum.summarize import carries_figure

    yes = [
        (
            "en",
            "As of November 25, 2025, the FDI attracted to the province reached VND 19,659 billion.",
        ),
        ("en", "Exports rose 12% in the first quarter."),
        ("en", "The province issued certificates for 21 projects."),
        ("en", "There are 15,000 Vietnamese people working in Japan."),
        ("vi", "Tỉnh đã cấp giấy chứng nhận đầu tư cho 21 dự án mới."),
        ("no", "Provinsen tiltrakk seg 1 543 millioner amerikanske dollar."),
    ]
    no = [
        ("en", "The list covers the period 2025-2030 and the program for 2025."),
        ("en", "On November 17, the province held a conference with its partners."),
        ("en", "In the first 10 months, the province worked with its partners."),
        ("en", "Resolution 20-NQ/TU set the direction during the Covid-19 pandemic."),
        ("vi", "Trong 10 tháng đầu năm 2025, tỉnh đã làm việc với các đối tác."),
    ]
    for lang, text in yes:
        assert carries_figure(text, lang), text
    for lang, text in no:
        assert not carries_figure(text, lang), text


def test_excluded_sentences_give_way_to_the_next_best():
    sentences = _sentences("001_5512d0028820d064.txt")
    first = summarize_sentences(sentences, "en", n=3)
    shown = {first.sentences[0], "  " + first.sentences[1].replace(" ", "  ")}  # spacing differs
    again = summarize_sentences(sentences, "en", n=3, exclude=shown)
    assert len(again.sentences) == 3
    assert first.sentences[0] not in again.sentences
    assert first.sentences[1] not in again.sentences
    assert first.sentences[2] in again.sentences
    assert list(again.indices) == sorted(again.indices)
    assert summarize_sentences(sentences, "en", n=3, exclude=()) == first


def test_excluded_sentences_repeated_in_other_words_are_not_chosen():
    lead = "Quang Ninh attracted US$3.1 billion of foreign direct investment in ten months."
    repeat = "In ten months Quang Ninh attracted US$3.1 billion of foreign direct investment."
    other = "The province also welcomed sixty delegations of international investors this year."
    third = "New industrial parks opened near the border with China in the same period."
    summary = summarize_sentences([lead, repeat, other, third], "en", n=2, exclude={lead})
    assert lead not in summary.sentences and repeat not in summary.sentences
    assert summary.sentences == (other, third)


def test_the_weights_are_data():
    from importlib import resources

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    from mtsum import summarize

    data = tomllib.loads(
        resources.files("mtsum").joinpath("data/summarizer.toml").read_text("utf-8")
    )
    for part, weights in (
        ("single", summarize.SINGLE_POSITION),
        ("multi", summarize.MULTI_POSITION),
        ("brief", summarize.BRIEF_POSITION),
    ):
        assert weights == (data[part]["position_weight"], data[part]["position_decay"])


def test_listing_share_is_the_same_when_sentences_without_the_words_are_not_searched(
    monkeypatch,
):
    """A sentence with none of the roles' or cues' words is not searched for them
    (mtsum.patterns.could_match): the shares are those of searching every sentence."""
    from mtsum import summarize

    sentences = [
        ("Attending were Mr. X, Chairman of A, Mr. Y, Vice Chairman of B.", "en"),
        ("ATTENDING WERE MR. X, CHAIRMAN OF A, AND MS. Y, DIRECTOR OF B.", "en"),
        ("Exports rose 12% to $3 billion, the ministry said.", "en"),
        ("Tham dự có ông A, Bí thư Tỉnh ủy, bà B, Chủ tịch UBND tỉnh.", "vi"),
        ("Kim ngạch xuất khẩu tăng 12%.", "vi"),
        ("Til stede var ordfører Ola Nordmann og statsminister Kari Hansen.", "no"),
        ("Eksporten økte med 12 prosent.", "no"),
    ]
    gated = [summarize.listing_share(s, lang) for s, lang in sentences]
    monkeypatch.setattr(summarize, "could_match", lambda *args: True)
    assert gated == [summarize.listing_share(s, lang) for s, lang in sentences]
    assert sum(1 for share in gated if share > 0) >= 3  # lists of names among them


def test_weights_are_those_of_the_plain_formula():
    """_weights counts terms in a dict and takes each term's idf and each tf's factor once:
    every row is the plain per-entry formula's, key for key and in the same order (the
    sparse vectors sum a row's entries in that order), in three languages and without one."""
    import math
    from collections import Counter

    from mtsum.sentences import fold_marks, stopwords, words
    from mtsum.summarize import _weights

    def plain(units, lang):
        stop = stopwords(lang)
        fold = lang == "en"
        bags = [
            Counter(
                w
                for w in words(fold_marks(u.text) if fold else u.text)
                if w not in stop and len(w) > 1
            )
            for u in units
        ]
        df = Counter(w for bag in bags for w in bag)
        vocab = {w: i for i, w in enumerate(sorted(df))}
        n = len(units)
        rows = [
            {
                vocab[w]: (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[w])) + 1)
                for w, tf in bag.items()
            }
            for bag in bags
        ]
        return rows, len(vocab)

    texts = [u.text for u in _seed_units()] + [
        "Quảng Ninh thu hút 3,1 tỷ USD vốn FDI, tăng 12% so với cùng kỳ năm 2023; Quảng Ninh dẫn đầu.",
        "Eksporten økte med 12 prosent i 2024, og eksporten av sjømat økte mest: a a a b b.",
        "İstanbul, ŞİŞLİ and Straße: 2 2 2 x yy yy yy ZZ zz.",
        "",
        "a b c",
    ]
    for lang in ("en", "vi", "no", None):
        units = [Unit(t, "", i) for i, t in enumerate(texts)]
        got, size = _weights(units, lang)
        want, want_size = plain(units, lang)
        assert size == want_size
        assert [list(r.items()) for r in got] == [list(r.items()) for r in want]
