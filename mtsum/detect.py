"""Stage 2, detect: the language of each article and of each of its paragraphs.

langdetect, seeded so that a text always gets the same answer, then corrected where the text
itself settles the question:

* the Unicode script: Hangul is Korean, kana is Japanese, and Han characters without either are
  Chinese, Simplified or Traditional by the characters themselves (``hanzidentifier``);
  langdetect alone calls most Traditional Chinese sentences Korean;
* Norwegian against Danish: spellings that differ between the two written standards
  ("av"/"af", "etter"/"efter", "-sjon"/"-tion", "øy"/"øj"...).

Texts with too few letters are reported as unreliable, not guessed.
``bench/eval_langid.py`` measures all this on FLORES-200.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _detector_class: langdetect's Detector, the same floating-point steps

from __future__ import annotations

import functools
import re
import struct
import unicodedata
from collections import Counter
from itertools import chain
from pathlib import Path

from mtsum.model import Detection  # noqa: F401 - re-exported

MIN_LETTERS = 20  # below this langdetect is a coin toss: report "too short", not a guess
MIXED_SHARE = 0.2  # a second language must hold this share of the letters to call it mixed

SEED = 0


class _Rows(dict):
    """langdetect's ``word_lang_prob_map`` (an n-gram's probability in each language), each
    row built the first time it is asked for, as ``DetectorFactory.add_profile`` builds it.
    A text meets a few thousand of the 87,598 n-grams; building them all was a third of a
    brief of the seeds."""

    def __init__(self, profiles: list[tuple[dict, list]], langsize: int) -> None:
        super().__init__()
        self._profiles = profiles
        self._langsize = langsize
        self.words = frozenset().union(*(freq for freq, _ in profiles))

    def __contains__(self, word) -> bool:
        return word in self.words

    def __missing__(self, word: str) -> list[float]:
        if word not in self.words:
            raise KeyError(word)
        row = [0.0] * self._langsize
        length = len(word)
        if 1 <= length <= 3:
            for index, (freq, n_words) in enumerate(self._profiles):
                if word in freq:
                    row[index] = 1.0 * freq[word] / n_words[length - 1]
        self[word] = row
        return row


class _Profiles:
    """What a langdetect Detector takes from its DetectorFactory: the languages in the order
    ``DetectorFactory.load_profile`` reads them (``os.listdir``'s), the n-grams'
    probabilities (:class:`_Rows`) and the seed. The profiles are only parsed here; langdetect
    gives every probability these give (``tests/test_detect.py``)."""

    def __init__(self, directory: str, seed: int, kept: Path | None = None) -> None:
        import json
        import os

        names = os.listdir(directory)
        self.seed = seed
        self.langlist: list[str] = []
        self.word_lang_prob_map: _Rows | _PackedRows
        listing = _listing(directory, names)
        packed = _load_packed(kept, listing) if kept is not None else None
        if packed is not None:
            self.langlist, self.word_lang_prob_map = packed
            return
        profiles = []
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            self.langlist.append(data["name"])
            profiles.append((data.get("freq") or {}, data.get("n_words") or [0, 0, 0]))
        self.word_lang_prob_map = _Rows(profiles, len(names))
        if kept is not None:
            _save_packed(kept, listing, self.langlist, profiles, len(names))


# The profiles parsed (JSON, 55 files) were a tenth of a brief of the seeds: each n-gram's
# non-zero probabilities are kept, packed, in one file of the cache folder, checked against
# the profiles' file names (in their order), sizes and times.
_PACKED = struct.Struct("<Hd")  # a language's index, the n-gram's probability in it


class _PackedRows(dict):
    """:class:`_Rows` from the kept file: each row made from its packed probabilities, the
    same numbers :class:`_Rows` computes (a float kept exactly)."""

    def __init__(self, packed: dict[str, bytes], langsize: int) -> None:
        super().__init__()
        self._packed = packed
        self._langsize = langsize
        self.words = frozenset(packed)

    def __contains__(self, word) -> bool:
        return word in self.words

    def __missing__(self, word: str) -> list[float]:
        row = [0.0] * self._langsize
        for index, value in _PACKED.iter_unpack(self._packed[word]):
            row[index] = value
        self[word] = row
        return row


def _listing(directory: str, names: list[str]) -> list:
    import os

    listing = []
    for name in names:
        try:
            stat = os.stat(os.path.join(directory, name))
        except OSError:
            return []
        listing.append((name, stat.st_size, stat.st_mtime_ns))
    return listing


def _load_packed(path: Path, listing: list):
    import marshal

    try:
        kept = marshal.loads(path.read_bytes())
        if kept["listing"] != listing or not listing:
            return None
        return list(kept["langlist"]), _PackedRows(kept["rows"], kept["langsize"])
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return None  # none yet, or damaged: parsed again


def _save_packed(path: Path, listing: list, langlist, profiles, langsize: int) -> None:
    import marshal
    import os

    if not listing:
        return
    entries: dict[str, list[bytes]] = {}
    try:
        for index, (freq, n_words) in enumerate(profiles):  # in index order, as _Rows fills
            for word, count in freq.items():
                length = len(word)
                if 1 <= length <= 3:
                    value = 1.0 * count / n_words[length - 1]
                    entries.setdefault(word, []).append(_PACKED.pack(index, value))
    except (ZeroDivisionError, IndexError, TypeError, struct.error):
        return  # a profile _Rows would fail on where it is read: not kept
    packed = {word: b"".join(entries.get(word, ())) for word in _Rows(profiles, langsize).words}
    kept = {"listing": listing, "langlist": langlist, "langsize": langsize, "rows": packed}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(kept))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a folder that cannot be written: parsed again


@functools.cache
def _factory() -> _Profiles:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from mtsum.settings import default_cache_dir

    return _Profiles(PROFILES_DIRECTORY, SEED, default_cache_dir() / "langdetect-profiles.marshal")


@functools.cache
def _detector_class():
    """langdetect's Detector with its per-character loops written for speed: the same
    algorithm, the same random draws and the same floating-point operations in the same order,
    so every probability is the one langdetect gives, bit for bit
    (``tests/test_detect.py::test_fast_detector_is_langdetect``). Language detection was more
    than half of a brief's time on the embedded defaults."""
    import numpy
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    normal: dict[str, str] = {}  # each character as NGram.normalize gives it
    table: dict[int, str] = {}  # the same, for str.translate
    words = re.compile("[^ ]+ ?").findall
    known = _factory().word_lang_prob_map.words
    probabilities = _factory().word_lang_prob_map
    width = len(_factory().langlist)
    # Every n-gram met has a number, and its probabilities are row number of ``grid``
    # (filled when the n-gram is first met): a text's n-grams are kept as these numbers, and
    # five draws' rows are taken from the grid at once.
    number: dict[str, int] = {}
    grid = [numpy.zeros((1024, width))]

    def number_of(gram: str) -> int:
        found = number.get(gram)
        if found is None:
            found = number[gram] = len(number)
            if found >= len(grid[0]):
                grid[0] = numpy.concatenate([grid[0], numpy.zeros_like(grid[0])])
            grid[0][found] = probabilities[gram]
        return found

    def word_ngrams(word: str) -> list[int]:
        """The n-grams NGram gives for ``word`` (a space after it, if any) after a space: at
        each character, its 1-, 2- and 3-gram in the profiles, except inside a run of capitals
        (a character and the one before both upper case); as their numbers."""
        s = " " + word
        out = []
        for k in range(1, len(s)):
            ch = s[k]
            if ch.isupper() and s[k - 1].isupper():
                continue
            grams = (ch, s[k - 1 : k + 1]) if k < 2 else (ch, s[k - 1 : k + 1], s[k - 2 : k + 1])
            for gram in grams:
                found = number.get(gram)
                if found is not None:
                    out.append(found)
                elif gram in known and gram != " ":
                    out.append(number_of(gram))
        return out

    class ByWord(dict):
        """A word's n-grams, made the first time it is met (at most 500,000 words kept)."""

        def __missing__(self, word: str) -> list[int]:
            if len(self) > 500_000:
                self.clear()
            found = self[word] = word_ngrams(word)
            return found

    by_word = ByWord()
    inline_choice = _choice_draws_below()
    spaces = re.compile(" +")
    latin = re.compile("[A-z]")  # what cleaning_text counts as Latin: "A" <= ch <= "z"
    beyond = re.compile("[^\x00-\u02ff]")  # ch >= "\u0300"

    class FastDetector(Detector):
        def append(self, text):
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            # a space after a space is dropped: runs of spaces become one
            self.text += spaces.sub(" ", text[: self.max_text_length])

        def cleaning_text(self):
            # langdetect counts a character from U+0300 on as non-Latin unless its
            # unicode_block() is "Latin Extended Additional": a block number, never that
            # name, so every such character counts
            text = self.text
            other = latin.sub("", text)
            latin_count = len(text) - len(other)
            non_latin_count = len(beyond.findall(other)) if not other.isascii() else 0
            if latin_count * 2 < non_latin_count:
                self.text = other

        def _extract_ngrams(self):
            # NGram.add_char restarts its buffer at each space, so a text's n-grams are those
            # of its words one by one (each with the space after it, if any), kept per word,
            # as the numbers of their rows in the grid.
            text = self.text
            for ch in set(text).difference(normal):
                normal[ch] = NGram.normalize(ch)
                table[ord(ch)] = normal[ch]
            text = text.translate(table)
            return list(chain.from_iterable(map(by_word.__getitem__, words(text))))

        def _detect_block(self):
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            rng = self.random
            rng.seed(self.seed)
            choice, getrandbits = rng.choice, rng.getrandbits
            n, bits = len(ngrams), len(ngrams).bit_length()
            rows = grid[0]
            langprob = numpy.zeros(len(self.langlist))
            limit, threshold = self.ITERATION_LIMIT, self.CONV_THRESHOLD

            def draws(count: int) -> list[int]:
                """The n-grams of the next ``count`` draws of choice(ngrams)."""
                if not inline_choice:
                    return [choice(ngrams) for _ in range(count)]
                # choice's two calls written out: the first getrandbits(bits) below n
                out = [ngrams[k] for k in [getrandbits(bits) for _ in range(count)] if k < n]
                while len(out) < count:  # some were n or more: drawn again, in turn
                    out += [ngrams[k] for k in [getrandbits(bits)] if k < n]
                return out

            for _ in range(self.n_trial):
                prob = numpy.array(self._init_probability())
                alpha = self.alpha + rng.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                weight = alpha / self.BASE_FREQ
                # langdetect multiplies prob by (weight + the drawn n-gram's row) at each
                # draw i, and normalises after draws 0, 5, 10, ...: the draws between two
                # normalisations are multiplied in together, in order (a product reduced
                # along the rows is the same steps, elementwise, as one row after another)
                prob *= weight + rows[draws(1)[0]]
                i = 0
                while True:
                    values = prob.tolist()
                    total = sum(values)  # summed in order, as Python sums
                    prob /= total
                    if max(values) / total > threshold or i >= limit:
                        break  # the largest of prob / total, as numpy's max gives it
                    factors = rows.take(draws(5), axis=0)
                    factors += weight
                    factors[0] *= prob
                    prob = numpy.multiply.reduce(factors, axis=0)
                    i += 5
                langprob += prob / self.n_trial
            self.langprob = langprob.tolist()

    return FastDetector


def _choice_draws_below() -> bool:
    """Whether ``random.Random.choice(seq)`` is ``seq[k]`` for the first ``k`` below
    ``len(seq)`` of ``getrandbits(len(seq).bit_length())`` draws, as CPython's does (then the
    detector draws so itself, without two calls a draw); checked on a few thousand draws."""
    import random

    a, b = random.Random(20240601), random.Random(20240601)
    for n in (1, 2, 3, 5, 8, 100, 1000, 4097, 65536):
        bits = n.bit_length()
        for _ in range(300):
            k = b.getrandbits(bits)
            while k >= n:
                k = b.getrandbits(bits)
            if a.choice(range(n)) != k:
                return False
    return True


def _langdetect(text: str) -> list[tuple[str, float]]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_class()(_factory())
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


# --- scripts -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _script(ch: str) -> str | None:
    o = ord(ch)
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    if ch.isalpha() or unicodedata.category(ch).startswith("M"):  # Devanagari vowel signs
        return "other"
    return None


def script_counts(text: str) -> Counter:
    """Letters per script: each distinct character is looked at once."""
    counts: Counter = Counter()
    for ch, n in Counter(text).items():
        script = _script(ch)
        if script:
            counts[script] += n
    return counts


def _by_script(scripts: Counter) -> tuple[str, float] | None:
    """The language that the script alone decides, with the share of letters behind it."""
    letters = sum(scripts.values())
    cjk = scripts["hangul"] + scripts["kana"] + scripts["han"]
    if not letters or cjk / letters < 0.5:
        return None
    if scripts["hangul"] >= max(scripts["kana"], 0.1 * cjk):
        return "ko", cjk / letters
    if scripts["kana"] >= 0.05 * cjk:
        return "ja", cjk / letters
    return "zh", scripts["han"] / letters


def _chinese_variant(text: str, ranked: list[tuple[str, float]] | None) -> str:
    """zh-tw or zh-cn by the characters; where they do not tell, langdetect's preference
    (``ranked``, run here when None)."""
    import hanzidentifier

    kind = hanzidentifier.identify(text)
    if kind == hanzidentifier.TRADITIONAL:
        return "zh-tw"
    if kind == hanzidentifier.SIMPLIFIED:
        return "zh-cn"
    for lang, _ in _langdetect(text) if ranked is None else ranked:  # characters of both
        if lang in ("zh-cn", "zh-tw"):
            return lang
    return "zh-cn"


# --- Norwegian (Bokmål and Nynorsk) against Danish --------------------------------------------

# Word forms that differ between the written standards: (Norwegian, Danish) pairs.
_NO_DA_PAIRS = [
    ("av", "af"),
    ("hva", "hvad"),
    ("meg", "mig"),
    ("deg", "dig"),
    ("seg", "sig"),
    ("noen", "nogle"),
    ("noe", "noget"),
    ("etter", "efter"),
    ("hadde", "havde"),
    ("ble", "blev"),
    ("blir", "bliver"),
    ("mellom", "mellem"),
    ("uten", "uden"),
    ("ut", "ud"),
    ("opp", "op"),
    ("mye", "meget"),
    ("nå", "nu"),
    ("mot", "mod"),
    ("gjennom", "gennem"),
    ("enn", "end"),
    ("igjen", "igen"),
    ("annen", "anden"),
    ("annet", "andet"),
    ("hjelp", "hjælp"),
    ("sier", "siger"),
    ("sa", "sagde"),
    ("fikk", "fik"),
    ("gikk", "gik"),
    ("tok", "tog"),
    ("kanskje", "måske"),
    ("litt", "lidt"),
    ("viktig", "vigtig"),
    ("viktige", "vigtige"),
    ("skje", "ske"),
    ("slik", "sådan"),
    ("dessuten", "desuden"),
    ("begynte", "begyndte"),
    ("kvinner", "kvinder"),
    ("menn", "mænd"),
    ("språk", "sprog"),
    ("bok", "bog"),
    ("spørsmål", "spørgsmål"),
    ("regjeringen", "regeringen"),
    ("regjering", "regering"),
    ("lege", "læge"),
    ("sykdom", "sygdom"),
    ("vanlig", "almindelig"),
    ("fortsatt", "stadig"),
    ("arbeid", "arbejde"),
    ("vei", "vej"),
    ("høy", "høj"),
    ("høyt", "højt"),
    ("øye", "øje"),
    ("øyne", "øjne"),
]
# Nynorsk forms count for Norwegian too.
_NO_WORDS = {no for no, _ in _NO_DA_PAIRS} | {"ikkje", "kva", "eit", "berre", "dei"}
_DA_WORDS = {da for _, da in _NO_DA_PAIRS}
_NO_SUFFIX = re.compile(r"(sjon|sjonen|sjoner|sjonene|heten|het)$|øy")
_DA_SUFFIX = re.compile(r"(tion|tionen|tioner|tionerne|heden|hed)$|øj")
_WORD = re.compile(r"\w+")


def norwegian_or_danish(text: str) -> str | None:
    """ "no" or "da" where the spelling says so, None where it does not tell."""
    score = 0
    for word in _WORD.findall(text.lower()):
        if word in _NO_WORDS:
            score += 1
        elif word in _DA_WORDS:
            score -= 1
        elif len(word) > 4:
            if _NO_SUFFIX.search(word):
                score += 1
            elif _DA_SUFFIX.search(word):
                score -= 1
    return "no" if score > 0 else "da" if score < 0 else None


# --- the detector --------------------------------------------------------------------------


def detect_language(text: str, *, scripts: Counter | None = None) -> Detection:
    """The language of one piece of text (no paragraph analysis). ``scripts``: its
    :func:`script_counts`, where they are known already."""
    if scripts is None:
        scripts = script_counts(text)
    letters = sum(scripts.values())
    cjk = scripts["hangul"] + scripts["kana"] + scripts["han"]
    if letters < MIN_LETTERS and not (cjk and letters >= MIN_LETTERS // 4):
        return Detection(None, 0.0, False, reason=f"too short to tell ({letters} letters)")
    decided = _by_script(scripts)
    if decided and decided[1] == 1.0:
        # Every letter in the script: its confidence is 1 whatever langdetect gives (at most
        # 1), so langdetect runs only where Chinese characters do not tell the variant.
        lang = decided[0]
        if lang == "zh":
            lang = _chinese_variant(text, None)
        return Detection(lang, 1.0, True)
    ranked = _langdetect(text)
    if decided:
        lang, share = decided
        if lang == "zh":
            lang = _chinese_variant(text, ranked)
        prob = dict(ranked).get(lang, 0.0)
        return Detection(lang, round(max(prob, share), 4), True)
    if not ranked:
        return Detection(None, 0.0, False, reason="no language recognised")
    lang, prob = ranked[0]
    if lang in ("no", "da"):
        spelled = norwegian_or_danish(text)
        if spelled and spelled != lang:
            prob = dict(ranked).get(spelled, 1.0 - prob)
            lang, prob = spelled, max(prob, 0.5)
    reliable = prob >= 0.5
    return Detection(
        lang,
        round(prob, 4),
        reliable,
        reason=None if reliable else f"uncertain (best guess {lang}, p={prob:.2f})",
    )


RECHECK_CONFIDENCE = 0.9  # below this, every paragraph is checked on its own
RECHECK_STOPWORDS = 0.5  # a paragraph with under half the article's share of its stopwords


def _dominant_script(counts: Counter) -> str | None:
    """The script with the most letters (of :func:`script_counts`)."""
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def _stopwords_in(text: str, stop) -> tuple[int, int]:
    """(the stopwords among the words of ``text``, its words)."""
    from mtsum.sentences import words

    tokens = words(text)
    return (sum(map(stop.__contains__, tokens)) if stop else 0), len(tokens)


def _suspects(paragraphs, whole: Detection, scripts: list[Counter]) -> list[int]:
    """Paragraphs that may be in another language than the article: a different script, or
    far fewer of the article language's stopwords than the article as a whole. Only these
    are run through langdetect again (detecting every paragraph was half the time of a brief
    of 10,000 articles); all of them when the article's own detection is not confident."""
    if whole.confidence < RECHECK_CONFIDENCE:
        return list(range(len(paragraphs)))
    from mtsum.sentences import stopwords

    # the text's letters and words are its paragraphs' ("\n" is neither): counted once
    script = _dominant_script(sum(scripts, Counter()))
    stop = stopwords(whole.lang)
    counted = [_stopwords_in(p, stop) for p in paragraphs]
    words = sum(n for _, n in counted)
    share = sum(h for h, _ in counted) / words if words and stop else 0.0
    out = []
    for k in range(len(paragraphs)):
        if _dominant_script(scripts[k]) not in (script, None):
            out.append(k)
            continue
        hits, tokens = counted[k]
        if share > 0 and tokens >= 8 and hits / tokens < RECHECK_STOPWORDS * share:
            out.append(k)
    return out


def detect_article(paragraphs: tuple[str, ...] | list[str]) -> Detection:
    """Whole-text language, plus per-paragraph languages; "mixed" when they disagree.

    The article is detected once; a paragraph is detected on its own only where something
    suggests another language (:func:`_suspects`), and otherwise takes the article's."""
    text = "\n".join(paragraphs)
    # each paragraph's letters per script, and the text's their sum ("\n" is no letter):
    # every character is counted once
    scripts = [script_counts(p) for p in paragraphs]
    whole = detect_language(text, scripts=sum(scripts, Counter()))
    if not whole.known:
        per = [detect_language(p, scripts=c) for p, c in zip(paragraphs, scripts)]
        langs = tuple(d.lang if d.reliable else None for d in per)
        return Detection(None, whole.confidence, False, False, langs, whole.reason)
    checked = {
        k: detect_language(paragraphs[k], scripts=scripts[k])
        for k in _suspects(paragraphs, whole, scripts)
    }
    langs = []
    weight = Counter()
    for k, paragraph in enumerate(paragraphs):
        letters = sum(map(str.isalpha, paragraph))
        if k in checked:
            d = checked[k]
            lang = d.lang if d.reliable else None
        else:
            lang = whole.lang if letters >= MIN_LETTERS else None
        langs.append(lang)
        if lang:
            weight[lang] += letters
    total = sum(weight.values())
    others = (
        {lang: w for lang, w in weight.items() if lang != whole.lang and w / total >= MIXED_SHARE}
        if total
        else {}
    )
    mixed = bool(others)
    reason = whole.reason
    if mixed:
        shares = ", ".join(f"{lang} {w / total:.0%}" for lang, w in sorted(others.items()))
        reason = f"paragraphs disagree: mostly {whole.lang}, also {shares}"
    return Detection(whole.lang, whole.confidence, whole.reliable, mixed, tuple(langs), reason)
