"""The prompt the app builds for a Llama 3 model is, byte for byte and token for token, what transformers builds.

Runs in the training environment, where transformers is installed: the same messages through
`apply_chat_template` (what training and evaluation see) and through the app's `ChatEngine` on a GGUF with the real
Llama 3.2 tokenizer (what the user's model sees at run time).
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import need

pytestmark = pytest.mark.train

CONVERSATIONS = [
    [{"role": "user", "content": "Hi there!"}],
    [
        {"role": "system", "content": "You are Chinwag, a friendly voice assistant.  "},
        {"role": "user", "content": "What's the capital of France?"},
        {"role": "assistant", "content": "Paris is the capital of France."},
        {"role": "user", "content": "  And of Italy?\n"},
        {"role": "assistant", "content": "Rome — la città eterna. 🇮🇹"},
        {"role": "user", "content": "Thanks. Write `x = 1` in Python, then 3.14 * 2."},
    ],
]


@pytest.fixture(scope="module")
def both_sides():
    from tests import llama3_model

    try:
        tokenizer_file = llama3_model.tokenizer_json()
    except llama3_model.TokenizerUnavailable as error:
        need(False, str(error))
    from transformers import PreTrainedTokenizerFast

    from desktop.core.chat_templates import LLAMA3
    from desktop.core.llm import ChatEngine

    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(tokenizer_file), bos_token="<|begin_of_text|>",
                                        eos_token="<|eot_id|>", chat_template=LLAMA3)
    engine = ChatEngine(llama3_model.tiny_llama3(llama3_model.default_cache_dir()), n_ctx=2048, n_threads=2)
    engine.load()
    yield tokenizer, engine
    engine.close()


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=["one-turn", "system-and-several-turns"])
@pytest.mark.parametrize("generation_prompt", [True, False])
def test_app_prompt_matches_transformers(both_sides, conversation, generation_prompt: bool) -> None:
    tokenizer, engine = both_sides
    expected = tokenizer.apply_chat_template(conversation, tokenize=False, add_generation_prompt=generation_prompt)
    engine._formatter.add_generation_prompt = generation_prompt
    try:
        ours = engine.prompt_text(conversation)
        our_tokens = engine.prompt_tokens(conversation)
    finally:
        engine._formatter.add_generation_prompt = True
    assert ours == expected
    assert f"Today Date: {time.strftime('%d %b %Y')}\n" in ours  # the real date, on both sides
    # Tokens too: llama.cpp's llama-bpe pre-tokenizer splits the text exactly as the Hugging Face tokenizer does.
    assert our_tokens == tokenizer(expected, add_special_tokens=False)["input_ids"]
