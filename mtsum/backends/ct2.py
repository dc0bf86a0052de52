"""The CTranslate2 backend: Marian (OPUS-MT), M2M100/NLLB translation and BART summaries on
CTranslate2's CPU kernels (int8 by default).

A transformers model is converted on first use into mtsum's cache, under
``<cache>/ct2/<name>-<key>-<quantization>/``, where the key hashes the model id, its revision
(hub commit or local folder fingerprint) and the quantization; later runs load the converted
copy. Conversion needs torch and transformers once; running needs neither torch nor the
original weights, only the model's tokenizer files. Tokenisation and decoding use the model's
own transformers tokenizer, so the token sequences are the ones the torch backend sees.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
from pathlib import Path

from mtsum.backends import ModelInfo, _require_torch
from mtsum.backends.hf import NLLB, REPEAT_NGRAM, quiet_transformers
from mtsum.errors import ModelUnavailable

log = logging.getLogger(__name__)

# transformers model types this backend converts (config.json "model_type").
SUPPORTED = frozenset({"marian", "m2m_100", "bart"})
META = "mtsum-conversion.json"


def available() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def converted_dir(cache_dir: Path, model_id: str, revision: str | None,
                  quantization: str) -> Path:
    """Where the converted copy of (model id, revision, quantization) lives."""
    key = hashlib.sha256(json.dumps([model_id, revision, quantization]).encode()).hexdigest()
    name = re.sub(r"[^A-Za-z0-9._-]+", "--", Path(model_id).name if model_id.startswith(
        ("/", ".", "~")) else model_id).strip("-")
    return Path(cache_dir) / "ct2" / f"{name}-{key[:12]}-{quantization}"


def converted_copies(cache_dir: Path) -> list[dict]:
    """Every converted model in the cache, for ``mtsum models list``."""
    rows = []
    for meta in sorted((Path(cache_dir) / "ct2").glob(f"*/{META}")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        size = sum(p.stat().st_size for p in meta.parent.iterdir() if p.is_file())
        rows.append({**data, "path": str(meta.parent), "size": f"{size / 1e6:.0f} MB"})
    return rows


def _converter(folder: str):
    """ctranslate2's TransformersConverter, for transformers 5: BART configs no longer carry
    ``normalize_before`` (BART is post-norm), which the converter still reads."""
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kw):
            model = super().load_model(model_class, model_name_or_path, **kw)
            if not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False
            return model

    return Converter(folder)


def ensure_converted(info: ModelInfo, cache_dir: Path) -> tuple[Path, bool]:
    """The converted copy's folder, converting it now if needed; (folder, converted now)."""
    target = converted_dir(cache_dir, info.model_id, info.revision, info.quantization)
    if (target / META).is_file():
        return target, False
    _require_torch(": it is needed once, to convert the model for CTranslate2")
    import ctranslate2

    quiet_transformers()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.parent / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    log.warning("converting %s for CTranslate2 (%s), once: %s", info.model_id,
                info.quantization, target)
    try:
        _converter(str(info.where)).convert(str(scratch), quantization=info.quantization,
                                            force=True)
    except Exception as exc:  # the converter raises ValueError, KeyError, AttributeError...
        shutil.rmtree(scratch, ignore_errors=True)
        raise ModelUnavailable(info.model_id, "CTranslate2 conversion failed: "
                               f"{type(exc).__name__}: {exc}".splitlines()[0],
                               fix="run with --backend torch") from None
    (scratch / META).write_text(json.dumps({
        "model": info.model_id, "revision": info.revision, "quantization": info.quantization,
        "source": str(info.where), "ctranslate2": ctranslate2.__version__,
        "converted": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }, indent=2), encoding="utf-8")
    try:
        os.rename(scratch, target)  # atomic: a reader sees all of it or none
    except OSError:  # another process converted it meanwhile
        shutil.rmtree(scratch, ignore_errors=True)
        if not (target / META).is_file():
            raise
    return target, True


class _Ct2Seq2Seq:
    backend = "ct2"

    def __init__(self, info: ModelInfo, *, beam: int = 4, threads: int | None = None,
                 cache_dir: Path | None = None, generate_options: dict | None = None):
        import ctranslate2
        from transformers import AutoTokenizer, GenerationConfig

        from mtsum.settings import default_cache_dir

        quiet_transformers()
        self.info = info
        self.spec = info.spec
        self.model_id = info.model_id
        self.revision = info.revision
        self.label = info.label
        self.max_input_tokens = info.max_input_tokens
        self.beam = beam
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(info.where))
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(info.model_id,
                                   f"cannot load its tokenizer: {exc}".splitlines()[0]) from None
        self.path, self.converted_now = ensure_converted(info, cache_dir or default_cache_dir())
        self.model = ctranslate2.Translator(str(self.path), device="cpu",
                                            compute_type=info.quantization,
                                            intra_threads=threads or 0)
        try:
            generation = GenerationConfig.from_pretrained(str(info.where))
        except (OSError, ValueError):
            generation = None
        # As transformers' generate() does: a model that forces a first token (BART's <s>).
        forced = getattr(generation, "forced_bos_token_id", None)
        self._forced_first = (self.tokenizer.convert_ids_to_tokens(forced)
                              if forced is not None else None)
        self._options = self._ct2_options(generate_options or {})

    @staticmethod
    def _ct2_options(options: dict) -> dict:
        """transformers generate() options (as the benchmarks force lengths) -> ct2's."""
        names = {"min_new_tokens": "min_decoding_length",
                 "max_new_tokens": "max_decoding_length", "num_beams": "beam_size"}
        return {names.get(k, k): v for k, v in options.items()}

    def _prefixed(self, texts: list[str]) -> list[str]:
        prefix = self.spec.prefix
        return [f"{prefix} {t}" if prefix else t for t in texts]

    def _tokens(self, texts: list[str]) -> list[list[str]]:
        ids = self.tokenizer(self._prefixed(texts), add_special_tokens=True)["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(row) for row in ids]

    def count_tokens(self, texts: list[str]) -> list[int]:
        encoded = self.tokenizer(self._prefixed(texts), add_special_tokens=True)
        return [len(ids) for ids in encoded["input_ids"]]

    def _run(self, texts: list[str], target_prefix: list[str] | None, options: dict
             ) -> list[str]:
        tokens = self._tokens(texts)
        prefix = [list(target_prefix) for _ in texts] if target_prefix else None
        results = self.model.translate_batch(tokens, target_prefix=prefix,
                                             **{**options, **self._options})
        ids = [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        return self.tokenizer.batch_decode(ids, skip_special_tokens=True)


class Ct2Translator(_Ct2Seq2Seq):
    def __init__(self, info: ModelInfo, **options):
        super().__init__(info, **options)
        spec = info.spec
        self._target_prefix: list[str] | None = None
        if spec.arch == "m2m100":
            self.tokenizer.src_lang = spec.source
            self._target_prefix = [self.tokenizer.get_lang_token(spec.target)]
        elif spec.arch == "nllb":
            self.tokenizer.src_lang = NLLB.get(spec.source, "eng_Latn")
            self._target_prefix = [NLLB[spec.target]]
        elif self._forced_first:
            self._target_prefix = [self._forced_first]

    def translate_batch(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        longest = max(self.count_tokens(texts))
        options = {"beam_size": self.beam,
                   "max_decoding_length": min(2 * longest + 10, self.max_input_tokens),
                   "no_repeat_ngram_size": REPEAT_NGRAM}
        return [t.strip() for t in self._run(texts, self._target_prefix, options)]


class Ct2Summarizer(_Ct2Seq2Seq):
    """A BART summariser on CTranslate2."""

    def summarize_batch(self, texts: list[str], *, min_tokens: int,
                        max_tokens: int) -> list[str]:
        if not texts:
            return []
        options = {"beam_size": self.beam, "max_decoding_length": max_tokens,
                   "min_decoding_length": min(min_tokens, max_tokens),
                   "no_repeat_ngram_size": 3, "length_penalty": 2.0}
        prefix = [self._forced_first] if self._forced_first else None
        return [" ".join(t.split()) for t in self._run(texts, prefix, options)]
