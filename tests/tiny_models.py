"""Models built offline for tests and benchmarks: random weights in the real architecture
classes, with a SentencePiece tokenizer trained on the seeds, saved to a folder and loaded back
by mtsum's own loading code through ``from_pretrained``. Their output is noise: they test the
plumbing (routing, prefixes, chunking, caching), never translation quality.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def train_sentencepiece(folder: Path, vocab_size: int = 400) -> Path:
    import sentencepiece as spm

    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.txt"
    lines = [
        line
        for p in sorted(SEEDS.glob("*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    corpus.write_text("\n".join(lines), encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(folder / "sp"),
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        bos_id=-1,
        eos_id=1,
        unk_id=2,
        pad_id=-1,
        minloglevel=2,
        num_threads=1,
    )
    corpus.unlink()
    return folder / "sp.model"


def build_marian(
    folder: Path,
    *,
    d_model: int = 32,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 64,
    vocab_size: int | None = None,
    max_positions: int = 256,
    seed: int = 0,
    init_std: float = 0.02,
) -> Path:
    """An OPUS-MT-shaped Marian: ``</s>`` 0, ``<unk>`` 1, ``>>vie<<``, ``<pad>`` last (and the
    decoder start), as the Helsinki-NLP models are laid out. A larger ``init_std`` (0.3) makes
    the output depend on the input, which backend comparisons need; at the usual 0.02 a tiny
    random model says the same thing whatever it is given."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder = Path(folder)
    sp_model = train_sentencepiece(folder / "_sp")
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    vocab[">>vie<<"] = len(vocab)
    while vocab_size and len(vocab) < vocab_size - 1:  # pad to a real model's vocabulary size
        vocab[f"<extra_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    for name in ("source.spm", "target.spm"):
        shutil.copy(sp_model, folder / name)
    shutil.rmtree(folder / "_sp")
    tokenizer = MarianTokenizer(
        str(folder / "source.spm"),
        str(folder / "target.spm"),
        str(folder / "vocab.json"),
        model_max_length=max_positions,
    )
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions,
        pad_token_id=vocab["<pad>"],
        eos_token_id=0,
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        init_std=init_std,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_bart(
    folder: Path,
    *,
    d_model: int = 32,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 64,
    vocab_size: int = 600,
    max_positions: int = 1024,
    seed: int = 0,
    init_std: float = 0.02,
    model_vocab: int | None = None,
) -> Path:
    """A BART summariser shaped like distilbart-cnn (byte-level BPE, ``<s>`` 0, ``<pad>`` 1,
    ``</s>`` 2, ``<unk>`` 3, ``<mask>`` 4), with a byte-level BPE trained on the seeds.
    ``model_vocab`` pads the vocabulary to a real model's size (bart-large-cnn: 50264)."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    bpe.train_from_iterator(
        texts,
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
    )
    bpe.save_model(str(folder))
    if model_vocab:  # unused entries, so the embeddings and output layer have a real size
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        for i in range(len(vocab), model_vocab):
            vocab[f"<extra_{i}>"] = i
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    tokenizer = BartTokenizer(
        str(folder / "vocab.json"), str(folder / "merges.txt"), model_max_length=max_positions
    )
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        init_std=init_std,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
