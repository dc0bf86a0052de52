"""mtsum: multilingual news translation and summarisation into one sourced briefing.

The Python API mirrors the command line (``mtsum brief``, ``mtsum detect``, ``mtsum translate``)::

    from mtsum.brief import make_briefing, write_briefing
    from mtsum.settings import Settings

    result = make_briefing(["seeds/"], Settings())
    write_briefing(result.briefing, "out/")

Importing :mod:`mtsum` loads nothing heavy: no model, no torch, no transformers.
"""

__version__ = "0.1.0"
