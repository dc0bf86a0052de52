"""Stage 3, translate: route each article to the model for its language pair.

English articles need nothing for the English part; other articles are translated into English
sentence by sentence. The Vietnamese part uses the Vietnamese source itself, or English->
Vietnamese translations of the English summaries. Text is split into paragraphs, then sentences;
a sentence longer than the model's input limit is split further (and that is reported), never
truncated; sentences are batched by length under a token budget; results are cached by content.
Every translated sentence is checked for its numbers (:func:`mtsum.numbers.check_numbers`):
scale, unit and value, both ways.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence

from mtsum.backends import Translator
from mtsum.backends.hf import decoding_cap
from mtsum.cache import NoCache, cache_key
from mtsum.chunks import pack, split_to_fit
from mtsum.errors import ModelUnavailable
from mtsum.model import Sentence, Status, Translation  # noqa: F401 - re-exported
from mtsum.numbers import check_numbers
from mtsum.registry import ModelSpec, Registry, normalize_lang
from mtsum.sentences import split_sentences

log = logging.getLogger(__name__)

# status of a text in a given output language
SOURCE, TRANSLATED, UNTRANSLATED = Status.SOURCE, Status.TRANSLATED, Status.UNTRANSLATED


def sentence_paragraphs(paragraphs: Sequence[str], lang: str | None) -> list[list[str]]:
    return [split_sentences(p, lang) for p in paragraphs]


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


def split_long(sentence: str, fits: Callable[[str], bool]) -> list[str]:
    """A sentence too long for the model, in pieces that each fit (:func:`split_to_fit`)."""
    return split_to_fit(sentence, fits)


# Output caps: about twice the input, rounded up to a multiple of 16 (so sentences of near
# lengths share a batch), never over the model's limit. A cap depends on its sentence alone,
# never on the batch, so the cache holds one answer per sentence whatever the run's history.
CAP_STEP = 16


def make_batches(
    lengths: Sequence[int], batch_size: int, batch_tokens: int, caps: Sequence[int] | None = None
) -> list[list[int]]:
    """Indices grouped into batches of similar length: padded size within ``batch_tokens``,
    at most ``batch_size`` each, and (with ``caps``) one output cap per batch."""
    caps = caps or [0] * len(lengths)
    order = sorted(range(len(lengths)), key=lambda i: (caps[i], lengths[i], i))
    batches: list[list[int]] = []
    for cap in dict.fromkeys(caps[i] for i in order):
        bucket = [i for i in order if caps[i] == cap]
        batches.extend(
            pack(
                bucket,
                lambda g: (
                    len(g) <= batch_size and max(lengths[i] for i in g) * len(g) <= batch_tokens
                ),
            )
        )
    return batches


class TranslationEngine:
    """Translates text with models loaded lazily, once per run, and a content cache.

    A model is looked up (folder, revision, limits) without loading it; it is loaded only when
    some sentence is not in the cache, so a re-run over the same articles loads no model.
    ``loader`` replaces the backends (tests, benchmarks): ``loader(spec, beam=, download=)``.
    """

    def __init__(
        self,
        settings,
        *,
        registry: Registry | None = None,
        cache=None,
        loader: Callable[..., Translator] | None = None,
        backends=None,
        executor=None,
    ):
        from mtsum.backends import Backends
        from mtsum.executors import make_executor

        self.settings = settings
        self.registry = registry or Registry(settings.models)
        self.cache = cache if cache is not None else NoCache()
        self.loader = loader
        self.backends = backends or Backends.from_settings(settings)
        self._loaded: dict[str, Translator | ModelUnavailable] = {}
        self._described: dict[str, object] = {}
        self.model_calls = 0  # sentences sent to a model (not served from the cache)
        self.split_sentences = 0  # sentences too long for the model, split further
        # A custom loader is a model in this process: it runs locally.
        self.executor = executor or (make_executor(settings) if loader is None else None)
        if self.executor is None:
            from mtsum.executors import LocalExecutor

            self.executor = LocalExecutor()
        self._memo: dict[str, str] = {}  # a window's translations (prefetch), by cache key

    def prefetch(self, jobs: Iterable[tuple[Sequence[str], str | None, str]]) -> None:
        """Translate the sentences of many texts together: ``jobs`` are (paragraphs, source,
        target); each model gets all their new sentences at once, so batches are full and
        sorted by length across articles. The translations are kept until :meth:`forget`
        (and cached), so the texts' own :meth:`translate` calls find them. A failure here is
        not an error: each text is then translated alone, and fails alone."""
        wanted: dict[tuple[str, str], list[str]] = {}
        for paragraphs, source, target in jobs:
            if source is None or normalize_lang(source) == normalize_lang(target):
                continue
            wanted.setdefault((source, target), []).extend(
                s for p in sentence_paragraphs(paragraphs, source) for s in p
            )
        for (source, target), sentences in wanted.items():
            spec = self.spec(source, target)
            if spec is None or not self.settings.translate:
                continue
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

    def forget(self) -> None:
        """Drop the window's translations (they stay in the cache)."""
        self._memo.clear()

    def close(self) -> None:
        self.executor.close()

    def spec(self, source: str, target: str) -> ModelSpec | None:
        return self.registry.translation(source, target)

    @staticmethod
    def _key(spec: ModelSpec) -> str:
        return f"{spec.model}@{spec.revision}:{spec.source}-{spec.target}"

    def describe(self, spec: ModelSpec):
        """The model's identity and limits (a ModelInfo, or the model itself when a custom
        loader is used); raises ModelUnavailable (remembered for the run)."""
        if self.loader is not None:
            return self.translator(spec)
        key = self._key(spec)
        if key not in self._described:
            try:
                self._described[key] = self.executor.describe(self.backends, spec)
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
                if self.loader is not None:
                    self._loaded[key] = self.loader(
                        spec, beam=self.settings.beam, download=self.settings.download
                    )
                else:
                    self._loaded[key] = self.backends.translator(
                        spec,
                        beam=self.settings.beam,
                        generate_options=self.settings.generate_options,
                    )
            except ModelUnavailable as exc:
                self._loaded[key] = exc
        loaded = self._loaded[key]
        if isinstance(loaded, ModelUnavailable):
            raise loaded
        return loaded

    def backend_label(self, spec: ModelSpec) -> str | None:
        """ "CTranslate2 int8" or "transformers": what runs (or would run) ``spec``."""
        try:
            return getattr(self.describe(spec), "label", None)
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
            backend=getattr(self.describe(spec), "label", None),
        )

    def _translate_sentences(
        self, info, spec: ModelSpec, sentences: list[str], progress
    ) -> list[tuple[str, bool]]:
        limit = self.settings.max_input_tokens or info.max_input_tokens
        # The backend and its quantization are part of the key: int8 output is not fp32's.
        # So is the output cap's rule: a cached answer was made under the same one.
        params = {
            "beam": self.settings.beam,
            "limit": limit,
            "prefix": spec.prefix,
            "src": spec.source,
            "tgt": spec.target,
            "backend": getattr(info, "label", None),
            "cap": f"2n+10/{CAP_STEP}",
        }
        keys = [cache_key("translate", info.model_id, info.revision, params, s) for s in sentences]
        # The window's translations (prefetch) first, then the cache.
        cached = {k: self._memo[k] for k in keys if k in self._memo}
        cached.update(self.cache.get_many([k for k in keys if k not in cached]))
        todo = [i for i, key in enumerate(keys) if key not in cached]
        # Loaded here only for new work, and only when this process runs the model.
        model = self.translator(spec) if todo and self.executor.local else None
        if model is not None and getattr(model, "label", None) != params["backend"]:
            # The backend fell back while loading (a failed conversion): key by what ran.
            self._described.pop(self._key(spec), None)
            return self._translate_sentences(self.describe(spec), spec, sentences, progress)
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


class TranslationFailed(RuntimeError):
    """Some sentences could not be translated (a worker that failed every retry)."""


def translate_pieces(
    model: Translator,
    sentences: Sequence[str],
    limit: int,
    batch_size: int,
    batch_tokens: int,
    stats=None,
    chunks: Sequence[Sequence[int]] | None = None,
) -> Iterator[dict[int, tuple[str, bool]]]:
    """Translate ``sentences`` with a loaded ``model``, yielding ``{index: (translation,
    split)}`` as batches complete. A sentence over the model's input limit is split into
    pieces that fit (their translations joined; ``split`` says so); sentences are batched by
    length and output cap (:func:`make_batches`), and the cap depends on each sentence alone,
    so a sentence's translation does not depend on what it is batched with. ``chunks`` (lists
    of indices into ``sentences``): batches are made within each chunk, as a Ray worker given
    that chunk alone would make them (:func:`mtsum.executors.chunks_of`), and all are decoded
    in one stream. The same code runs in this process and in a Ray worker."""
    split_flags: dict[int, bool] = {}
    pieces: list[str] = []
    owner: list[int] = []
    for i, sentence in enumerate(sentences):
        parts = split_to_fit(sentence, lambda t: model.count_tokens([t])[0] <= limit)
        if len(parts) > 1:
            if stats is not None:
                stats.split_sentences += 1
            split_flags[i] = True
            log.warning(
                "a sentence of %d characters is longer than %s's input limit "
                "(%d tokens): translated in %d parts",
                len(sentence),
                model.model_id,
                limit,
                len(parts),
            )
        pieces.extend(parts)
        owner.extend([i] * len(parts))
    lengths = model.count_tokens(pieces) if pieces else []
    caps = [decoding_cap(n, limit) for n in lengths]
    translated_pieces: list[str] = [""] * len(pieces)
    pieces_of: dict[int, list[int]] = {}
    for j, i in enumerate(owner):
        pieces_of.setdefault(i, []).append(j)
    remaining = {i: len(js) for i, js in pieces_of.items()}
    batches: list[list[int]] = []
    for chunk in chunks or [range(len(sentences))]:
        members = [j for i in chunk for j in pieces_of.get(i, ())]
        batches += [
            [members[m] for m in batch]
            for batch in make_batches(
                [lengths[j] for j in members], batch_size, batch_tokens, [caps[j] for j in members]
            )
        ]
    texts = [[pieces[j] for j in batch] for batch in batches]
    batch_caps = [caps[batch[0]] for batch in batches]
    # A backend that decodes several batches at once (CTranslate2) takes them all.
    if hasattr(model, "translate_batches"):
        translated = model.translate_batches(texts, max_tokens=batch_caps)
    else:
        translated = (model.translate_batch(t, max_tokens=c) for t, c in zip(texts, batch_caps))
    for batch, outputs in zip(batches, translated):
        finished: dict[int, tuple[str, bool]] = {}
        for j, text in zip(batch, outputs):
            translated_pieces[j] = text
            i = owner[j]
            remaining[i] -= 1
            if remaining[i] == 0:
                finished[i] = (
                    " ".join(translated_pieces[m] for m in pieces_of[i]),
                    split_flags.get(i, False),
                )
        if finished:
            yield finished


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
