"""The model registry: (task, source, target) -> :class:`ModelSpec`.

Defaults are open-licence models that run on a CPU. A user overrides any pair in
``mtsum.toml`` ``[models]`` or with ``--model``, with a hub id or a local folder. Non-commercial
models are never chosen by default; they are listed as opt-ins with their licence shown.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from mtsum import languages


@dataclass(frozen=True)
class ModelSpec:
    task: str  # "translate" or "summarize"
    source: str  # langdetect code, or "*" for any
    target: str | None
    model: str  # hub id or local folder
    arch: str = "marian"  # marian | m2m100 | nllb | bart
    licence: str = "unknown"
    size: str = "?"  # approximate download size
    prefix: str = ""  # text put before every source sentence, e.g. ">>vie<<"
    revision: str | None = None
    opt_in: bool = False  # non-commercial or otherwise not chosen by default

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}" if self.target else self.task

    @property
    def is_local(self) -> bool:
        return self.model.startswith((".", "/", "~")) or Path(self.model).is_dir()


def _opus(src: str, tgt: str, **kw) -> ModelSpec:
    return ModelSpec(
        "translate",
        src,
        tgt,
        f"Helsinki-NLP/opus-mt-{src}-{tgt}",
        licence=kw.pop("licence", "Apache-2.0"),
        size=kw.pop("size", "~300 MB"),
        **kw,
    )


_GMQ_EN = "Helsinki-NLP/opus-mt-tc-big-gmq-en"  # North Germanic (no, da, sv, is...) -> English

DEFAULTS: tuple[ModelSpec, ...] = (
    _opus("vi", "en"),
    _opus("en", "vi", prefix=">>vie<<"),
    ModelSpec("translate", "no", "en", _GMQ_EN, licence="CC-BY-4.0", size="~950 MB"),
    ModelSpec("translate", "da", "en", _GMQ_EN, licence="CC-BY-4.0", size="~950 MB"),
    ModelSpec("translate", "sv", "en", _GMQ_EN, licence="CC-BY-4.0", size="~950 MB"),
    _opus("ja", "en"),
    _opus("ko", "en"),
    _opus("zh", "en"),
    _opus("de", "en"),
    _opus("fr", "en"),
    _opus("es", "en"),
    ModelSpec(
        "translate", "*", "en", "facebook/m2m100_418M", arch="m2m100", licence="MIT", size="~1.9 GB"
    ),
    ModelSpec(
        "translate", "*", "vi", "facebook/m2m100_418M", arch="m2m100", licence="MIT", size="~1.9 GB"
    ),
    ModelSpec(
        "summarize",
        "en",
        None,
        "sshleifer/distilbart-cnn-12-6",
        arch="bart",
        licence="Apache-2.0",
        size="~1.2 GB",
    ),
)

OPT_IN: tuple[ModelSpec, ...] = (
    ModelSpec(
        "translate",
        "*",
        "en",
        "facebook/nllb-200-distilled-600M",
        arch="nllb",
        licence="CC-BY-NC-4.0 (non-commercial)",
        size="~2.5 GB",
        opt_in=True,
    ),
)

# Where langdetect's code and the model's code differ.
normalize_lang = languages.base  # the code routing uses: "nb"/"nn" are "no", "zh-cn" "zh"


def _guess_arch(model: str) -> str:
    name = model.lower()
    for arch in ("m2m100", "nllb", "bart", "marian"):
        if arch in name:
            return arch
    return "auto"


def _spec_for_override(
    task: str, source: str, target: str | None, model: str, default: ModelSpec | None
) -> ModelSpec:
    model = os.path.expanduser(model)
    if default is not None and default.model == model:
        return default
    arch = _guess_arch(model)
    prefix = (
        ">>vie<<" if task == "translate" and target == "vi" and arch in ("marian", "auto") else ""
    )
    return ModelSpec(
        task, source, target, model, arch=arch, licence="(user's choice)", size="?", prefix=prefix
    )


class Registry:
    """Looks up the model for a task and language pair, user overrides first."""

    def __init__(
        self, overrides: dict[str, str] | None = None, specs: tuple[ModelSpec, ...] = DEFAULTS
    ):
        self.overrides = {k.lower(): v for k, v in (overrides or {}).items()}
        self.specs = specs

    def _default(self, task: str, source: str, target: str | None) -> ModelSpec | None:
        exact = [
            s for s in self.specs if s.task == task and s.source == source and s.target == target
        ]
        if exact:
            return exact[0]
        fallback = [
            s for s in self.specs if s.task == task and s.source == "*" and s.target == target
        ]
        return replace(fallback[0], source=source) if fallback else None

    def translation(self, source: str, target: str) -> ModelSpec | None:
        source, target = normalize_lang(source), normalize_lang(target)
        if source == target:
            return None
        default = self._default("translate", source, target)
        override = self.overrides.get(f"{source}-{target}")
        if override:
            return _spec_for_override("translate", source, target, override, default)
        return default

    def summarizer(self) -> ModelSpec | None:
        default = self._default("summarize", "en", None)
        override = self.overrides.get("summarize")
        if override:
            return _spec_for_override("summarize", "en", None, override, default)
        return default

    def all_specs(self) -> list[ModelSpec]:
        """Every spec the tool routes to, overrides applied, for ``mtsum models list``."""
        seen, out = set(), []
        for spec in self.specs:
            if spec.task == "translate" and spec.source != "*":
                resolved = self.translation(spec.source, spec.target)
            elif spec.task == "summarize":
                resolved = self.summarizer()
            else:
                resolved = spec
            key = (resolved.task, resolved.source, resolved.target)
            if key not in seen:
                seen.add(key)
                out.append(resolved)
        for pair in self.overrides:
            if "-" in pair:
                source, target = pair.split("-", 1)
                spec = self.translation(source, target)
                if spec and (spec.task, spec.source, spec.target) not in seen:
                    seen.add((spec.task, spec.source, spec.target))
                    out.append(spec)
        return out
