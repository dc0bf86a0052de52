"""Model backends behind one small interface. Only this package imports torch/transformers.

A backend's translator has ``model_id``, ``revision``, ``max_input_tokens``,
``count_tokens(texts)`` and ``translate_batch(texts)``; ``load_translator`` picks the backend
for a :class:`~mtsum.registry.ModelSpec` and raises :class:`~mtsum.errors.ModelUnavailable`
when the model cannot be had.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from mtsum.errors import ModelUnavailable
from mtsum.registry import ModelSpec


class Translator(Protocol):
    model_id: str
    revision: str | None
    max_input_tokens: int

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    def translate_batch(self, texts: list[str]) -> list[str]: ...


class Summarizer(Protocol):
    model_id: str
    revision: str | None
    max_input_tokens: int

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    def summarize_batch(self, texts: list[str], *, min_tokens: int,
                        max_tokens: int) -> list[str]: ...


def pull_command(spec: ModelSpec) -> str:
    if spec.is_local:
        return f"copy the model folder to {spec.model}"
    return f"mtsum models pull {spec.model}"


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")


def local_path(spec: ModelSpec) -> Path | None:
    """Where the model is on this machine (a folder or the HF cache snapshot), else None."""
    if spec.is_local:
        path = Path(spec.model).expanduser()
        return path if (path / "config.json").is_file() else None
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(spec.model, revision=spec.revision,
                                      local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


def _find(spec: ModelSpec, download: bool) -> Path | str:
    """The model's folder; raises ModelUnavailable when it cannot be had without waiting.

    Looks in the local folder or Hugging Face cache first (no network, so no waiting);
    reaches the hub only with ``download`` and without ``HF_HUB_OFFLINE``.
    """
    where = local_path(spec)
    if where is None and (spec.is_local or not download or offline()):
        reason = ("folder not found or has no config.json" if spec.is_local
                  else "not in the local Hugging Face cache")
        raise ModelUnavailable(spec.model, reason, fix=pull_command(spec))
    try:
        import torch  # noqa: F401
    except ImportError:
        raise ModelUnavailable(
            spec.model, "PyTorch is not installed",
            fix="pip install torch (CPU only: see README, 'Models')",
        ) from None
    return where or spec.model


def load_translator(spec: ModelSpec, *, beam: int = 4, download: bool = False) -> Translator:
    """Load a translation model with the transformers backend (torch)."""
    where = _find(spec, download)
    from mtsum.backends.hf import TransformersTranslator

    return TransformersTranslator(spec, where, beam=beam)


def load_summarizer(spec: ModelSpec, *, beam: int = 4, download: bool = False) -> Summarizer:
    """Load an abstractive summariser with the transformers backend (torch)."""
    where = _find(spec, download)
    from mtsum.backends.hf import TransformersSummarizer

    return TransformersSummarizer(spec, where, beam=beam)


# Files a seq2seq model needs; skips other frameworks' weights (tf, flax, onnx).
_PULL_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "*.safetensors", "sentencepiece*"]


def pull(spec: ModelSpec) -> Path:
    """Download a model into the Hugging Face cache (``HF_HOME``); returns its folder."""
    if spec.is_local:
        found = local_path(spec)
        if found is None:
            raise ModelUnavailable(spec.model, "local folder not found")
        return found
    if offline():
        raise ModelUnavailable(spec.model, "HF_HUB_OFFLINE is set: cannot download",
                               fix="unset HF_HUB_OFFLINE on a connected machine")
    from huggingface_hub import snapshot_download

    try:
        folder = snapshot_download(spec.model, revision=spec.revision,
                                   allow_patterns=_PULL_PATTERNS)
    except Exception as exc:  # network, auth, missing repo: report, do not trace
        raise ModelUnavailable(spec.model, f"download failed: {type(exc).__name__}: "
                               f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
    if not list(Path(folder).glob("*.safetensors")):
        # Older repos only have pytorch_model.bin.
        folder = snapshot_download(spec.model, revision=spec.revision,
                                   allow_patterns=_PULL_PATTERNS + ["pytorch_model.bin"])
    return Path(folder)
