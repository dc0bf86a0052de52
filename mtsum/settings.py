"""Settings: defaults, then ``mtsum.toml``, then the environment, then command-line options.

Resolved once into a :class:`Settings` object that is passed down; nothing reads configuration
from anywhere else. Example ``mtsum.toml``::

    [models]
    "no-en" = "/srv/models/opus-mt-tc-big-gmq-en"   # a local folder ...
    "en-vi" = "Helsinki-NLP/opus-mt-en-vi"           # ... or a hub id
    summarize = "sshleifer/distilbart-cnn-12-6"

    [translate]
    beam = 4
    batch_size = 32
    batch_tokens = 2048

    [runtime]
    backend = "auto"        # auto | ct2 | torch
    quantization = "int8"   # CTranslate2: int8 | int8_float32 | float32
    threads = 4             # default: the machine's cores

    [cache]
    dir = "~/.cache/mtsum"
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from mtsum.errors import ConfigError

CONFIG_NAME = "mtsum.toml"
BACKENDS = ("auto", "ct2", "torch")
QUANTIZATIONS = ("int8", "int8_float32", "float32")


def default_cache_dir() -> Path:
    """``$MTSUM_CACHE_DIR``, else the user's cache folder (~/.cache/mtsum on Linux)."""
    if os.environ.get("MTSUM_CACHE_DIR"):
        return Path(os.environ["MTSUM_CACHE_DIR"]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtsum", appauthor=False))


@dataclass(frozen=True)
class Settings:
    out_dir: Path = Path("out")
    date: dt.date | None = None  # the briefing's "generated on" date; today when None
    engine: str = "auto"  # summariser: auto | extractive | abstractive
    sentences: int = 3  # per-article summary length
    brief_points: int = 7  # cross-article brief length
    models: dict[str, str] = field(default_factory=dict)  # "no-en" -> hub id or folder
    beam: int = 4
    batch_size: int = 32  # sentences per batch (CTranslate2: ~1.1x the throughput of 16)
    batch_tokens: int = 2048  # source tokens per batch
    max_input_tokens: int | None = None  # None: the model's own limit
    cache_dir: Path | None = None  # None: the user cache folder
    use_cache: bool = True
    download: bool = False  # fetch missing models from the hub during a run
    max_bytes: int = 2_000_000
    translate: bool = True  # False: never load a translation model
    week: str | None = None  # "2024-W08" or "latest": brief only that ISO week
    since: dt.date | None = None  # brief only articles dated on or after
    until: dt.date | None = None  # ... and on or before
    backend: str = "auto"  # auto (CTranslate2 where it can) | ct2 | torch
    quantization: str = "int8"  # CTranslate2 weights: int8 | int8_float32 | float32
    threads: int | None = None  # CPU threads per model; None: the machine's cores

    def __post_init__(self):
        from mtsum.errors import UsageError

        if self.backend not in BACKENDS:
            raise UsageError(f"backend {self.backend!r}: expected one of {', '.join(BACKENDS)}")
        if self.quantization not in QUANTIZATIONS:
            raise UsageError(f"quantization {self.quantization!r}: expected one of "
                             f"{', '.join(QUANTIZATIONS)}")
        if self.threads is not None and self.threads < 1:
            raise UsageError("threads must be at least 1")

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or default_cache_dir()


def _load_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _model_ref(value: str, base: Path) -> str:
    """A path-looking value ("./m", "/srv/m", "~/m") is a folder relative to the config file."""
    if value.startswith((".", "/", "~")):
        return str((base / Path(value).expanduser()).resolve())
    return value


def _from_toml(data: dict, path: Path) -> dict:
    known = {"models", "translate", "cache", "brief", "summarize", "runtime"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    values: dict = {}
    models = data.get("models", {})
    if not isinstance(models, dict) or not all(isinstance(v, str) for v in models.values()):
        raise ConfigError(f"{path}: [models] maps a pair like \"no-en\" to a model id or folder")
    base = path.parent
    values["models"] = {k: _model_ref(v, base) for k, v in models.items()}
    translate = data.get("translate", {})
    for key in ("beam", "batch_size", "batch_tokens", "max_input_tokens"):
        if key in translate:
            if not isinstance(translate[key], int) or translate[key] < 1:
                raise ConfigError(f"{path}: [translate] {key} must be a positive integer")
            values[key] = translate[key]
    if "download" in translate:
        values["download"] = bool(translate["download"])
    cache = data.get("cache", {})
    if "dir" in cache:
        values["cache_dir"] = (base / Path(cache["dir"]).expanduser()).resolve()
    if "enabled" in cache:
        values["use_cache"] = bool(cache["enabled"])
    brief = data.get("brief", {})
    for key in ("sentences", "brief_points"):
        if key in brief:
            values[key] = int(brief[key])
    summarize = data.get("summarize", {})
    if "engine" in summarize:
        values["engine"] = str(summarize["engine"])
    runtime = data.get("runtime", {})
    for key, choices in (("backend", BACKENDS), ("quantization", QUANTIZATIONS)):
        if key in runtime:
            if runtime[key] not in choices:
                raise ConfigError(f"{path}: [runtime] {key} must be one of {', '.join(choices)}")
            values[key] = runtime[key]
    if "threads" in runtime:
        if not isinstance(runtime["threads"], int) or runtime["threads"] < 1:
            raise ConfigError(f"{path}: [runtime] threads must be a positive integer")
        values["threads"] = runtime["threads"]
    return values


def load_settings(config: str | os.PathLike | None = None, **overrides) -> Settings:
    """Defaults <- ``mtsum.toml`` (``config`` or the working folder's) <- env <- ``overrides``.

    ``overrides`` whose value is None are ignored, so CLI options can be passed straight in.
    """
    values: dict = {}
    path = Path(config) if config else Path(CONFIG_NAME)
    if config and not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    if path.is_file():
        values.update(_from_toml(_load_toml(path), path))
    if os.environ.get("MTSUM_CACHE_DIR"):
        values["cache_dir"] = Path(os.environ["MTSUM_CACHE_DIR"]).expanduser()
    models = dict(values.get("models", {}))
    models.update(overrides.pop("models", None) or {})
    values["models"] = models
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
