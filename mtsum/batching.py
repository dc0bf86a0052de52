"""Sentences into model batches, below both the engine (:mod:`mtsum.translate`) and the
executors (:mod:`mtsum.executors`): the same code cuts and decodes the work in this process
and in a Ray worker.

- :func:`chunks_of` cuts the work into chunks of similar length (a Ray worker's unit);
- :func:`make_batches` packs indices into batches by length under a token budget;
- :func:`costliest_first` orders the batches for decoding: the costliest first, the small
  ones last (with several batches decoding at once, a run then ends on a small batch);
- :func:`translate_pieces` splits what is too long, batches and decodes.

Output caps. Each sentence has its own output cap, about twice its input
(:func:`mtsum.backends.hf.decoding_cap`), a function of the sentence alone, so a cached answer
never depends on the batch it was made in. A model that decodes greedily (beam 1) takes a
full batch of sentences with different caps: it decodes under the batch's largest cap and cuts
each output at its own cap, which gives exactly what decoding under that cap gives, since a
greedy step depends only on the steps before it (the backends' ``cuts_at_cap``). Beam search
is not like that (a longer limit changes which hypotheses survive and win), so for beam > 1
batches are made per cap, and the cap is rounded to a coarser step (:data:`BEAM_CAP_STEP`)
so that a normal mix of lengths falls into few caps.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   translate_pieces: one packing loop (pieces, caps, fallbacks): the cap guarantee in one place

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from mtsum.chunks import pack, split_to_fit

log = logging.getLogger(__name__)

CHUNK_SENTENCES = 128  # sentences a Ray worker takes at a time (several batches)
CAP_STEP = 16  # greedy: caps rounded up to a multiple of this
BEAM_CAP_STEP = 64  # beam search: batches are made per cap, so fewer, coarser caps


def decoding_cap(length: int, limit: int, step: int = CAP_STEP) -> int:
    """A translation's output cap for a ``length``-token input: about twice the input,
    rounded up to a multiple of ``step``, never over ``limit``. It depends on the sentence
    alone, never on its batch."""
    return min(limit, -(-(2 * length + 10) // step) * step)


def cap_step(beam: int) -> int:
    """The rounding of the output caps for ``beam`` (part of the cache key)."""
    return CAP_STEP if beam <= 1 else BEAM_CAP_STEP


def chunks_of(texts: Sequence[str]) -> list[list[int]]:
    """The work cut into chunks of up to :data:`CHUNK_SENTENCES` sentences of similar length
    (indices into ``texts``), batched within each chunk. Both executors cut it the same way:
    a sentence is batched with the same others on either, so it gets the same numbers out of
    the model (padding and matrix shapes can move a near tie in the last digits)."""
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    return [order[k : k + CHUNK_SENTENCES] for k in range(0, len(order), CHUNK_SENTENCES)]


def make_batches(
    lengths: Sequence[int], batch_size: int, batch_tokens: int, caps: Sequence[int] | None = None
) -> list[list[int]]:
    """Indices grouped into batches of similar length: padded size within ``batch_tokens``,
    at most ``batch_size`` each, and (with ``caps``: beam search) one output cap per batch."""
    caps = caps or [0] * len(lengths)
    order = sorted(range(len(lengths)), key=lambda i: (caps[i], lengths[i], i))
    batches: list[list[int]] = []
    for cap in dict.fromkeys(caps[i] for i in order):
        bucket = [i for i in order if caps[i] == cap]
        batches.extend(
            pack(
                bucket,
                lambda g: (
                    len(g) <= batch_size and max(lengths[i] for i in g) * len(g) <= batch_tokens
                ),
            )
        )
    return batches


def _pieces(
    model, sentences: Sequence[str], limit: int, stats
) -> tuple[list[str], list[int], list[int]]:
    """Each sentence in pieces that fit the model's input limit, the owner of each, and each
    piece's length in tokens. The sentences are counted once, together; only one over the
    limit is split (:func:`mtsum.chunks.split_to_fit`) and its pieces counted."""
    pieces: list[str] = []
    owner: list[int] = []
    lengths: list[int] = []
    counts = model.count_tokens(list(sentences)) if sentences else []
    for i, (sentence, count) in enumerate(zip(sentences, counts)):
        if count <= limit:
            pieces.append(sentence)
            owner.append(i)
            lengths.append(count)
            continue
        parts = split_to_fit(sentence, lambda t: model.count_tokens([t])[0] <= limit)
        if len(parts) > 1:
            if stats is not None:
                stats.split_sentences += 1
            log.warning(
                "a sentence of %d characters is longer than %s's input limit "
                "(%d tokens): translated in %d parts",
                len(sentence),
                model.model_id,
                limit,
                len(parts),
            )
        pieces.extend(parts)
        owner.extend([i] * len(parts))
        lengths.extend(model.count_tokens(parts))
    return pieces, owner, lengths


def costliest_first(
    batches: Sequence[Sequence[int]], lengths: Sequence[int], caps: Sequence[int]
) -> list[int]:
    """The order to decode ``batches`` in (indices into it): the costliest first, by padded
    input and output positions (rows x (longest input + largest cap)), so that the last
    batches of a run are its small ones: with several batches decoded at once, the cores
    that finish first then wait for a small batch, not a full one. The batches themselves do
    not change, so neither does any translation."""
    cost = [len(b) * (max(lengths[j] for j in b) + max(caps[j] for j in b)) for b in batches]
    return sorted(range(len(batches)), key=lambda k: (-cost[k], k))


def translate_pieces(
    model,
    sentences: Sequence[str],
    limit: int,
    batch_size: int,
    batch_tokens: int,
    stats=None,
    chunks: Sequence[Sequence[int]] | None = None,
) -> Iterator[dict[int, tuple[str, bool]]]:
    """Translate ``sentences`` with a loaded ``model``, yielding ``{index: (translation,
    split)}`` as batches complete. A sentence over the model's input limit is split into
    pieces that fit (their translations joined; ``split`` says so). Every piece has its own
    output cap; a model that cuts exactly at each cap (greedy) gets full batches by length,
    any other gets batches per cap (see the module's note). ``chunks`` (lists of indices into
    ``sentences``): batches are made within each chunk, as a Ray worker given that chunk alone
    would make them (:func:`chunks_of`), and all are decoded in one stream, the costliest
    batches first (:func:`costliest_first`)."""
    pieces, owner, lengths = _pieces(model, sentences, limit, stats)
    beam = getattr(model, "beam", 1) or 1
    caps = [decoding_cap(n, limit, cap_step(beam)) for n in lengths]
    per_cap = not getattr(model, "cuts_at_cap", False)
    pieces_of: dict[int, list[int]] = {}
    for j, i in enumerate(owner):
        pieces_of.setdefault(i, []).append(j)
    remaining = {i: len(js) for i, js in pieces_of.items()}
    split = {i for i, js in pieces_of.items() if len(js) > 1}
    batches: list[list[int]] = []
    for chunk in chunks or [range(len(sentences))]:
        members = [j for i in chunk for j in pieces_of.get(i, ())]
        batches += [
            [members[m] for m in batch]
            for batch in make_batches(
                [lengths[j] for j in members],
                batch_size,
                batch_tokens,
                [caps[j] for j in members] if per_cap else None,
            )
        ]
    batches = [batches[k] for k in costliest_first(batches, lengths, caps)]
    texts = [[pieces[j] for j in batch] for batch in batches]
    batch_caps = [[caps[j] for j in batch] for batch in batches]
    # A backend that decodes several batches at once (CTranslate2) takes them all.
    if hasattr(model, "translate_batches"):
        translated = model.translate_batches(texts, max_tokens=batch_caps)
    else:
        translated = (model.translate_batch(t, max_tokens=c) for t, c in zip(texts, batch_caps))
    translated_pieces: list[str] = [""] * len(pieces)
    for batch, outputs in zip(batches, translated):
        finished: dict[int, tuple[str, bool]] = {}
        for j, text in zip(batch, outputs):
            translated_pieces[j] = text
            i = owner[j]
            remaining[i] -= 1
            if remaining[i] == 0:
                finished[i] = (" ".join(translated_pieces[m] for m in pieces_of[i]), i in split)
        if finished:
            yield finished
