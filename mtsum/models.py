"""What ``mtsum models`` reports: every routed model, where it comes from, whether it is here."""

from __future__ import annotations

from mtsum.backends import local_path, pull_command
from mtsum.errors import UsageError
from mtsum.registry import OPT_IN, ModelSpec, Registry
from mtsum.settings import Settings


def _folder_size(path) -> str:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return f"{total / 1e6:.0f} MB"


def model_rows(settings: Settings) -> list[dict]:
    registry = Registry(settings.models)
    rows = []
    for spec in registry.all_specs() + list(OPT_IN):
        where = local_path(spec)
        rows.append(
            {
                "pair": spec.pair + (" (opt-in)" if spec.opt_in else ""),
                "task": spec.task,
                "model": spec.model,
                "origin": "local folder" if spec.is_local else "hub",
                "present": where is not None,
                "path": str(where) if where else None,
                "present_text": f"yes ({where})" if where else f"no: {pull_command(spec)}",
                "size": _folder_size(where) if where else spec.size,
                "licence": spec.licence,
            }
        )
    return rows


def converted_rows(settings: Settings) -> list[dict]:
    """Models converted for CTranslate2 in the cache: model, revision, quantization, size."""
    from mtsum.backends.ct2 import converted_copies

    return converted_copies(settings.resolved_cache_dir)


def specs_for(items: tuple[str, ...] | list[str], settings: Settings) -> list[ModelSpec]:
    """Pairs ("no-en"), "summarize" or model ids -> specs; nothing -> every default model."""
    registry = Registry(settings.models)
    if not items:
        unique = {}
        for spec in registry.all_specs():
            unique.setdefault(spec.model, spec)
        return list(unique.values())
    specs = []
    for item in items:
        if item == "summarize":
            spec = registry.summarizer()
        elif "/" in item or item.startswith("."):
            known = [s for s in registry.all_specs() + list(OPT_IN) if s.model == item]
            spec = known[0] if known else ModelSpec("translate", "*", None, item)
        elif "-" in item:
            source, target = item.split("-", 1)
            spec = registry.translation(source, target)
        else:
            spec = None
        if spec is None:
            raise UsageError(f"{item}: not a language pair (no-en), 'summarize' or a model id")
        specs.append(spec)
    return specs
