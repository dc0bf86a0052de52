"""Model backends behind one small interface. Only this package imports torch, transformers
or ctranslate2, and only when a model is actually needed.

A backend's translator has ``model_id``, ``revision``, ``max_input_tokens``, ``backend``,
``count_tokens(texts)`` and ``translate_batch(texts)``; a summariser has
``summarize_batch(texts, min_tokens=, max_tokens=)`` instead. Two backends:

- ``ct2``: CTranslate2 (:mod:`mtsum.backends.ct2`). The transformers model is converted on
  first use (int8 by default) into mtsum's cache and reused afterwards.
- ``torch``: transformers on PyTorch (:mod:`mtsum.backends.hf`).

:class:`Backends` picks one per model (``auto`` prefers CTranslate2 where it is installed and
supports the model type, and says once when it falls back). :meth:`Backends.describe` tells
the model's identity and limits from its folder without loading it, so a run whose work is all
in the cache never loads a model.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mtsum.errors import ModelUnavailable
from mtsum.registry import ModelSpec
from mtsum.settings import BACKENDS, QUANTIZATIONS

log = logging.getLogger(__name__)


class Translator(Protocol):
    model_id: str
    revision: str | None
    max_input_tokens: int
    backend: str

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    label: str  # "CTranslate2 int8", "transformers": what runs it
    beam: int
    cuts_at_cap: bool  # a batch of mixed caps gives each text what its own cap gives alone

    def translate_batch(self, texts: list[str], max_tokens=None) -> list[str]:
        """Translations of ``texts``; ``max_tokens``: one output cap for all, or one per text
        (each depends on its sentence alone: :mod:`mtsum.batching`)."""


class Summarizer(Protocol):
    model_id: str
    revision: str | None
    max_input_tokens: int
    backend: str

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    def summarize_batch(
        self, texts: list[str], *, min_tokens: int, max_tokens: int
    ) -> list[str]: ...


def default_threads() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def pull_command(spec: ModelSpec) -> str:
    if spec.is_local:
        return (
            f"copy the model's folder {Path(spec.model).name} to where mtsum.toml "
            "[models] says it is"
        )
    return f"mtsum models pull {spec.model}"


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")


def local_path(spec: ModelSpec) -> Path | None:
    """Where the model is on this machine (a folder or the HF cache snapshot), else None."""
    if spec.is_local:
        path = Path(spec.model).expanduser()
        return path if (path / "config.json").is_file() else None
    # The hub cache's layout, read directly: huggingface_hub's own lookup imports its HTTP
    # stack (~0.2 s), which a run that only reads the cache does not need.
    from huggingface_hub.constants import HF_HUB_CACHE

    repo = Path(HF_HUB_CACHE) / ("models--" + spec.model.replace("/", "--"))
    revision = spec.revision or "main"
    try:
        commit = (repo / "refs" / revision).read_text(encoding="utf-8").strip()
    except OSError:
        commit = revision  # a commit hash given as the revision
    snapshot = repo / "snapshots" / commit
    return snapshot if (snapshot / "config.json").is_file() else None


def _find(spec: ModelSpec, download: bool) -> Path:
    """The model's folder; raises ModelUnavailable when it cannot be had without waiting.

    Looks in the local folder or Hugging Face cache first (no network, so no waiting);
    reaches the hub only with ``download`` and without ``HF_HUB_OFFLINE``.
    """
    where = local_path(spec)
    if where is not None:
        return where
    if spec.is_local or not download or offline():
        reason = (
            "folder not found or has no config.json"
            if spec.is_local
            else "not in the local Hugging Face cache"
        )
        raise ModelUnavailable(spec.model, reason, fix=pull_command(spec))
    return pull(spec)


def _require_torch(why: str = "") -> None:
    try:
        import torch  # noqa: F401
    except ImportError:
        raise ModelUnavailable(
            "torch",
            f"PyTorch is not installed{why}",
            fix="pip install torch (CPU only: see README, 'Models')",
        ) from None


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def folder_fingerprint(folder: Path) -> str:
    """Identifies a local model folder's contents (names, sizes, modification times), so a
    model replaced in place never serves stale cached output."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix in (
            ".json",
            ".safetensors",
            ".bin",
            ".spm",
            ".model",
            ".txt",
        ):
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return "local-" + digest.hexdigest()[:12]


@dataclass(frozen=True)
class ModelInfo:
    """A model found on this machine and the backend that will run it; nothing loaded yet."""

    spec: ModelSpec
    where: Path
    revision: str | None  # hub commit, the spec's revision, or a local folder's fingerprint
    max_input_tokens: int
    model_type: str
    backend: str  # "ct2" or "torch"
    quantization: str | None = None  # ct2 only: its compute type on the device
    fallback: str | None = None  # why CTranslate2 was not used, when it was asked for
    device: str = "cpu"  # "cpu" or "cuda"

    @property
    def model_id(self) -> str:
        return self.spec.model

    @property
    def label(self) -> str:
        """ "CTranslate2 int8", "transformers" or "transformers (cuda)", as the briefing and the
        cache keys state it: on a GPU torch's floating point differs from the CPU's, and with
        near-equal scores so can a translation (seen on an H200), so each is kept apart."""
        if self.backend == "ct2":
            return f"CTranslate2 {self.quantization}"
        return "transformers (cuda)" if self.device == "cuda" else "transformers"


def describe(
    spec: ModelSpec,
    where: Path,
    backend: str = "torch",
    quantization: str | None = None,
    fallback: str | None = None,
    device: str = "cpu",
) -> ModelInfo:
    config = _read_json(where / "config.json")
    tokenizer_config = _read_json(where / "tokenizer_config.json")
    limits = [config.get("max_position_embeddings") or 512]
    model_max = tokenizer_config.get("model_max_length")
    if isinstance(model_max, int) and 0 < model_max < 100_000:
        limits.append(model_max)
    if where.parent.name == "snapshots":  # a hub snapshot: its commit
        revision = where.name
    elif spec.is_local:
        revision = folder_fingerprint(where)
    else:
        revision = spec.revision
    return ModelInfo(
        spec,
        where,
        revision,
        min(limits),
        str(config.get("model_type", "?")),
        backend,
        (GPU_COMPUTE.get(quantization, quantization) if device == "cuda" else quantization)
        if backend == "ct2"
        else None,
        fallback,
        device,
    )


# CTranslate2 compute types on a GPU for each --quantization: int8 weights with float16
# activations, and float16 where float32 was asked (a GPU's float32 wastes it). The compute
# type is in the label, so in the cache key: a GPU's output is not taken for a CPU's.
GPU_COMPUTE = {"int8": "int8_float16", "int8_float32": "int8_float32", "float32": "float16"}


def cuda_devices(backend: str) -> int:
    """How many CUDA devices ``backend`` ("ct2" or "torch") can use here (0 without)."""
    return _cuda_devices(backend)


@functools.cache
def _cuda_devices(backend: str) -> int:
    if sys.platform.startswith("linux") and not any(
        os.path.exists(node) for node in ("/dev/nvidia0", "/dev/nvidiactl", "/dev/dxg")
    ):
        return 0  # no GPU device here: said without importing torch (a second or two)
    try:
        if backend == "ct2":
            import ctranslate2

            return ctranslate2.get_cuda_device_count()
        import torch

        return torch.cuda.device_count() if torch.cuda.is_available() else 0
    except Exception:  # noqa: BLE001 - not installed, no driver: no GPU
        return 0


def check_device(device: str, backend: str = "auto") -> None:
    """``--device cuda`` on a machine where no backend sees a GPU is a usage error, said
    before any work (exit 2)."""
    if device != "cuda":
        return
    kinds = ["ct2", "torch"] if backend == "auto" else [backend]
    if not any(cuda_devices(kind) for kind in kinds):
        from mtsum.errors import UsageError

        raise UsageError(
            "--device cuda: no CUDA device is visible to "
            + (" or ".join({"ct2": "CTranslate2", "torch": "torch"}[k] for k in kinds))
            + " (use --device cpu or auto)"
        )


class Backends:
    """Finds, describes and loads models for one run, with one backend policy.

    ``backend``: auto | ct2 | torch. ``quantization`` (CTranslate2): int8 | int8_float32 |
    float32. ``threads``: CPU threads per model (default: the machine's cores).
    """

    def __init__(
        self,
        backend: str = "auto",
        *,
        quantization: str = "int8",
        threads: int | None = None,
        cache_dir: Path | None = None,
        download: bool = False,
        device: str = "auto",
    ):
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r} (expected one of {BACKENDS})")
        if quantization not in QUANTIZATIONS:
            raise ValueError(
                f"unknown quantization {quantization!r} (expected one of {QUANTIZATIONS})"
            )
        self.backend = backend
        self.quantization = quantization
        self.threads = threads or default_threads()
        self.cache_dir = cache_dir
        self.download = download
        self.device = device
        self.notes: list[str] = []  # each said once (stderr) and kept for the briefing
        self._shared: dict = {}  # loaded weights, by backend and folder
        self._unconvertible: dict[str, str] = {}  # folder -> why its conversion failed

    @classmethod
    def from_settings(cls, settings) -> Backends:
        return cls(
            settings.backend,
            quantization=settings.quantization,
            threads=settings.threads,
            cache_dir=settings.resolved_cache_dir,
            download=settings.download,
            device=getattr(settings, "device", "auto"),
        )

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
            log.warning("%s", text)

    def _choose(self, spec: ModelSpec, where: Path) -> tuple[str, str | None]:
        if self.backend == "torch":
            return "torch", None
        from mtsum.backends import ct2

        model_type = _read_json(where / "config.json").get("model_type", "?")
        if not ct2.available():
            reason = "ctranslate2 is not installed"
            self._note(f"{reason} (pip install ctranslate2): models run on transformers, slower")
        elif model_type not in ct2.SUPPORTED:
            reason = f"CTranslate2 backend does not support model type {model_type!r}"
            self._note(f"{spec.model}: {reason}; it runs on transformers")
        elif str(where) in self._unconvertible:
            reason = self._unconvertible[str(where)]
        else:
            return "ct2", None
        return "torch", reason

    def describe(self, spec: ModelSpec) -> ModelInfo:
        """The model's folder, identity, limits and backend; raises ModelUnavailable."""
        where = _find(spec, self.download)
        backend, fallback = self._choose(spec, where)
        return describe(spec, where, backend, self.quantization, fallback, self.device_for(backend))

    def device_for(self, backend: str) -> str:
        """ "cuda" or "cpu" for a model on ``backend``: auto takes a GPU when it sees one."""
        if self.device == "auto":
            return "cuda" if cuda_devices(backend) else "cpu"
        return self.device

    def load(
        self, task: str, spec: ModelSpec, *, beam: int = 4, generate_options: dict | None = None
    ) -> Translator | Summarizer:
        """A ``task`` ("translate" or "summarize") model for ``spec`` on its backend. Pairs
        routed to one model folder (no-en, da-en, sv-en -> opus-mt-tc-big-gmq-en) share its
        weights in memory; each gets its own tokenizer settings."""
        info = self.describe(spec)
        if info.device == "cpu":
            from mtsum.backends.memory import keep_freed_memory

            keep_freed_memory()
        if info.backend == "ct2":
            from mtsum.backends import ct2

            made = ct2.Ct2Translator if task == "translate" else ct2.Ct2Summarizer
            try:
                return made(
                    info,
                    beam=beam,
                    threads=self.threads,
                    generate_options=generate_options,
                    shared=self._shared,
                    cache_dir=self.cache_dir,
                )
            except ct2.ConversionFailed as exc:
                if self.backend == "ct2":
                    raise
                # auto: the model still runs, on transformers; describe() says so from now,
                # and the note is said once transformers has it running.
                self._unconvertible[str(info.where)] = str(exc)
                info = self.describe(spec)
                _require_torch()
                from mtsum.backends import hf

                made = (
                    hf.TransformersTranslator if task == "translate" else hf.TransformersSummarizer
                )
                model = made(
                    info,
                    beam=beam,
                    threads=self.threads,
                    generate_options=generate_options,
                    shared=self._shared,
                )
                self._note(f"{exc}; it runs on transformers")
                return model
        if info.backend == "torch":
            _require_torch()
            from mtsum.backends import hf

            made = hf.TransformersTranslator if task == "translate" else hf.TransformersSummarizer
        return made(
            info,
            beam=beam,
            threads=self.threads,
            generate_options=generate_options,
            shared=self._shared,
        )

    def translator(self, spec: ModelSpec, **options) -> Translator:
        return self.load("translate", spec, **options)

    def summarizer(self, spec: ModelSpec, **options) -> Summarizer:
        return self.load("summarize", spec, **options)


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
        raise ModelUnavailable(
            spec.model,
            "HF_HUB_OFFLINE is set: cannot download",
            fix="unset HF_HUB_OFFLINE on a connected machine",
        )
    from huggingface_hub import snapshot_download

    try:
        folder = snapshot_download(
            spec.model, revision=spec.revision, allow_patterns=_PULL_PATTERNS
        )
        if not list(Path(folder).glob("*.safetensors")):
            # Older repos only have pytorch_model.bin.
            folder = snapshot_download(
                spec.model,
                revision=spec.revision,
                allow_patterns=_PULL_PATTERNS + ["pytorch_model.bin"],
            )
    except Exception as exc:  # network, auth, missing repo, dropped connection: one line
        raise ModelUnavailable(
            spec.model,
            f"download failed: {type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}",
            fix="try again when the network is back; files already fetched are kept",
        ) from None
    return Path(folder)
