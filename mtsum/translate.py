"""Stage 3, translate: route each article to the model for its language pair.

English articles need nothing for the English part; other articles are translated into English
sentence by sentence. The Vietnamese part uses the Vietnamese source itself, or English->
Vietnamese translations of the English summaries. Text is split into paragraphs, then sentences;
a sentence longer than the model's input limit is split further (and that is reported), never
truncated; sentences are batched by length under a token budget; results are cached by content.
Every translated sentence is checked for its numbers (:func:`mtsum.numbers.check_numbers`):
scale, unit and value, both ways.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _translate_sentences: cache, batching, executor and number check of one model

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from mtsum.backends import Backends, Translator
from mtsum.batching import cap_step
from mtsum.cache import NoCache, cache_key
from mtsum.errors import ModelUnavailable, TranslationFailed
from mtsum.executors import make_executor
from mtsum.model import Sentence, Status, Translation  # noqa: F401 - re-exported
from mtsum.numbers import check_numbers
from mtsum.registry import ModelSpec, Registry, normalize_lang
from mtsum.sentences import split_sentences

log = logging.getLogger(__name__)

# status of a text in a given output language
SOURCE, TRANSLATED, UNTRANSLATED = Status.SOURCE, Status.TRANSLATED, Status.UNTRANSLATED


def sentence_paragraphs(paragraphs: Sequence[str], lang: str | None) -> list[list[str]]:
    """Each paragraph's sentences (:func:`mtsum.sentences.split_sentences`). The last few
    texts' are kept (:func:`keep_split`): a text is split where it is read (for its figures)
    and again where it is translated or shown as it is."""
    key = (lang, tuple(paragraphs))
    found = _SPLITS.get(key)
    if found is None:
        found = tuple(tuple(split_sentences(p, lang)) for p in paragraphs)
        keep_split(paragraphs, lang, found)
    return [list(p) for p in found]


SPLITS_KEPT = 1_024  # texts whose sentences are kept (a window and the texts read ahead of it)
_SPLITS: dict[tuple[str | None, tuple[str, ...]], tuple[tuple[str, ...], ...]] = {}
_SPLITS_LOCK = threading.Lock()


def keep_split(
    paragraphs: Sequence[str], lang: str | None, sentences: Sequence[Sequence[str]]
) -> None:
    """Keep ``sentences``, the split of ``paragraphs`` in ``lang`` made elsewhere (a reading
    process's, :attr:`mtsum.prepare.Prepared.sentences`), for :func:`sentence_paragraphs`:
    the same text in the same language is split the same way, so it is not split again.
    The oldest kept split goes beyond :data:`SPLITS_KEPT`."""
    key = (lang, tuple(paragraphs))
    kept = tuple(tuple(p) for p in sentences)
    with _SPLITS_LOCK:  # a reading thread keeps splits too
        _SPLITS.pop(key, None)
        _SPLITS[key] = kept
        while len(_SPLITS) > SPLITS_KEPT:
            del _SPLITS[next(iter(_SPLITS))]


def as_source(
    paragraphs: Sequence[str], lang: str | None, target: str, status: str, reason: str | None = None
) -> Translation:
    """The text as it is: in the target language already, or untranslated."""
    return Translation(
        lang,
        target,
        status,
        tuple(tuple(Sentence(s, s) for s in p) for p in sentence_paragraphs(paragraphs, lang)),
        reason=reason,
    )


class TranslationEngine:
    """Translates text with models loaded lazily, once per run, and a content cache.

    A model is looked up (folder, revision, limits) without loading it; it is loaded only when
    some sentence is not in the cache, so a re-run over the same articles loads no model.
    ``models`` describes and loads the models (:class:`mtsum.backends.Backends` by default;
    tests and benchmarks give a stand-in with the same ``describe(spec)`` and
    ``translator(spec, beam=)``); ``executor`` runs the work (:mod:`mtsum.executors`).
    """

    def __init__(
        self,
        settings,
        *,
        registry: Registry | None = None,
        cache=None,
        models=None,
        executor=None,
    ):
        self.settings = settings
        self.registry = registry or Registry(settings.models)
        self.cache = cache if cache is not None else NoCache()
        self.models = models if models is not None else Backends.from_settings(settings)
        # Summaries share the run's backends (their notes, loaded weights).
        self.backends = (
            self.models if isinstance(self.models, Backends) else Backends.from_settings(settings)
        )
        self._loaded: dict[str, Translator | ModelUnavailable] = {}
        self._described: dict[str, object] = {}
        self.model_calls = 0  # sentences sent to a model (not served from the cache)
        self.split_sentences = 0  # sentences too long for the model, split further
        self.executor = executor if executor is not None else make_executor(settings)
        self._memo: dict[str, str] = {}  # the open windows' translations, by cache key
        self._windows = 0  # windows open (:meth:`window`)

    @contextmanager
    def window(self, jobs: Iterable[tuple[Sequence[str], str | None, str]]) -> Iterator[None]:
        """Translate the sentences of many texts together, for the texts' own
        :meth:`translate` calls inside the ``with`` block: ``jobs`` are (paragraphs, source,
        target); each model gets all their new sentences at once, so batches are full and
        sorted by length across articles. The translations are kept (and cached) until the
        outermost window closes; windows nest. A failure here is not an error: each text is
        then translated alone, and fails alone."""
        self._windows += 1
        try:
            self._prefetch(jobs)
            yield
        finally:
            self._windows -= 1
            if not self._windows:
                self._memo.clear()

    def _prefetch(self, jobs: Iterable[tuple[Sequence[str], str | None, str]]) -> None:
        wanted: dict[tuple[str, str], list[str]] = {}
        usable: dict[tuple[str, str], bool] = {}
        for paragraphs, source, target in jobs:
            if source is None or normalize_lang(source) == normalize_lang(target):
                continue
            pair = (source, target)
            if pair not in usable:
                usable[pair] = self._routed(source, target)
            if usable[pair]:  # split into sentences only what a model may translate
                wanted.setdefault(pair, []).extend(
                    s for p in sentence_paragraphs(paragraphs, source) for s in p
                )
        for (source, target), sentences in wanted.items():
            spec = self.spec(source, target)
            try:
                info = self.describe(spec)
                self._translate_sentences(info, spec, list(dict.fromkeys(sentences)), None)
            except ModelUnavailable:
                continue  # each text says so when it is translated
            except Exception as exc:  # noqa: BLE001 - kept to the texts, each alone
                log.info(
                    "translating %s->%s together failed (%s): one text at a time",
                    source,
                    target,
                    exc,
                )

    def _routed(self, source: str, target: str) -> bool:
        """Whether a model is routed for the pair and not known to be unavailable."""
        spec = self.spec(source, target)
        if spec is None or not self.settings.translate:
            return False
        try:
            self.describe(spec)
        except ModelUnavailable:
            return False
        except Exception:  # noqa: BLE001 - said where the pair is translated
            return True
        return True

    def close(self) -> None:
        self.executor.close()

    def spec(self, source: str, target: str) -> ModelSpec | None:
        return self.registry.translation(source, target)

    @staticmethod
    def _key(spec: ModelSpec) -> str:
        return f"{spec.model}@{spec.revision}:{spec.source}-{spec.target}"

    def describe(self, spec: ModelSpec):
        """The model's identity, limits and backend (a ModelInfo: ``model_id``, ``revision``,
        ``max_input_tokens``, ``label``), nothing loaded; raises ModelUnavailable (remembered
        for the run)."""
        key = self._key(spec)
        if key not in self._described:
            try:
                self._described[key] = self.executor.describe(self.models, spec)
            except ModelUnavailable as exc:
                self._described[key] = exc
                self._loaded[key] = exc
        found = self._described[key]
        if isinstance(found, ModelUnavailable):
            raise found
        return found

    def translator(self, spec: ModelSpec) -> Translator:
        """The loaded model for ``spec``; raises ModelUnavailable (remembered for the run)."""
        key = self._key(spec)
        if key not in self._loaded:
            try:
                log.info("loading %s", spec.model)
                self._loaded[key] = self.models.translator(spec, beam=self.settings.beam)
            except ModelUnavailable as exc:
                self._loaded[key] = exc
        loaded = self._loaded[key]
        if isinstance(loaded, ModelUnavailable):
            raise loaded
        return loaded

    def backend_label(self, spec: ModelSpec) -> str | None:
        """ "CTranslate2 int8" or "transformers": what runs (or would run) ``spec``."""
        try:
            return self.describe(spec).label
        except ModelUnavailable:
            return None

    @property
    def loaded_models(self) -> list[str]:
        """The models this run actually loaded (not those it only looked up)."""
        return [
            getattr(m, "model_id", "?")
            for m in self._loaded.values()
            if not isinstance(m, ModelUnavailable)
        ]

    @property
    def unavailable(self) -> list[ModelUnavailable]:
        return [v for v in self._loaded.values() if isinstance(v, ModelUnavailable)]

    def translate(
        self,
        paragraphs: Sequence[str],
        source: str | None,
        target: str,
        progress: Callable[[int], None] | None = None,
    ) -> Translation:
        """Translate paragraphs (each split into sentences) from ``source`` into ``target``."""
        if source is None:
            return as_source(paragraphs, source, target, UNTRANSLATED, "language unknown")
        if normalize_lang(source) == normalize_lang(target):
            return as_source(paragraphs, source, target, SOURCE)
        spec = self.spec(source, target)
        if spec is None or not self.settings.translate:
            reason = "translation turned off" if spec else f"no model routes {source}->{target}"
            return as_source(paragraphs, source, target, UNTRANSLATED, reason)
        try:
            info = self.describe(spec)
        except ModelUnavailable as exc:
            return as_source(paragraphs, source, target, UNTRANSLATED, str(exc))
        sentences = sentence_paragraphs(paragraphs, source)
        flat = [s for p in sentences for s in p]
        try:
            texts = self._translate_sentences(info, spec, flat, progress)
        except ModelUnavailable as exc:  # found, but it failed to load
            return as_source(paragraphs, source, target, UNTRANSLATED, str(exc))
        out, k = [], 0
        for p in sentences:
            row = []
            for s in p:
                translated, was_split = texts[k]
                check = check_numbers(s, source, translated, target)
                row.append(Sentence(s, translated, check.missing, was_split, check.unexpected))
                k += 1
            out.append(tuple(row))
        return Translation(
            source,
            target,
            TRANSLATED,
            tuple(out),
            model=spec.model,
            backend=self.describe(spec).label,
        )

    def _lookup(self, info, spec: ModelSpec, sentences: list[str], limit: int):
        """The sentences' cache keys, and what the open windows or the cache hold of them."""
        # The backend and its quantization are part of the key: int8 output is not fp32's.
        # So is the output cap's rule: a cached answer was made under the same one.
        params = {
            "beam": self.settings.beam,
            "limit": limit,
            "prefix": spec.prefix,
            "src": spec.source,
            "tgt": spec.target,
            "backend": info.label,
            "cap": f"2n+10/{cap_step(self.settings.beam)}",
        }
        keys = [cache_key("translate", info.model_id, info.revision, params, s) for s in sentences]
        cached = {k: self._memo[k] for k in keys if k in self._memo}
        cached.update(self.cache.get_many([k for k in keys if k not in cached]))
        return keys, cached

    def _translate_sentences(
        self, info, spec: ModelSpec, sentences: list[str], progress
    ) -> list[tuple[str, bool]]:
        limit = self.settings.max_input_tokens or info.max_input_tokens
        keys, cached = self._lookup(info, spec, sentences, limit)
        # Loaded here only for new work, and only when this process runs the model.
        model = None
        if len(cached) < len(set(keys)) and self.executor.local:
            model = self.translator(spec)
            if model.label != info.label:
                # The backend fell back while loading (a failed conversion): key by what ran.
                self._described.pop(self._key(spec), None)
                info = self.describe(spec)
                keys, cached = self._lookup(info, spec, sentences, limit)
        todo = [i for i, key in enumerate(keys) if key not in cached]
        if progress and len(todo) < len(sentences):
            progress(len(sentences) - len(todo))
        # Cached values are JSON: the translation and whether the source had to be split.
        results: dict[str, tuple[str, bool]] = {
            k: (v["text"], v["split"]) for k, v in ((k, json.loads(v)) for k, v in cached.items())
        }
        first = {}
        for i in todo:  # one sentence twice is translated once
            first.setdefault(keys[i], i)
        todo_keys = list(first)
        todo_texts = [sentences[i] for i in first.values()]
        for done in self.executor.run(
            spec, info, model, todo_texts, limit, self.settings, stats=self
        ):  # as batches complete: {index in todo_texts: (text, split)}
            finished = {todo_keys[j]: result for j, result in done.items()}
            self.model_calls += len(finished)
            values = {
                k: json.dumps({"text": t, "split": sp}, ensure_ascii=False)
                for k, (t, sp) in finished.items()
            }
            self.cache.put_many(values)  # as work completes
            if self._windows:
                self._memo.update(values)
            results.update(finished)
            if progress:
                progress(len(finished))
        missing = [k for k in keys if k not in results]
        if missing:
            raise TranslationFailed(
                f"{len(missing)} sentence(s) came back untranslated from {self.executor.name}"
            )
        return [results[k] for k in keys]


def translate_document(
    paragraphs: Sequence[str],
    target: str,
    engine: TranslationEngine,
    *,
    source: str | None = None,
    model: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Translation:
    """Translate one document on demand (``mtsum translate``).

    The source language is detected unless given. Into Vietnamese from a language other than
    English, the text goes through English (X->en, then en->vi), unless ``model`` names a
    model for the pair itself. Raises ModelUnavailable when a model it needs is missing.
    """
    from mtsum.detect import detect_article
    from mtsum.errors import UsageError

    if source is None:
        detection = detect_article(list(paragraphs))
        if not detection.known:
            raise UsageError(f"cannot tell the language ({detection.reason}); give --from")
        source = detection.lang
    source, target = normalize_lang(source), normalize_lang(target)
    if model:
        engine.registry.overrides[f"{source}-{target}"] = model
    steps = [(source, target)]
    if target != "en" and source != "en" and not model:
        steps = [(source, "en"), ("en", target)]
    result = None
    for src, tgt in steps:
        spec = engine.spec(src, tgt)
        if spec is not None:
            engine.translator(spec)  # raises ModelUnavailable with the fix
        result = engine.translate(paragraphs, src, tgt, progress=progress)
        paragraphs = [" ".join(s.text for s in p) for p in result.paragraphs]
    return result
