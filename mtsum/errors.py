"""The errors a user can cause, and the exit codes the command line turns them into.

Anything that is not an :class:`MtsumError` is a bug and is allowed to show a traceback.
"""

from __future__ import annotations

# Exit codes of the command line (documented in README.md).
EXIT_OK = 0
EXIT_BUG = 1  # an unexpected error (a traceback): please report it
EXIT_USAGE = 2  # bad options, a missing path, an empty folder (click uses 2 as well)
EXIT_SOME_SKIPPED = 3  # the briefing was written, but some inputs were skipped
EXIT_ALL_FAILED = 4  # no input could be used: nothing was written
EXIT_NO_MODEL = 5  # `mtsum translate`: the model it needs is not available
EXIT_NUMBERS_DIFFER = 6  # `mtsum verify`: some figures of the translation differ
EXIT_NOT_WRITTEN = 7  # an output could not be written: the previous files are kept
EXIT_INTERRUPTED = 130  # Ctrl-C: nothing half-written is kept


_UNSAFE = None


def printable(text: object) -> str:
    """``text`` as it may reach a terminal or a notice: control characters (a newline that
    would start a forged "mtsum:" line, an escape sequence that sets the terminal's title,
    DEL, the C1 controls) and the marks that reorder text (bidi overrides) are written as
    Python escapes (``\\n``, ``\\x1b``, ``\\u202e``). Used for every message on stderr and
    every notice: file names, titles and addresses come from outside."""
    global _UNSAFE
    if _UNSAFE is None:
        import re

        _UNSAFE = re.compile(
            "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
        )
    text = str(text)
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def model_name(model: str) -> str:
    """A model as messages and outputs name it: a hub id, or a local folder by its name alone
    (an absolute local path is never shown)."""
    import os

    if model.startswith(("/", ".", "~")) or os.path.isabs(model):
        return os.path.basename(os.path.normpath(model)) or model
    return model


RUNTIMES = ("torch",)  # ModelUnavailable's "model" when a runtime is missing, not a model


class MtsumError(Exception):
    """A problem the user can fix; shown as one line on stderr."""

    exit_code = EXIT_USAGE


class UsageError(MtsumError):
    """Bad arguments: a missing path, an empty folder, an unknown option value."""


class InputError(MtsumError):
    """One input file cannot be used (empty, binary, undecodable, unreadable, too large)."""

    exit_code = EXIT_SOME_SKIPPED

    def __init__(self, path, reason: str, kind: str = "other"):
        self.path = path
        self.reason = reason
        self.kind = kind  # empty, binary, encoding, too_large, no_words, link_loop, ...
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # pickled whole: read in a worker process (mtsum.prepare)
        return (type(self), (self.path, self.reason, self.kind))


class NothingToBrief(MtsumError):
    """Every input failed: there is nothing to write."""

    exit_code = EXIT_ALL_FAILED


class ConfigError(MtsumError):
    """The configuration file is malformed or names something unknown."""


class ModelUnavailable(MtsumError):
    """A model could not be loaded (not cached locally, no network, or no torch).

    ``fix`` is the exact command that makes it available.
    """

    exit_code = EXIT_NO_MODEL

    def __init__(self, model: str, reason: str, fix: str | None = None, *, broken: bool = False):
        self.model = model
        self.reason = reason
        self.fix = fix
        self.broken = broken  # it is there but cannot be loaded (damaged), not just missing
        if model in RUNTIMES:  # a runtime a model needs, not a model: "PyTorch is not ..."
            message = reason
        else:
            message = f"model {model_name(model)} is not available: {reason}"
        if fix:
            message += f" (fix: {fix})"
        super().__init__(message)


class TranslationFailed(MtsumError):
    """Some sentences could not be translated: a worker failed every retry (the briefing
    keeps such an article untranslated; ``mtsum translate`` stops with exit 5)."""

    exit_code = EXIT_NO_MODEL


class OutputError(UsageError):
    """An output could not be written (disk full, permissions changed): nothing was replaced."""

    exit_code = EXIT_NOT_WRITTEN
