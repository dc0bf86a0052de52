"""mtsum: multilingual news translation and summarisation into one sourced briefing.

The Python API mirrors the command line (``mtsum brief``, ``mtsum detect``, ``mtsum translate``)::

    from mtsum.brief import make_briefing
    from mtsum.render import write_briefing
    from mtsum.settings import Settings

    briefing = make_briefing(["seeds/"], Settings())
    write_briefing(briefing, "out/")

Importing :mod:`mtsum` loads nothing heavy: no model, no torch, no transformers.
"""

__version__ = "0.2.0"
