"""Batching (mtsum.batching): full batches by length whatever the sentences' output caps,
and a sentence's translation the same alone, in its batch and among other neighbours, on
both backends, greedy and beam."""

import math
from collections import Counter

import pytest

from mtsum.backends import Backends
from mtsum.backends.hf import decoding_cap
from mtsum.batching import BEAM_CAP_STEP, CAP_STEP, make_batches, translate_pieces
from mtsum.registry import ModelSpec
from mtsum.sentences import split_sentences
from tests.conftest import SEEDS, Recorder


@pytest.fixture(scope="module")
def varied_marian(tmp_path_factory):
    """A tiny Marian whose output depends on its input; random weights rarely say </s>, so
    nearly every output runs to its cap: the caps decide the outputs."""
    from tests.tiny_models import build_marian

    return build_marian(tmp_path_factory.mktemp("varied-marian"), init_std=0.3)


class Recording:
    """A loaded model, with every batch it is given recorded (texts and caps)."""

    def __init__(self, model):
        self.model = model
        self.batches: list[list[str]] = []
        self.caps: list[list[int]] = []

    def __getattr__(self, name):
        return getattr(self.model, name)

    def translate_batch(self, texts, max_tokens=None):
        self.batches.append(list(texts))
        self.caps.append(list(max_tokens))
        return self.model.translate_batch(texts, max_tokens=max_tokens)

    def translate_batches(self, batches, max_tokens=None):
        for texts, caps in zip(batches, max_tokens):
            yield self.translate_batch(texts, caps)


def sentences(n=48):
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [s for s in split_sentences(line, "en") if 3 < len(s.split()) < 40]
    return out[:n]


def translate(model, texts, limit=256, batch_size=32, batch_tokens=2048):
    done = {}
    for finished in translate_pieces(model, texts, limit, batch_size, batch_tokens):
        done.update(finished)
    return [done[i][0] for i in range(len(texts))]


def load(folder, backend, beam, tmp_path):
    spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
    return Backends(backend, cache_dir=tmp_path, threads=1).translator(spec, beam=beam)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["ct2", "torch"])
def test_greedy_full_batches_each_sentence_as_alone(backend, varied_marian, tmp_path):
    texts = sentences()
    model = Recording(load(varied_marian, backend, 1, tmp_path))
    assert model.cuts_at_cap
    together = translate(model, texts)
    # full batches: sentences of different caps decoded together
    assert any(len(set(caps)) > 1 for caps in model.caps)
    assert len(model.batches) == len(make_batches(model.count_tokens(texts), 32, 2048))
    alone = [translate(model, [t])[0] for t in texts]
    assert together == alone
    # other neighbours: the second half with sentences of other lengths, in another order
    others = [t + " " + t for t in texts[:10]] + texts[24:][::-1]
    mixed = dict(zip(others, translate(model, others)))
    assert [mixed[t] for t in texts[24:]] == together[24:]
    # the cut is what decoding under the sentence's own cap gives: outputs do run to caps
    lengths = model.count_tokens(texts)
    capped = [
        len(model.model.translate_batch([t], max_tokens=[decoding_cap(n, 256)])[0])
        for t, n in zip(texts, lengths)
    ]
    assert capped == [len(t) for t in together]
    assert len(set(len(t.split()) for t in together)) > 3  # caps made the lengths differ


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["ct2", "torch"])
def test_beam_search_is_batched_per_cap_and_each_sentence_as_alone(
    backend, varied_marian, tmp_path
):
    """A longer limit changes which beam hypotheses survive, so an output cut at a lower cap
    is not what that cap gives: beam search gets one batch per (coarser) cap."""
    texts = sentences(24)
    model = Recording(load(varied_marian, backend, 2, tmp_path))
    assert not model.cuts_at_cap
    together = translate(model, texts)
    assert all(len(set(caps)) == 1 for caps in model.caps)
    assert all(caps[0] % BEAM_CAP_STEP == 0 or caps[0] == 256 for caps in model.caps)
    alone = [translate(model, [t])[0] for t in texts]
    assert together == alone
    # a batch of mixed caps given to the backend directly is decoded per cap, not cut
    caps = [64 if k % 2 else 128 for k in range(len(texts))]
    direct = model.model.translate_batch(texts, max_tokens=caps)
    assert direct == [
        model.model.translate_batch([t], max_tokens=[c])[0] for t, c in zip(texts, caps)
    ]


def fewest_batches(lengths, batch_size, batch_tokens):
    """The fewest batches the budget allows (padded size = longest x count): a batch may as
    well hold neighbours in length order, so the best split of the sorted lengths into runs."""
    ordered = sorted(lengths)
    best = [0] + [math.inf] * len(ordered)
    for end in range(1, len(ordered) + 1):
        for start in range(end - 1, -1, -1):
            count = end - start
            if count > batch_size or ordered[end - 1] * count > batch_tokens:
                break
            best[end] = min(best[end], best[start] + 1)
    return best[-1]


def test_the_benchmark_sentences_form_no_more_batches_than_the_budget_needs(tiny_marian, tmp_path):
    """bench/translate_speed.py's 64 sentences (23 to 220 tokens with this tokenizer): as few
    batches as 32 sentences and 2048 tokens a batch allow (4), not one set of batches per
    output cap (21 before)."""
    from bench.translate_speed import seed_sentences

    texts = seed_sentences(64)
    model = Recording(load(tiny_marian, "ct2", 1, tmp_path))
    translate(model, texts, limit=256)
    lengths = model.count_tokens(texts)
    caps = [decoding_cap(n, 256, CAP_STEP) for n in lengths]
    assert len(make_batches(lengths, 32, 2048, caps)) > 10  # the caps alone would split them
    assert len(model.batches) == fewest_batches(lengths, 32, 2048)
    assert sorted(t for b in model.batches for t in b) == sorted(texts)
    assert all(max(model.count_tokens(b)) * len(b) <= 2048 for b in model.batches)


class Counting(Recorder):
    """The tests' stand-in model, decoding as greedy decoding does (cut at each cap), that
    also counts how often each text's tokens are counted."""

    cuts_at_cap = True

    def __init__(self):
        super().__init__(str.upper, max_input_tokens=100)
        self.counted: Counter[str] = Counter()

    def count_tokens(self, texts):
        self.counted.update(texts)
        return super().count_tokens(texts)


def test_batches_are_decoded_costliest_first_and_each_text_counted_once():
    """The last batches of a run are its small ones (while the other cores finish, one waits
    on a small batch, not a full one); which sentences share a batch does not change, and a
    sentence that fits is counted once (all together), before it is batched."""
    texts = [" ".join(["w"] * n) + f" {k}" for k, n in enumerate([3, 40, 7, 12, 25, 60, 5, 9])]
    texts += ["x " * 150 + "end"]  # over the limit: split in pieces
    model = Counting()
    done = {}
    for finished in translate_pieces(model, texts, 100, 3, 120):
        done.update(finished)
    assert [done[i][0] for i in range(len(texts) - 1)] == [t.upper() for t in texts[:-1]]
    assert done[len(texts) - 1] == (texts[-1].upper(), True)  # split, its pieces joined
    lengths = {t: n for b in model.batches for t, n in zip(b, Recorder.count_tokens(model, b))}
    caps = {t: decoding_cap(n, 100) for t, n in lengths.items()}
    cost = [len(b) * (max(lengths[t] for t in b) + max(caps[t] for t in b)) for b in model.batches]
    assert cost == sorted(cost, reverse=True)
    # the same batches as packing by length gives (in length order), only in another order
    pieces = sorted(lengths, key=lambda t: (lengths[t], t))
    packed = [[pieces[i] for i in b] for b in make_batches([lengths[t] for t in pieces], 3, 120)]
    assert model.batches != packed
    assert sorted(map(sorted, model.batches)) == sorted(map(sorted, packed))
    assert all(model.counted[t] == 1 for t in texts[:-1])
