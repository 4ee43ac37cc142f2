"""Chat templates Chinwag knows by heart, for GGUFs that carry none and for the trainer's exports.

The Llama 3 template renders the layout Meta's Llama 3.1/3.2 Instruct models were trained on: a system header that
always states the knowledge cut-off and today's date, then one header block per turn, each closed by
`<|eot_id|>`. The date comes from `strftime_now`, which both llama-cpp-python's formatter and transformers'
`apply_chat_template` provide, so a model trained and run with this template always knows the real date (a date
frozen into the template would make the assistant believe it is forever that day).

Kept free of heavy imports: the trainer imports this module too, so training, evaluation and the GGUF all use the
very same text.
"""

from __future__ import annotations

# Whitespace control matters: both renderers use trim_blocks and lstrip_blocks, and every literal below is emitted
# with `{{- ... }}` so the output is exactly the documented layout, byte for byte.
LLAMA3 = (
    "{{- bos_token }}\n"
    "{%- if date_string is not defined %}\n"
    "    {%- if strftime_now is defined %}{%- set date_string = strftime_now('%d %b %Y') %}\n"
    "    {%- else %}{%- set date_string = '26 Jul 2024' %}{%- endif %}\n"
    "{%- endif %}\n"
    "{%- set system = '' %}\n"
    "{%- set turns = messages %}\n"
    "{%- if messages and messages[0]['role'] == 'system' %}\n"
    "    {%- set system = messages[0]['content'] | trim %}\n"
    "    {%- set turns = messages[1:] %}\n"
    "{%- endif %}\n"
    "{{- '<|start_header_id|>system<|end_header_id|>\\n\\n' }}\n"
    "{{- 'Cutting Knowledge Date: December 2023\\nToday Date: ' + date_string + '\\n\\n' }}\n"
    "{{- system + '<|eot_id|>' }}\n"
    "{%- for turn in turns %}\n"
    "    {{- '<|start_header_id|>' + turn['role'] + '<|end_header_id|>\\n\\n' + (turn['content'] | trim) }}\n"
    "    {{- '<|eot_id|>' }}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}\n"
)

CHATML = (
    "{%- for turn in messages %}\n"
    "    {{- '<|im_start|>' + turn['role'] + '\\n' + turn['content'] + '<|im_end|>\\n' }}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}\n"
)

# For a vocabulary with no chat markers at all: plain words the model can read, nothing it would have to know.
PLAIN = (
    "{{- bos_token }}\n"
    "{%- for turn in messages %}\n"
    "    {%- if turn['role'] == 'system' %}{{- turn['content'] + '\\n\\n' }}\n"
    "    {%- elif turn['role'] == 'user' %}{{- 'User: ' + turn['content'] + '\\n' }}\n"
    "    {%- else %}{{- 'Assistant: ' + turn['content'] + '\\n' }}{%- endif %}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}{{- 'Assistant:' }}{%- endif %}\n"
)

# The marker tokens a vocabulary must hold (each as one token) for a family's template to be used.
LLAMA3_MARKERS = ("<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>")
CHATML_MARKERS = ("<|im_start|>", "<|im_end|>")


def family_of_template(template: str) -> str:
    """The family a chat template writes: "llama3", "chatml" or "other"."""
    if "<|start_header_id|>" in template and "<|eot_id|>" in template:
        return "llama3"
    if "<|im_start|>" in template:
        return "chatml"
    return "other"
