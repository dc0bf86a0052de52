import pytest

from mtsum.detect import detect_article, detect_language, norwegian_or_danish
from mtsum.ingest import read_article
from tests.conftest import NORWEGIAN, SEEDS


def test_seeds_languages():
    langs = {
        p.stem: detect_article(read_article(p).paragraphs).lang for p in sorted(SEEDS.glob("*.txt"))
    }
    assert langs.pop(NORWEGIAN) == "no"
    assert set(langs.values()) == {"en"}


def test_same_answer_every_time():
    text = "Med et mål om å tiltrekke seg minst 3 milliarder amerikanske dollar for hele året"
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_traditional_chinese_is_not_korean():
    # langdetect alone calls many Traditional Chinese sentences Korean.
    d = detect_language("廣寧省吸引外國直接投資，今年上半年登記資本達十五億美元。")
    assert d.lang == "zh-tw"
    assert (
        detect_language("广宁省吸引外国直接投资，今年上半年登记资本达十五亿美元。").lang == "zh-cn"
    )


@pytest.mark.parametrize(
    "text, lang",
    [
        ("広寧省は外国からの直接投資を誘致しています。", "ja"),
        ("꽝닌성은 외국인 직접 투자를 유치하고 있습니다.", "ko"),
    ],
)
def test_script_settles_cjk(text, lang):
    assert detect_language(text).lang == lang


def test_norwegian_and_danish_spellings():
    assert (
        norwegian_or_danish("Regjeringen sier at etter møtet ble informasjonen delt av alle")
        == "no"
    )
    assert (
        norwegian_or_danish("Regeringen siger at efter mødet blev informationen delt af alle")
        == "da"
    )
    assert norwegian_or_danish("Det er en god dag") is None


def test_short_text_is_unreliable_not_guessed():
    d = detect_language("FDI 2024")
    assert d.lang is None and not d.reliable and "too short" in d.reason


def test_mixed_article():
    paragraphs = (
        "Quang Ninh attracted more foreign direct investment in the first half of the year "
        "than in any half year before, according to provincial leaders.",
        "Tỉnh Quảng Ninh đã thu hút hơn 3,1 tỷ USD vốn đầu tư trực tiếp nước ngoài trong "
        "mười tháng đầu năm, dẫn đầu cả nước về thu hút đầu tư.",
    )
    d = detect_article(paragraphs)
    assert d.mixed and set(d.paragraph_langs) == {"en", "vi"}
    assert "paragraphs disagree" in d.reason


def test_single_language_article_not_mixed():
    d = detect_article(read_article(SEEDS / "001_5512d0028820d064.txt").paragraphs)
    assert d.lang == "en" and not d.mixed and d.reliable and d.confidence > 0.9


TEXTS = [
    "Quang Ninh attracted US$3.1 billion of FDI in 2023, nearly 20% more than in 2022.",
    "Tỉnh Quảng Ninh thu hút 3,1 tỷ USD vốn FDI trong năm 2023.",
    "Quảng Ninh thu hút vốn đầu tư",  # combining marks, normalised for Vietnamese
    "Provinsen tiltrakk seg 1 543 millioner amerikanske dollar innen utgangen av juni 2024.",
    "広寧省は2023年に31億ドルの外国直接投資を誘致した。",
    "꽝닌성은 2023년에 31억 달러의 외국인 직접투자를 유치했다.",
    "广宁省2023年吸引外国直接投资31亿美元。廣寧省吸引外資。",
    "Провинция привлекла 3,1 млрд долларов прямых иностранных инвестиций.",
    "จังหวัดกวางนิญดึงดูดการลงทุนจากต่างประเทศ 3.1 พันล้านดอลลาร์",
    "ALL CAPS HEADLINE: FDI SURGES IN QUANG NINH, ABcD eFG and MiXeD CaSe",
    "see https://example.com/a?b=c and write to press@example.com  --  “quoted”  ok",
    "Ảnh: Hạ Long — VỐN FDI tăng mạnh; ｆｕｌｌｗｉｄｔｈ　ＡＢＣ",
    "   leading and trailing spaces   ",
    "12 345 678 ... !!! ???",
]


def test_fast_detector_is_langdetect():
    """Our langdetect Detector (the same algorithm with faster loops) gives every
    probability langdetect gives, bit for bit, on text in many scripts and on every
    paragraph of the seeds; and the same error where langdetect finds nothing."""
    from langdetect.detector import Detector
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from mtsum.detect import SEED, _detector_class, _factory

    langdetect = DetectorFactory()  # langdetect's own, every profile loaded
    langdetect.load_profile(PROFILES_DIRECTORY)
    langdetect.set_seed(SEED)
    assert _factory().langlist == langdetect.langlist

    def run(cls, text):
        return _probabilities(cls(_factory() if cls is not Detector else langdetect), text)

    texts = _texts()
    texts.append(" ".join(texts))  # long: cut at langdetect's 10,000 characters
    fast = _detector_class()
    for text in texts:
        assert run(fast, text) == run(Detector, text), text
    assert run(fast, "12 345 !!!") == "No features in text."
    rows = _factory().word_lang_prob_map  # the rows built on demand are langdetect's
    assert len(rows) > 1000
    assert all(row == langdetect.word_lang_prob_map[word] for word, row in rows.items())
    assert rows.words == set(langdetect.word_lang_prob_map)


def test_text_all_in_one_script_is_not_run_through_langdetect(monkeypatch):
    """Korean, Japanese or Chinese with no letter of another script has confidence 1 whatever
    langdetect says (it is max(langdetect's probability, the script's share)): langdetect is
    not run (the same detections on FLORES-200's 13,500 sentences as with it)."""
    from mtsum import detect

    texts = {
        "ko": "서울시는 올해 외국인 투자가 크게 늘었다고 밝혔다",
        "ja": "東京都は今年の外国からの投資が大きく増えたと発表した",
        "zh-cn": "北京市政府表示今年外国投资大幅增长",
    }
    before = {lang: detect.detect_language(text) for lang, text in texts.items()}
    assert all(d.lang == lang and d.confidence == 1.0 for lang, d in before.items())

    def not_run(text):
        raise AssertionError("langdetect was run")

    monkeypatch.setattr(detect, "_langdetect", not_run)
    assert {lang: detect.detect_language(text) for lang, text in texts.items()} == before


def test_detector_draws_as_random_choice_does(monkeypatch):
    """The detector writes random.choice's draws out (getrandbits below the length); where
    choice drew otherwise it calls choice: the same probabilities either way."""
    from mtsum import detect

    assert detect._choice_draws_below()  # CPython's choice: the draws written out are used

    def probabilities(text):
        return _probabilities(detect._detector_class()(detect._factory()), text)

    texts = _texts()
    inline = [probabilities(t) for t in texts]
    detect._detector_class.cache_clear()
    monkeypatch.setattr(detect, "_choice_draws_below", lambda: False)
    try:
        assert [probabilities(t) for t in texts] == inline
    finally:
        detect._detector_class.cache_clear()


def _texts() -> list[str]:
    """The detection tests' texts and every paragraph of the seeds."""
    return TEXTS + [p for path in sorted(SEEDS.iterdir()) for p in read_article(path).paragraphs]


def _probabilities(detector, text):
    """A langdetect detector's probabilities for a text, or its error's message."""
    from langdetect.lang_detect_exception import LangDetectException

    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


def test_profiles_kept_packed_give_langdetect_s_rows(tmp_path):
    """The profiles parsed once are kept in the cache folder, packed: a run that reads them
    from there has the languages in the same order and every row the same, bit for bit; a
    damaged file, or profiles changed since, mean parsing them again."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from mtsum.detect import SEED, _PackedRows, _Profiles, _Rows

    langdetect = DetectorFactory()
    langdetect.load_profile(PROFILES_DIRECTORY)
    kept = tmp_path / "profiles.marshal"
    first = _Profiles(PROFILES_DIRECTORY, SEED, kept)
    assert isinstance(first.word_lang_prob_map, _Rows) and kept.is_file()
    again = _Profiles(PROFILES_DIRECTORY, SEED, kept)
    rows = again.word_lang_prob_map
    assert isinstance(rows, _PackedRows)
    assert again.langlist == langdetect.langlist and again.seed == SEED
    assert rows.words == set(langdetect.word_lang_prob_map)
    for word, row in langdetect.word_lang_prob_map.items():
        assert [v.hex() for v in rows[word]] == [v.hex() for v in row], word
    kept.write_bytes(kept.read_bytes()[:1000])
    assert isinstance(_Profiles(PROFILES_DIRECTORY, SEED, kept).word_lang_prob_map, _Rows)
    import marshal

    _Profiles(PROFILES_DIRECTORY, SEED, kept)  # written again
    stored = marshal.loads(kept.read_bytes())
    stored["listing"][0] = (stored["listing"][0][0], -1, 0)  # a profile changed since
    kept.write_bytes(marshal.dumps(stored))
    assert isinstance(_Profiles(PROFILES_DIRECTORY, SEED, kept).word_lang_prob_map, _Rows)
