"""Settings: defaults, then ``mtsum.toml``, then the environment, then command-line options.

Resolved once into a :class:`Settings` object that is passed down; nothing reads configuration
from anywhere else. Defaults live in :class:`Settings`; :data:`SCHEMA` says, for every key of
``mtsum.toml``, which setting it is, its type and its range, and the same checks apply to
values from the command line and the Python API. An unknown section or key, a value of the
wrong type or out of range is one line naming the file, the key and (for a typo) the nearest
valid key: exit 2, never a traceback. Example ``mtsum.toml``::

    [models]
    "no-en" = "/srv/models/opus-mt-tc-big-gmq-en"   # a local folder ...
    "en-vi" = "Helsinki-NLP/opus-mt-en-vi"           # ... or a hub id
    summarize = "sshleifer/distilbart-cnn-12-6"

    [translate]
    window = 64             # articles whose sentences are translated together
    beam = 4
    batch_size = 64
    batch_tokens = 2048

    [runtime]
    backend = "auto"        # auto | ct2 | torch
    quantization = "int8"   # CTranslate2: int8 | int8_float32 | float32
    threads = 4             # default: the machine's cores

    [run]
    executor = "local"      # local | ray
    ray_address = "auto"    # default: a running cluster if there is one, else a local Ray
    ray_connect_timeout = 30  # seconds: an address that does not answer fails then (exit 2)
    device = "auto"         # auto | cpu | cuda
    lock_wait = 60          # seconds to wait for another run writing to the same --out

    [brief]
    sentences = 3           # per-article summary
    points = 7              # cross-article brief
    subject = "Quang Ninh"  # the place the figures are about (default: the one named most)

    [summarize]
    engine = "auto"         # auto | extractive | abstractive

    [input]
    max_bytes = 2000000     # larger files are skipped
    follow_links = false    # follow links that leave the input folders
    dedup = true            # brief the same story once, its copies listed under it
    seconds_per_100kb = 5   # an article's time budget; past it, it is skipped and named

    [cache]
    dir = "~/.cache/mtsum"
    enabled = true
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from mtsum.errors import ConfigError, UsageError

CONFIG_NAME = "mtsum.toml"
BACKENDS = ("auto", "ct2", "torch")
QUANTIZATIONS = ("int8", "int8_float32", "float32")
ENGINES = ("auto", "extractive", "abstractive")
EXECUTORS = ("local", "ray")
DEVICES = ("auto", "cpu", "cuda")


def default_cache_dir() -> Path:
    """``$MTSUM_CACHE_DIR``, else the user's cache folder (~/.cache/mtsum on Linux)."""
    if os.environ.get("MTSUM_CACHE_DIR"):
        return Path(os.environ["MTSUM_CACHE_DIR"]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtsum", appauthor=False))


@dataclass(frozen=True)
class Option:
    """One setting: where it lives in ``mtsum.toml``, its type and its allowed values."""

    section: str
    key: str
    field: str  # the Settings field it sets
    type: str  # "int", "bool", "choice", "path", "str"
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.type == "int":
            return f"an integer from {self.low} to {self.high}"
        if self.type == "bool":
            return "true or false (without quotes)"
        if self.type == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        return "a text (in quotes)"

    def check(self, value: object) -> object:
        """The value, or :class:`ValueError` with what was expected."""
        if self.type == "int":  # only this type's test: 1 is no bool, and None no bound
            low, high = self.low, self.high
            ok = (
                isinstance(value, int)
                and not isinstance(value, bool)
                and low is not None
                and high is not None
                and low <= value <= high
            )
        elif self.type == "bool":
            ok = isinstance(value, bool)
        elif self.type == "choice":
            ok = isinstance(value, str) and value in self.choices
        elif self.type == "path":
            ok = isinstance(value, (str, Path)) and str(value) != ""
        else:
            ok = isinstance(value, str) and value != ""
        if not ok:
            raise ValueError(f"must be {self.describe()}, not {value!r}")
        return value


SCHEMA: tuple[Option, ...] = (
    Option("translate", "beam", "beam", "int", 1, 16),
    Option("translate", "batch_size", "batch_size", "int", 1, 1024),
    Option("translate", "batch_tokens", "batch_tokens", "int", 16, 1_000_000),
    Option("translate", "max_input_tokens", "max_input_tokens", "int", 8, 100_000),
    Option("translate", "download", "download", "bool"),
    Option("translate", "window", "window", "int", 1, 10_000),
    Option("runtime", "backend", "backend", "choice", choices=BACKENDS),
    Option("runtime", "quantization", "quantization", "choice", choices=QUANTIZATIONS),
    Option("runtime", "threads", "threads", "int", 1, 1024),
    Option("run", "executor", "executor", "choice", choices=EXECUTORS),
    Option("run", "ray_address", "ray_address", "str"),
    Option("run", "ray_connect_timeout", "ray_connect_timeout", "int", 1, 3600),
    Option("run", "device", "device", "choice", choices=DEVICES),
    Option("run", "lock_wait", "lock_wait", "int", 0, 86_400),
    Option("brief", "sentences", "sentences", "int", 1, 20),
    Option("brief", "points", "brief_points", "int", 1, 20),
    Option("brief", "brief_points", "brief_points", "int", 1, 20),  # the name of 0.1
    Option("brief", "subject", "subject", "str"),
    Option("summarize", "engine", "engine", "choice", choices=ENGINES),
    Option("input", "max_bytes", "max_bytes", "int", 1_000, 100_000_000),
    Option("input", "follow_links", "follow_links", "bool"),
    Option("input", "dedup", "dedup", "bool"),
    Option("input", "seconds_per_100kb", "seconds_per_100kb", "int", 1, 3600),
    Option("cache", "dir", "cache_dir", "path"),
    Option("cache", "enabled", "use_cache", "bool"),
)
SECTIONS = ("models",) + tuple(dict.fromkeys(o.section for o in SCHEMA))
_BY_FIELD = {o.field: o for o in SCHEMA}


@dataclass(frozen=True)
class Settings:
    out_dir: Path = Path("out")
    date: dt.date | None = None  # the briefing's "generated on" date; today when None
    engine: str = "auto"  # summariser: auto | extractive | abstractive
    sentences: int = 3  # per-article summary length
    brief_points: int = 7  # cross-article brief length
    subject: str | None = None  # the place the figures are about; None: the one named most
    models: dict[str, str] = field(default_factory=dict)  # "no-en" -> hub id or folder
    beam: int = 4
    batch_size: int = 64  # sentences per batch (CTranslate2 int8: 16% less CPU than 32)
    batch_tokens: int = 2048  # source tokens per batch
    max_input_tokens: int | None = None  # None: the model's own limit
    cache_dir: Path | None = None  # None: the user cache folder
    use_cache: bool = True
    download: bool = False  # fetch missing models from the hub during a run
    max_bytes: int = 2_000_000
    follow_links: bool = False  # follow links that resolve outside the input folders
    dedup: bool = True  # near-duplicate articles (mtsum.dedup) briefed once
    seconds_per_100kb: int = 5  # an article's time budget (mtsum.prepare.budget)
    translate: bool = True  # False: never load a translation model
    week: str | None = None  # "2024-W08" or "latest": brief only that ISO week
    since: dt.date | None = None  # brief only articles dated on or after
    until: dt.date | None = None  # ... and on or before
    backend: str = "auto"  # auto (CTranslate2 where it can) | ct2 | torch
    quantization: str = "int8"  # CTranslate2 weights: int8 | int8_float32 | float32
    threads: int | None = None  # CPU threads per model; None: the machine's cores
    window: int = 64  # articles whose sentences are translated together (1: each alone)
    executor: str = "local"  # local | ray
    ray_address: str | None = None  # None: a running cluster if any, else a local Ray
    device: str = "auto"  # auto (a GPU when one is seen) | cpu | cuda
    lock_wait: int = 60  # seconds a run waits for another writing to its --out, then exit 2
    # The briefing's parts, one per language, English (the pivot) first; a part language
    # needs a labels file (mtsum/data/labels/LANG.toml) and a model from English.
    parts: tuple[str, ...] = ("en", "vi")
    ray_connect_timeout: int = 30  # seconds to join a Ray cluster before giving up (exit 2)

    def __post_init__(self):
        for name, option in _BY_FIELD.items():
            value = getattr(self, name)
            if value is None:
                continue
            try:
                option.check(value)
            except ValueError as exc:
                raise UsageError(f"{name.replace('_', ' ')}: {exc}") from None

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
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


_MODEL_KEY = re.compile(r"^[a-z]{2,3}-[a-z]{2,3}$")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$|^[A-Za-z0-9][\w.-]*$")


def _model_key(key: str, path: Path) -> None:
    """A ``[models]`` key is a language pair ("no-en") or "summarize"; anything else (a typo
    such as "no_en") would be ignored, so it is one line naming it."""
    if key.lower() == "summarize" or _MODEL_KEY.match(key.lower()):
        return
    guess = re.sub(r"[\s_./>:]+", "-", key.strip().lower())
    hint = (
        f" (did you mean {guess!r}?)"
        if _MODEL_KEY.match(guess)
        else _nearest(key.lower(), ["summarize"])
    )
    raise ConfigError(
        f'{path}: [models] {key}: not a language pair such as "no-en" or "summarize"{hint}'
    )


def _model_ref(value: str, base: Path, path: Path, key: str) -> str:
    """A model's folder, relative to the config file (never to the working folder), or a hub
    id. A value that names a folder there, or looks like a path ("./m", "/srv/m", "~/m",
    "a/b/c"), is a folder, and must exist; else it is a hub id ("org/name")."""
    folder = (base / Path(value).expanduser()).resolve()
    if folder.is_dir():
        return str(folder)
    if value.startswith((".", "/", "~")) or "\\" in value or not _HUB_ID.match(value):
        raise ConfigError(
            f"{path}: [models] {key}: no folder {folder} (a relative folder is read from "
            "the folder of this file)"
        )
    return value


def _nearest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _from_toml(data: dict, path: Path) -> dict:
    """Settings values from a parsed ``mtsum.toml``, checked against :data:`SCHEMA`."""
    values: dict = {}
    for section, table in data.items():
        if section not in SECTIONS:
            raise ConfigError(
                f"{path}: unknown section [{section}]{_nearest(section, SECTIONS)}; "
                f"sections are {', '.join(f'[{s}]' for s in SECTIONS)}"
            )
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{section}] must be a table of 'key = value' lines")
    models = data.get("models", {})
    for pair, ref in models.items():
        if not isinstance(ref, str) or not ref:
            raise ConfigError(
                f"{path}: [models] {pair}: must be a model id or folder "
                f"(a text in quotes), not {ref!r}"
            )
        _model_key(pair, path)
    values["models"] = {k: _model_ref(v, path.parent, path, k) for k, v in models.items()}
    for section in SECTIONS[1:]:
        known = {o.key: o for o in SCHEMA if o.section == section}
        for key, value in data.get(section, {}).items():
            option = known.get(key)
            if option is None:
                raise ConfigError(
                    f"{path}: [{section}] {key}: unknown setting"
                    f"{_nearest(key, known)}; [{section}] takes "
                    f"{', '.join(known)}"
                )
            try:
                option.check(value)
            except ValueError as exc:
                raise ConfigError(f"{path}: [{section}] {key}: {exc}") from None
            if option.type == "path":
                value = (path.parent / Path(value).expanduser()).resolve()
            values[option.field] = value
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
