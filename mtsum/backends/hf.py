"""The transformers/torch backend: Marian (OPUS-MT), M2M100, NLLB translation; BART summaries."""

from __future__ import annotations

from pathlib import Path

from mtsum import languages
from mtsum.backends import ModelInfo
from mtsum.batching import decoding_cap  # noqa: F401 - the backends use it from here
from mtsum.errors import ModelUnavailable

REPEAT_NGRAM = 6  # no 6-token phrase twice in one sentence: stops repetition loops


def cap_list(texts: list[str], max_tokens) -> list[int] | None:
    """``max_tokens`` (None, one cap for all, or one per text) as one cap per text."""
    if max_tokens is None:
        return None
    if isinstance(max_tokens, int):
        return [max_tokens] * len(texts)
    return list(max_tokens)


def cap_groups(caps: list[int] | None, n: int, cuts_at_cap: bool) -> list[list[int]]:
    """Indices decoded together: all of them when the model cuts each output exactly at its
    own cap (greedy), else one group per cap (beam search)."""
    if caps is None or cuts_at_cap or len(set(caps)) <= 1:
        return [list(range(n))]
    groups: dict[int, list[int]] = {}
    for i, cap in enumerate(caps):
        groups.setdefault(cap, []).append(i)
    return list(groups.values())


def quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


class _Seq2Seq:
    """Loading, limits and token counting shared by the translator and the summariser."""

    backend = "torch"

    def __init__(
        self,
        info: ModelInfo,
        *,
        beam: int = 4,
        threads: int | None = None,
        generate_options: dict | None = None,
        shared: dict | None = None,
    ):
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        quiet_transformers()
        if threads:
            torch.set_num_threads(threads)
        self.info = info
        self.spec = spec = info.spec
        self.model_id = spec.model
        self.revision = info.revision
        self.label = info.label
        self.beam = beam
        shared = {} if shared is None else shared
        key = ("torch", str(info.where), info.device)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(info.where))
            if key not in shared:
                shared[key] = (
                    AutoModelForSeq2SeqLM.from_pretrained(str(info.where)).to(info.device).eval()
                )
        except Exception as exc:  # truncated weights, a missing .spm, a broken config...
            raise ModelUnavailable(
                spec.model,
                f"cannot load it: {type(exc).__name__}: {exc}".splitlines()[0][:300],
                fix=f"replace the damaged files in {info.where.name}, or pull the model again "
                f"(mtsum models pull {spec.model})"
                if not spec.is_local
                else f"replace the damaged files in the folder {Path(spec.model).name}",
                broken=True,
            ) from None
        self.model = shared[key]
        self._torch = torch
        self._generate_kwargs: dict = dict(generate_options or {})  # benchmarks force lengths
        self.max_input_tokens = info.max_input_tokens

    def _prefixed(self, texts: list[str]) -> list[str]:
        prefix = self.spec.prefix
        return [f"{prefix} {t}" if prefix else t for t in texts]

    def count_tokens(self, texts: list[str]) -> list[int]:
        encoded = self.tokenizer(self._prefixed(texts), add_special_tokens=True)
        return [len(ids) for ids in encoded["input_ids"]]


class TransformersTranslator(_Seq2Seq):
    def __init__(self, info: ModelInfo, **options):
        super().__init__(info, **options)
        spec = info.spec
        if spec.arch == "m2m100":
            self.tokenizer.src_lang = spec.source
            self._generate_kwargs["forced_bos_token_id"] = self.tokenizer.get_lang_id(spec.target)
        elif spec.arch == "nllb":
            self.tokenizer.src_lang = languages.nllb(spec.source) or "eng_Latn"
            self._generate_kwargs["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(
                languages.nllb(spec.target)
            )

    @property
    def cuts_at_cap(self) -> bool:
        """Whether a batch decoded under its largest cap, each output cut at its own cap,
        gives what each sentence gives alone: greedy decoding (a step depends only on the
        steps before it), or every output's length forced (benchmarks)."""
        return self.beam <= 1 or "max_new_tokens" in self._generate_kwargs

    def translate_batch(self, texts: list[str], max_tokens=None) -> list[str]:
        """Translations of ``texts``; ``max_tokens``: one output cap for all, or one per text
        (see :attr:`cuts_at_cap`)."""
        if not texts:
            return []
        caps = cap_list(texts, max_tokens)
        out: list[str] = [""] * len(texts)
        for group in cap_groups(caps, len(texts), self.cuts_at_cap):
            own = [caps[i] for i in group] if caps else None
            for i, text in zip(group, self._generate([texts[i] for i in group], own)):
                out[i] = text
        return out

    def _generate(self, texts: list[str], caps: list[int] | None) -> list[str]:
        inputs = self.tokenizer(
            self._prefixed(texts), return_tensors="pt", padding=True, truncation=False
        ).to(self.info.device)
        longest = int(inputs["input_ids"].shape[1])
        cap = max(caps) if caps else decoding_cap(longest, self.max_input_tokens)
        options = {
            "num_beams": self.beam,
            "do_sample": False,
            "max_new_tokens": min(cap, self.max_input_tokens),
            "no_repeat_ngram_size": REPEAT_NGRAM,
            **self._generate_kwargs,
        }
        with self._torch.inference_mode():
            output = self.model.generate(**inputs, **options)
        rows = list(output)
        if caps and "max_new_tokens" not in self._generate_kwargs:
            # Each row as its own cap would have ended it: the decoder's start token, then
            # ``cap`` new tokens, of which the last is </s> where the model forces one there.
            forced_eos = self.model.generation_config.forced_eos_token_id is not None
            rows = [
                row[: min(c, self.max_input_tokens) + (0 if forced_eos else 1)]
                for row, c in zip(rows, caps)
            ]
        return [t.strip() for t in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]


class TransformersSummarizer(_Seq2Seq):
    """A seq2seq summariser (BART, PEGASUS, T5 with its ``summarize:`` prefix) on torch."""

    def summarize_batch(self, texts: list[str], *, min_tokens: int, max_tokens: int) -> list[str]:
        """One summary per text, between ``min_tokens`` and ``max_tokens`` long."""
        if not texts:
            return []
        inputs = self.tokenizer(
            self._prefixed(texts), return_tensors="pt", padding=True, truncation=False
        ).to(self.info.device)
        options = {
            "num_beams": self.beam,
            "do_sample": False,
            "max_new_tokens": max_tokens,
            "min_new_tokens": min(min_tokens, max_tokens),
            "no_repeat_ngram_size": 3,
            "length_penalty": 2.0,
            "early_stopping": True,
            **self._generate_kwargs,
        }
        with self._torch.inference_mode():
            output = self.model.generate(**inputs, **options)
        return [
            " ".join(t.split())
            for t in self.tokenizer.batch_decode(output, skip_special_tokens=True)
        ]
