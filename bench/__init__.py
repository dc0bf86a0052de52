"""mtsum's benchmarks: each prints its figures. Run them from the repository root as
modules, ``python -m bench.NAME`` (so they import ``bench._common`` and ``tests.tiny_models``
as packages), e.g. ``python -m bench.eval_figures --check``."""
