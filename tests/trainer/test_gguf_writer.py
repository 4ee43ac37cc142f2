"""The GGUF writer on a Llama 3.2-shaped model (llama3 rope scaling, grouped KV heads, untied output):
llama.cpp must compute the same logits as transformers from the file we write."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.trainer.conftest import CACHE

pytestmark = pytest.mark.train


@pytest.fixture(scope="module")
def llama3_shaped(train_stack: None) -> tuple[object, object]:
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from trainer.tiny_model import ensure_tiny_model

    tokenizer = AutoTokenizer.from_pretrained(ensure_tiny_model(CACHE, 30))
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=16,
        max_position_embeddings=256,
        tie_word_embeddings=False,
        initializer_range=0.3,
        rms_norm_eps=1e-5,
        # Short original context so all three bands of the llama3 scaling (kept, blended, scaled) occur.
        rope_parameters={
            "rope_type": "llama3",
            "rope_theta": 500000.0,
            "factor": 8.0,
            "low_freq_factor": 1.0,
            "high_freq_factor": 4.0,
            "original_max_position_embeddings": 64,
        },
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    return LlamaForCausalLM(config).eval(), tokenizer


def test_llama3_shaped_model_gives_the_same_logits_in_llama_cpp(llama3_shaped, tmp_path: Path) -> None:
    import gguf
    import torch

    from trainer.export import _load_gguf
    from trainer.gguf_writer import write_gguf

    model, tokenizer = llama3_shaped
    path = write_gguf(
        model, tokenizer, tmp_path / "random.F32.gguf", "random-llama3", "smollm", "f32", progress=False
    )
    reader = gguf.GGUFReader(path)
    names = {t.name for t in reader.tensors}
    assert "rope_freqs.weight" in names and "output.weight" in names
    assert reader.get_field("tokenizer.ggml.pre").contents() == "smollm"

    ids = [int(i) for i in np.random.default_rng(1).integers(0, len(tokenizer), 48)]
    with torch.inference_mode():
        expected = model(torch.tensor([ids])).logits[0].numpy()
    llm = _load_gguf(path, 64, 2)
    try:
        llm.eval(ids)
        actual = np.asarray(llm.scores[: len(ids)])
    finally:
        llm.close()
    # Seen here: 0.3% of the logit range (llama.cpp keeps its KV cache in f16). Leaving out rope_freqs or the
    # Q/K permutation gives errors larger than the logits themselves, so 1% separates right from wrong.
    scale = float(np.abs(expected).max())
    assert float(np.abs(actual - expected).max()) < 0.01 * scale
    assert (actual.argmax(-1) == expected.argmax(-1)).mean() >= 0.95
