"""The CTranslate2 backend: Marian (OPUS-MT), M2M100/NLLB translation and BART summaries on
CTranslate2's CPU kernels (int8 by default).

A transformers model is converted on first use into mtsum's cache, under
``<cache>/ct2/<name>-<key>-<quantization>/``, where the key hashes the model id, its revision
(hub commit or local folder fingerprint) and the quantization; later runs load the converted
copy. Conversion needs torch and transformers once; running needs neither torch nor the
original weights, only the model's tokenizer files. Tokenisation and decoding use the model's
own transformers tokenizer, so the token sequences are the ones the torch backend sees.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   __init__: a backend's model, tokenizer and options, loaded once
#   ensure_converted: one CTranslate2 conversion: atomic, locked, its failure kept

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from mtsum import languages
from mtsum.backends import ModelInfo, _require_torch
from mtsum.backends.hf import (
    REPEAT_NGRAM,
    cap_groups,
    cap_list,
    decoding_cap,
    quiet_transformers,
)
from mtsum.errors import ModelUnavailable

log = logging.getLogger(__name__)

# Translators given up on Ctrl-C while batches ran: never freed (see Ct2Translator._cancel).
_ABANDONED: list = []
# transformers model types this backend converts (config.json "model_type").
SUPPORTED = frozenset({"marian", "m2m_100", "bart"})
META = "mtsum-conversion.json"


class ConversionFailed(ModelUnavailable):
    """The converter could not convert this model (``auto`` then runs it on transformers)."""


def available() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def converted_dir(cache_dir: Path, model_id: str, revision: str | None, quantization: str) -> Path:
    """Where the converted copy of (model id, revision, quantization) lives."""
    key = hashlib.sha256(json.dumps([model_id, revision, quantization]).encode()).hexdigest()
    name = re.sub(
        r"[^A-Za-z0-9._-]+",
        "--",
        Path(model_id).name if model_id.startswith(("/", ".", "~")) else model_id,
    ).strip("-")
    return Path(cache_dir) / "ct2" / f"{name}-{key[:12]}-{quantization}"


def converted_copies(cache_dir: Path) -> list[dict]:
    """Every converted model in the cache, for ``mtsum models list``."""
    rows = []
    for meta in sorted((Path(cache_dir) / "ct2").glob(f"*/{META}")):
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # damaged: converted again on next use
            continue
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


def _save_tokenizer(where: Path, target: Path) -> dict:
    """Save what running the model needs from its transformers tokenizer, so that running
    imports neither transformers nor (through it) torch: a fast tokenizer as tokenizer.json,
    a Marian SentencePiece pair with its vocabulary as they are; anything else is loaded
    with transformers at run time."""
    from transformers import AutoTokenizer, GenerationConfig

    tokenizer = AutoTokenizer.from_pretrained(str(where))
    try:
        forced = GenerationConfig.from_pretrained(str(where)).forced_bos_token_id
    except (OSError, ValueError):
        forced = None
    recipe = {
        "kind": "transformers",
        "special_tokens": list(tokenizer.all_special_tokens),
        "unk_token": tokenizer.unk_token,
        "eos_token": tokenizer.eos_token,
        "clean_up_spaces": bool(tokenizer.clean_up_tokenization_spaces),
        # As transformers' generate() does: a model that forces its first token (BART <s>).
        "forced_first": tokenizer.convert_ids_to_tokens(forced) if forced is not None else None,
    }
    if type(tokenizer).__name__ == "MarianTokenizer" and not tokenizer.separate_vocabs:
        for name in ("source.spm", "target.spm", "vocab.json"):
            shutil.copy(where / name, target / name)
        # transformers 5 decodes a shared-vocabulary Marian with the source model.
        recipe.update(kind="marian", decode_spm="source.spm")
    elif (
        getattr(tokenizer, "backend_tokenizer", None) is not None
        # M2M100/NLLB prefix a source-language token set per run: kept on transformers.
        and json.loads((where / "config.json").read_text())["model_type"] != "m2m_100"
    ):
        tokenizer.backend_tokenizer.save(str(target / "tokenizer.json"))
        recipe["kind"] = "tokenizers"
    return recipe


def _remove_leftovers(folder: Path) -> None:
    """Scratch folders of conversions whose process is gone (killed mid-conversion)."""
    for scratch in folder.glob(".*.tmp"):
        pid = scratch.name.rsplit(".", 2)[-2]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
                continue  # still converting
            except ProcessLookupError:
                pass
            except PermissionError:
                continue
        if pid.isdigit() and int(pid) != os.getpid():
            shutil.rmtree(scratch, ignore_errors=True)


def _usable(target: Path) -> bool:
    """Whether a converted copy is whole: its record reads and names its tokenizer, and
    its weights are there."""
    try:
        meta = json.loads((target / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and "tokenizer" in meta and (target / "model.bin").is_file()


def ensure_converted(
    info: ModelInfo, cache_dir: Path, *, repair: bool = False
) -> tuple[Path, bool]:
    """The converted copy's folder, converting it now if needed; (folder, converted now).
    A copy that is damaged, incomplete or older (or ``repair``) is removed and converted
    again."""
    target = converted_dir(cache_dir, info.model_id, info.revision, info.quantization)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target.parent)
    if not repair and _usable(target):
        return target, False
    if target.exists():
        log.warning("the converted copy %s is damaged or incomplete: converting it again", target)
        shutil.rmtree(target, ignore_errors=True)
    _require_torch(": it is needed once, to convert the model for CTranslate2")
    import ctranslate2

    quiet_transformers()
    scratch = target.parent / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    log.warning(
        "converting %s for CTranslate2 (%s), once: %s", info.model_id, info.quantization, target
    )
    try:
        _converter(str(info.where)).convert(
            str(scratch), quantization=info.quantization, force=True
        )
        (scratch / META).write_text(
            json.dumps(
                {
                    "model": info.model_id,
                    "revision": info.revision,
                    "quantization": info.quantization,
                    "source": str(info.where),
                    "ctranslate2": ctranslate2.__version__,
                    "converted": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "tokenizer": _save_tokenizer(info.where, scratch),
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    except Exception as exc:  # the converter raises ValueError, KeyError, AttributeError...
        shutil.rmtree(scratch, ignore_errors=True)
        raise ConversionFailed(
            info.model_id,
            f"CTranslate2 conversion failed: {type(exc).__name__}: {exc}".splitlines()[0],
            fix="run with --backend torch",
        ) from None
    except BaseException:  # Ctrl-C: no half-converted copy is left behind
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    try:
        os.rename(scratch, target)  # atomic: a reader sees all of it or none
    except OSError:  # another process converted it meanwhile
        shutil.rmtree(scratch, ignore_errors=True)
        if not _usable(target):
            raise ConversionFailed(
                info.model_id,
                f"cannot put the converted copy at {target}",
                fix="remove that folder and run again",
            ) from None
    return target, True


def _clean_up(text: str) -> str:
    """transformers' ``clean_up_tokenization``, for tokenizers saved with it switched on."""
    for before, after in (
        (" .", "."),
        (" ?", "?"),
        (" !", "!"),
        (" ,", ","),
        (" ' ", "'"),
        (" n't", "n't"),
        (" 'm", "'m"),
        (" 's", "'s"),
        (" 've", "'ve"),
        (" 're", "'re"),
    ):
        text = text.replace(before, after)
    return text


class _MarianTokens:
    """MarianTokenizer's encoding and decoding with SentencePiece alone: an optional leading
    ``>>lang<<`` code, source pieces mapped through vocab.json (unknown -> ``<unk>``), ``</s>``."""

    def __init__(self, folder: Path, recipe: dict):
        import sentencepiece as spm

        self.vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        self.source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.decoder = spm.SentencePieceProcessor(model_file=str(folder / recipe["decode_spm"]))
        self.special = set(recipe["special_tokens"])
        self.unk, self.eos = recipe["unk_token"], recipe["eos_token"]
        self.clean = recipe["clean_up_spaces"]

    def tokens(self, texts: list[str]) -> list[list[str]]:
        out = []
        for text in texts:
            code = []
            if text.startswith(">>") and (end := text.find("<<")) != -1:
                code, text = [text[: end + 2]], text[end + 2 :]
            pieces = code + self.source.encode(text, out_type=str)
            out.append([p if p in self.vocab else self.unk for p in pieces] + [self.eos])
        return out

    def texts(self, hypotheses: list[list[str]]) -> list[str]:
        out = []
        for tokens in hypotheses:
            text = self.decoder.decode_pieces([t for t in tokens if t not in self.special])
            text = text.replace("\u2581", " ").strip()
            out.append(_clean_up(text) if self.clean else text)
        return out


class _FastTokens:
    """A transformers fast tokenizer, saved as tokenizer.json, run by ``tokenizers``."""

    def __init__(self, folder: Path, recipe: dict):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.clean = recipe["clean_up_spaces"]

    def tokens(self, texts: list[str]) -> list[list[str]]:
        return [e.tokens for e in self.tokenizer.encode_batch(texts)]

    def texts(self, hypotheses: list[list[str]]) -> list[str]:
        ids = [[self.tokenizer.token_to_id(t) for t in tokens] for tokens in hypotheses]
        decoded = self.tokenizer.decode_batch(ids, skip_special_tokens=True)
        return [_clean_up(t) if self.clean else t for t in decoded]


class _TransformersTokens:
    """Any other tokenizer, through transformers (which imports torch when installed)."""

    def __init__(self, where: Path, spec):
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(where))
        if spec.arch == "m2m100":
            self.tokenizer.src_lang = spec.source
        elif spec.arch == "nllb":
            self.tokenizer.src_lang = languages.nllb(spec.source) or "eng_Latn"

    def tokens(self, texts: list[str]) -> list[list[str]]:
        ids = self.tokenizer(texts, add_special_tokens=True)["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(row) for row in ids]

    def texts(self, hypotheses: list[list[str]]) -> list[str]:
        ids = [self.tokenizer.convert_tokens_to_ids(h) for h in hypotheses]
        return self.tokenizer.batch_decode(ids, skip_special_tokens=True)


class _Ct2Seq2Seq:
    backend = "ct2"
    parallel_batches = True  # decode several batches at once, each on fewer threads

    def __init__(
        self,
        info: ModelInfo,
        *,
        beam: int = 4,
        threads: int | None = None,
        cache_dir: Path | None = None,
        generate_options: dict | None = None,
        shared: dict | None = None,
    ):
        import ctranslate2

        from mtsum.settings import default_cache_dir

        self.info = info
        self.spec = info.spec
        self.model_id = info.model_id
        self.revision = info.revision
        self.label = info.label
        self.max_input_tokens = info.max_input_tokens
        self.beam = beam
        cache_dir = cache_dir or default_cache_dir()
        self.path, self.converted_now = ensure_converted(info, cache_dir)
        recipe = json.loads((self.path / META).read_text(encoding="utf-8"))["tokenizer"]
        try:
            if recipe["kind"] == "marian":
                self.tokenizer = _MarianTokens(self.path, recipe)
            elif recipe["kind"] == "tokenizers":
                self.tokenizer = _FastTokens(self.path, recipe)
            else:
                self.tokenizer = _TransformersTokens(info.where, info.spec)
        except Exception as exc:  # a missing or damaged .spm or tokenizer.json
            raise ModelUnavailable(
                info.model_id,
                f"cannot load its tokenizer: {type(exc).__name__}: {exc}".splitlines()[0][:300],
                fix=f"remove {self.path} to convert it again",
                broken=True,
            ) from None
        self._forced_first = recipe.get("forced_first")
        self.inter_threads, intra = (
            split_threads(threads or 1)
            if self.parallel_batches and info.device == "cpu"
            else (1, threads or 1)
        )
        shared = {} if shared is None else shared
        key = ("ct2", str(self.path), self.inter_threads, intra)
        if key not in shared:
            try:
                shared[key] = self._load(ctranslate2, info, intra)
            except (RuntimeError, ValueError, OSError) as exc:  # a damaged model.bin
                if self.converted_now:
                    raise ModelUnavailable(
                        info.model_id,
                        f"its converted copy cannot be loaded: {exc}".splitlines()[0],
                        fix="run with --backend torch",
                        broken=True,
                    ) from None
                self.path, self.converted_now = ensure_converted(info, cache_dir, repair=True)
                shared[key] = self._load(ctranslate2, info, intra)
        self.model = shared[key]
        self._options = self._ct2_options(generate_options or {})

    def _load(self, ctranslate2, info: ModelInfo, intra: int):
        return ctranslate2.Translator(
            str(self.path),
            device=info.device,
            compute_type=info.quantization,
            inter_threads=self.inter_threads,
            intra_threads=intra,
        )

    @staticmethod
    def _ct2_options(options: dict) -> dict:
        """transformers generate() options (as the benchmarks force lengths) -> ct2's."""
        names = {
            "min_new_tokens": "min_decoding_length",
            "max_new_tokens": "max_decoding_length",
            "num_beams": "beam_size",
        }
        return {names.get(k, k): v for k, v in options.items()}

    def _prefixed(self, texts: list[str]) -> list[str]:
        prefix = self.spec.prefix
        return [f"{prefix} {t}" if prefix else t for t in texts]

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(t) for t in self.tokenizer.tokens(self._prefixed(texts))]

    def _submit(
        self, texts: list[str], target_prefix: list[str] | None, options, asynchronous: bool = False
    ) -> list:
        """``options``: a dict, or a function of the batch's tokens that makes one."""
        tokens = self.tokenizer.tokens(self._prefixed(texts))
        if callable(options):
            options = options(tokens)
        prefix = [list(target_prefix) for _ in texts] if target_prefix else None
        return self.model.translate_batch(
            tokens, target_prefix=prefix, asynchronous=asynchronous, **{**options, **self._options}
        )

    def _decode(self, results: list) -> list[str]:
        return self.tokenizer.texts(
            [(r.result() if hasattr(r, "result") else r).hypotheses[0] for r in results]
        )

    def _run(self, texts: list[str], target_prefix: list[str] | None, options) -> list[str]:
        return self._decode(self._submit(texts, target_prefix, options))


def split_threads(threads: int) -> tuple[int, int]:
    """(batches decoded in parallel, threads per batch) for ``threads`` cores. Small
    batches do not keep many cores busy: on 2 cores, two batches at once with one thread
    each gave 1.2x the throughput of one batch on two threads (bench/translate_speed.py)."""
    inter = 1 if threads < 2 else 2 if threads < 8 else 4
    return inter, max(1, threads // inter)


class Ct2Translator(_Ct2Seq2Seq):
    def __init__(self, info: ModelInfo, **options):
        super().__init__(info, **options)
        spec = info.spec
        self._target_prefix: list[str] | None = None
        if spec.arch == "m2m100":
            self._target_prefix = [f"__{spec.target}__"]
        elif spec.arch == "nllb":
            self._target_prefix = [languages.nllb(spec.target)]
        elif self._forced_first:
            self._target_prefix = [self._forced_first]
        self._outstanding: list = []  # results submitted, maybe not done

    @property
    def cuts_at_cap(self) -> bool:
        """Whether a batch decoded under its largest cap, each output cut at its own cap,
        gives what each sentence gives alone: greedy decoding (a step depends only on the
        steps before it), or every output's length forced (benchmarks)."""
        return self.beam <= 1 or "max_decoding_length" in self._options

    def _options_for(self, caps: list[int] | None):
        def options(tokens: list[list[str]]) -> dict:
            cap = max(caps) if caps else decoding_cap(max(map(len, tokens)), self.max_input_tokens)
            return {
                "beam_size": self.beam,
                "max_decoding_length": min(cap, self.max_input_tokens),
                "no_repeat_ngram_size": REPEAT_NGRAM,
            }

        return options

    def _cancel(self) -> None:
        """Ctrl-C: the batches in flight are given up. CTranslate2 cannot stop a batch it
        decodes (greedy decoding could be, by a callback at every token of every sentence:
        on ``bench/brief_throughput.py``'s sentences that cost 1.4-4.5% of the throughput of
        every run, CTranslate2 alone and through ``mtsum translate``), so a
        translator with batches still running after half a second is left to the process's
        end, which then does not wait for it (the interpreter would otherwise wait for its
        batches when it frees it). In a process that goes on, it finishes those batches (a
        few seconds) before it takes the next."""
        deadline = time.monotonic() + 0.5
        try:
            while any(not r.done() for r in self._outstanding) and time.monotonic() < deadline:
                time.sleep(0.005)
            if any(not r.done() for r in self._outstanding):
                _ABANDONED.append(self.model)
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(self.model))
        finally:
            self._outstanding.clear()

    def _jobs(self, texts: list[str], max_tokens) -> list[tuple[list[int], list[int] | None, list]]:
        """The batch submitted (asynchronously): (indices, their caps, pending results) per
        group decoded together (:func:`cap_groups`)."""
        caps = cap_list(texts, max_tokens)
        jobs = []
        for group in cap_groups(caps, len(texts), self.cuts_at_cap):
            own = [caps[i] for i in group] if caps else None
            pending = self._submit(
                [texts[i] for i in group],
                self._target_prefix,
                self._options_for(own),
                asynchronous=True,
            )
            self._outstanding = [r for r in self._outstanding if not r.done()] + pending
            jobs.append((group, own, pending))
        return jobs

    def _collect(self, jobs, n: int) -> list[str]:
        """The translations of a batch submitted by :meth:`_jobs`, each output cut at its own
        cap (the prefix counts, as in ``max_decoding_length``). Waits in short steps so that
        Ctrl-C is taken at once, not when the batch is done."""
        out: list[str] = [""] * n
        cut = "max_decoding_length" not in self._options
        for group, caps, pending in jobs:
            hypotheses = []
            for k, result in enumerate(pending):
                try:
                    while not result.done():
                        time.sleep(0.005)
                except BaseException:  # Ctrl-C: stop what is in flight, then go
                    self._cancel()
                    raise
                tokens = result.result().hypotheses[0]
                if caps and cut:
                    tokens = tokens[: min(caps[k], self.max_input_tokens)]
                hypotheses.append(tokens)
            for i, text in zip(group, self.tokenizer.texts(hypotheses)):
                out[i] = text.strip()
        return out

    def translate_batch(self, texts: list[str], max_tokens=None) -> list[str]:
        """Translations of ``texts``; ``max_tokens``: one output cap for all, or one per text
        (see :attr:`cuts_at_cap`)."""
        if not texts:
            return []
        return self._collect(self._jobs(texts, max_tokens), len(texts))

    def translate_batches(self, batches: list[list[str]], max_tokens=None) -> Iterator[list[str]]:
        """Each batch's translations, in order, with up to ``inter_threads`` batches
        decoding at once; ``max_tokens``: each batch's caps (one, or one per text)."""
        pending: deque = deque()
        caps = max_tokens or [None] * len(batches)
        for texts, cap in zip(batches, caps):
            pending.append((self._jobs(texts, cap) if texts else [], len(texts)))
            if len(pending) > self.inter_threads:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())


class Ct2Summarizer(_Ct2Seq2Seq):
    """A BART summariser on CTranslate2: one document at a time, on every thread."""

    parallel_batches = False

    def summarize_batch(self, texts: list[str], *, min_tokens: int, max_tokens: int) -> list[str]:
        if not texts:
            return []
        options = {
            "beam_size": self.beam,
            "max_decoding_length": max_tokens,
            "min_decoding_length": min(min_tokens, max_tokens),
            "no_repeat_ngram_size": 3,
            "length_penalty": 2.0,
        }
        prefix = [self._forced_first] if self._forced_first else None
        return [" ".join(t.split()) for t in self._run(texts, prefix, options)]
