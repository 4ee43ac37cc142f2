"""Chinwag's trainer: the Unsloth LoRA recipe that turns Llama 3.2 Instruct into the app's GGUF models.

Steps (each a function with a config in and files out, and a `chinwag-train` subcommand):
prepare → train → eval → export → push. Heavy imports (torch, unsloth, trl, datasets) stay inside the
step modules, so importing this package is cheap.
"""
