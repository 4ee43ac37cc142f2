"""The raw side of the benchmarks: llama-cpp-python's own `generate()` loop, no Chinwag code."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def raw_generate(llama: Any, prompt: list[int], sampling: Any, max_tokens: int,
                 on_token: Callable[[int], bool] | None = None) -> dict[str, float]:
    """Sample up to `max_tokens` with the same sampler values the app uses, stopping on end-of-generation or when
    `on_token` returns True. Returns the first token's time (perf_counter), the token count and decode tok/s."""
    import llama_cpp

    vocab = llama._model.vocab
    first = last = None
    count = 0
    generator = llama.generate(prompt, temp=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k,
                               min_p=sampling.min_p, repeat_penalty=sampling.repeat_penalty)
    for token in generator:
        if llama_cpp.llama_vocab_is_eog(vocab, token):
            break
        last = time.perf_counter()
        first = first or last
        count += 1
        if count >= max_tokens or (on_token is not None and on_token(token)):
            break
    generator.close()
    rate = (count - 1) / (last - first) if count > 1 and last > first else 0.0
    return {"first_at": first or 0.0, "tokens": count, "decode_tok_s": rate}
