"""eval: ROUGE on the held-out split and the math check, on what ships, base model beside the fine-tune.

What ships is the merged 16-bit model, quantized: so eval scores the merged model (transformers) and the
shipped GGUF (`export.catalog_quant`, through llama-cpp-python, as the app runs it), each beside the base
model in the same form. Every side sees the same prompts and decoding settings. Run `export` first.

Math: the lab's three questions, each asked `eval.math_k` times (accuracy and pass@k), plus the held-out
math questions prepare sets aside when a math source is mixed in (`math_holdout`), asked once each: the
reply's final answer (its last number, or x and y for a system of equations) must equal the expected one.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.chat import Conversation, merge_base_model, merge_base_revision, render_prompt
from trainer.config import RecipeConfig, RecipeError
from trainer.prepare import MATH_EVAL_FILE, read_conversations, read_math_questions


@dataclass(frozen=True)
class MathQuestion:
    question: str
    answers: tuple[str, ...]  # the final answer: one number, or (x, y) for a system of two equations


# The three questions the lab reports ask, with their answers.
MATH_QUESTIONS = (
    MathQuestion(
        "Ken can do 20 sit-ups without stopping. Nathan can do twice as many, and Bob can do half the number "
        "of Ken and Nathan's combined sit-ups. How many more sit-ups can Bob do compared to Ken?",
        ("10",),
    ),
    MathQuestion("(50+60) * (50 * 3/60)=", ("275",)),
    MathQuestion("7 * x+10 * y=17339 ; x+y=2000", ("887", "1113")),
)

# A number: thousands groups (1,113) only when every group has three digits, so "887,1113" is two numbers.
_NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(_NUMBER)
_NAMED = {name: re.compile(rf"\b{name}\s*(?:=|is|equals)\s*\$?({_NUMBER})", re.IGNORECASE) for name in "xy"}


def normalize_number(raw: str) -> str:
    """1,113 → 1113, 275.0 → 275, 0.50 → 0.5."""
    value = float(raw.replace(",", ""))
    return str(int(value)) if value.is_integer() else repr(value)


def numbers_in(text: str) -> list[str]:
    """The numbers written in a reply, in order, normalized."""
    return [normalize_number(raw) for raw in _NUMBER_RE.findall(text)]


def final_answer(reply: str, count: int = 1) -> tuple[str, ...]:
    """The reply's final answer: its last number, or for two unknowns the last `x = …` and `y = …`
    (else its last two numbers, in order)."""
    if count == 2:
        named = [_NAMED[name].findall(reply) for name in "xy"]
        if all(named):
            return normalize_number(named[0][-1]), normalize_number(named[1][-1])
    numbers = numbers_in(reply)
    return tuple(numbers[-count:]) if len(numbers) >= count else ()


def is_correct(reply: str, question: MathQuestion) -> bool:
    return final_answer(reply, len(question.answers)) == tuple(normalize_number(a) for a in question.answers)


def math_scores(replies: list[list[str]], questions: tuple[MathQuestion, ...] = MATH_QUESTIONS) -> dict[str, Any]:
    """Accuracy over all k × questions replies, and pass@k (a question counts if any of its k is right)."""
    per_question = []
    for question, answers in zip(questions, replies, strict=True):
        marks = [is_correct(a, question) for a in answers]
        per_question.append(
            {
                "question": question.question,
                "expected": list(question.answers),
                "correct": sum(marks),
                "asked": len(marks),
                "replies": answers,
            }
        )
    asked = sum(q["asked"] for q in per_question)
    return {
        "k": len(replies[0]) if replies else 0,
        "questions": len(per_question),
        "accuracy": sum(q["correct"] for q in per_question) / asked if asked else 0.0,
        "pass_at_k": sum(q["correct"] > 0 for q in per_question) / len(per_question) if per_question else 0.0,
        "per_question": per_question,
    }


def rouge_scores(predictions: list[str], references: list[str]) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for prediction, reference in zip(predictions, references, strict=True):
        for name, score in scorer.score(reference, prediction).items():
            totals[name] += score.fmeasure
    count = max(len(predictions), 1)
    return {name: total / count for name, total in totals.items()}


# Signature of every side's generator: (prompts, max_new_tokens, temperature, seed) → replies.
Generate = Callable[[list[str], int, float, int], list[str]]


class Generator:
    """Batched transformers generation with left padding; greedy unless a temperature is given."""

    def __init__(self, model: Any, tokenizer: Any, batch_size: int) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        tokenizer.padding_side = "left"  # generation continues from the right end of every row

    def __call__(self, prompts: list[str], max_new_tokens: int, temperature: float = 0.0, seed: int = 0) -> list[str]:
        import torch

        torch.manual_seed(seed)  # the same sampling noise for every side
        outputs: list[str] = []
        for start in range(0, len(prompts), self.batch_size):
            batch = prompts[start : start + self.batch_size]
            # The tokenizer makes CPU tensors; on a GPU the model's device is where they must go.
            encoded = self.tokenizer(batch, return_tensors="pt", padding=True, add_special_tokens=False).to(
                self.model.device
            )
            sampling = (
                {"do_sample": True, "temperature": temperature, "top_p": 1.0, "top_k": 0}
                if temperature > 0
                else {"do_sample": False}
            )
            with torch.inference_mode():
                generated = self.model.generate(
                    **encoded,
                    max_new_tokens=max_new_tokens,
                    pad_token_id=self.tokenizer.pad_token_id,
                    # Said explicitly: with gradient checkpointing left on, generate() would recompute the
                    # whole sequence at every step (10x slower here).
                    use_cache=True,
                    eos_token_id=_stop_ids(self.tokenizer),
                    **sampling,
                )
            new_tokens = generated[:, encoded["input_ids"].shape[1] :].cpu()
            outputs += [t.strip() for t in self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)]
        return outputs


def _stop_ids(tokenizer: Any) -> list[int]:
    """EOS plus Llama 3's end-of-turn/end-of-message tokens: the tokens llama.cpp also stops on."""
    vocab = tokenizer.get_vocab()
    ids = {tokenizer.eos_token_id, *(vocab[t] for t in ("<|eot_id|>", "<|eom_id|>", "<|im_end|>") if t in vocab)}
    return sorted(i for i in ids if i is not None)


class GGUFGenerator:
    """One prompt at a time through llama-cpp-python, the way the app runs the shipped file."""

    def __init__(self, path: Path, n_ctx: int, threads: int) -> None:
        from llama_cpp import Llama

        from desktop.core.llm import ensure_cpu_backends  # the app's loader: CPU variants, as the app loads

        ensure_cpu_backends()
        self.llm = Llama(
            model_path=str(path), n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, verbose=False
        )

    def __call__(self, prompts: list[str], max_new_tokens: int, temperature: float = 0.0, seed: int = 0) -> list[str]:
        outputs = []
        for index, prompt in enumerate(prompts):
            tokens = self.llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
            self.llm.reset()
            result = self.llm.create_completion(
                tokens,
                max_tokens=max(1, min(max_new_tokens, self.llm.n_ctx() - len(tokens))),
                temperature=temperature,
                top_p=1.0,
                top_k=0,
                min_p=0.0,
                repeat_penalty=1.0,
                seed=seed + index,
            )
            outputs.append(result["choices"][0]["text"].strip())
        return outputs

    def close(self) -> None:
        self.llm.close()


# ------------------------------------------------------------------------------------------------ models


def eval_device_dtype() -> tuple[str, Any]:
    """float16 on a GPU (the merged checkpoint is float16, so this is exactly what ships); float32 on a CPU."""
    import torch

    if torch.cuda.is_available():
        from trainer.cli import local_rank

        return f"cuda:{local_rank()}", torch.float16
    return "cpu", torch.float32


def load_causal_lm(path: str | Path, revision: str | None = None) -> Any:
    # Plain transformers, no Unsloth: this is the model as it ships, and Unsloth's patches slow CPU generation.
    from transformers import AutoModelForCausalLM

    device, dtype = eval_device_dtype()
    model = AutoModelForCausalLM.from_pretrained(str(path), revision=revision, dtype=dtype, device_map=device)
    return model.eval()


def _free(model: Any) -> None:
    import torch

    del model
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def merged_dir(cfg: RecipeConfig) -> Path:
    from trainer.export import export_dir

    return export_dir(cfg) / "merged"


def base_gguf(cfg: RecipeConfig, tokenizer: Any) -> Path:
    """The base model in the shipped quantization, made once beside the export (eval's base GGUF side)."""
    from trainer.export import base_gguf_path, write_base_gguf

    path = base_gguf_path(cfg)
    if not path.is_file():
        write_base_gguf(cfg, tokenizer, path)
    return path


# ------------------------------------------------------------------------------------------------ driver


SIDE_TITLES = {
    "base": "base",
    "finetune": "fine-tune",
    "base_gguf": "base GGUF",
    "finetune_gguf": "fine-tune GGUF",
}


def evaluate(cfg: RecipeConfig, progress: bool = True) -> dict[str, Any]:
    from tqdm import tqdm
    from transformers import AutoTokenizer

    from trainer.export import export_dir, gguf_name

    merged = merged_dir(cfg)
    if not (merged / "config.json").is_file():
        raise RecipeError(f"no merged model in {merged}: run `chinwag-train export` first (eval scores what ships)")
    tokenizer = AutoTokenizer.from_pretrained(str(merged))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    conversations: list[Conversation] = read_conversations(cfg.data_path / "eval.jsonl", cfg.eval.max_rows)
    if not conversations:
        raise RecipeError(f"no held-out conversations in {cfg.data_path / 'eval.jsonl'}")
    prompts, references = zip(*(render_prompt(tokenizer, c) for c in conversations), strict=True)
    heldout = read_math_questions(cfg.data_path / MATH_EVAL_FILE, cfg.eval.math_max_rows)
    heldout_questions = tuple(MathQuestion(q["question"], (q["answer"],)) for q in heldout)

    def chat_prompt(question: str) -> str:
        return tokenizer.apply_chat_template(
            [{"role": "user", "content": question}], tokenize=False, add_generation_prompt=True
        )

    lab_prompts = [chat_prompt(q.question) for q in MATH_QUESTIONS]
    heldout_prompts = [chat_prompt(q.question) for q in heldout_questions]

    shipped = export_dir(cfg) / gguf_name(cfg, cfg.export.catalog_quant)
    sides: list[tuple[str, Callable[[], tuple[Generate, Callable[[], None]]]]] = []

    def transformers_side(
        path: str | Path, revision: str | None = None
    ) -> Callable[[], tuple[Generate, Callable[[], None]]]:
        def open_side() -> tuple[Generate, Callable[[], None]]:
            model = load_causal_lm(path, revision)
            return Generator(model, tokenizer, cfg.eval.batch_size), lambda: _free(model)

        return open_side

    def gguf_side(path_of: Callable[[], Path]) -> Callable[[], tuple[Generate, Callable[[], None]]]:
        def open_side() -> tuple[Generate, Callable[[], None]]:
            n_ctx = cfg.model.max_seq_length + max(cfg.eval.max_new_tokens, cfg.eval.math_max_new_tokens)
            generator = GGUFGenerator(path_of(), n_ctx, cfg.export.n_threads)
            return generator, generator.close

        return open_side

    if cfg.eval.compare_base:
        sides.append(("base", transformers_side(merge_base_model(cfg), merge_base_revision(cfg))))
    sides.append(("finetune", transformers_side(merged)))
    if cfg.eval.gguf:
        if not shipped.is_file():
            raise RecipeError(f"{shipped} not found: run `chinwag-train export` first")
        if cfg.eval.compare_base:
            sides.append(("base_gguf", gguf_side(lambda: base_gguf(cfg, tokenizer))))
        sides.append(("finetune_gguf", gguf_side(lambda: shipped)))

    names = [name for name, _ in sides]
    results: dict[str, Any] = {
        "eval_rows": len(conversations),
        "math_heldout_rows": len(heldout_questions),
        "sides": names,
        "models": {"merged": str(merged), "base": merge_base_model(cfg), "gguf": shipped.name},
        "rouge": {},
        "math": {},
        "math_heldout": {},
        "samples": [],
    }
    predictions: dict[str, list[str]] = {}
    k = cfg.eval.math_k
    bar = tqdm(total=len(sides), desc="eval", unit="side", disable=not progress)
    for name, open_side in sides:
        generate, close = open_side()
        try:
            predictions[name] = generate(list(prompts), cfg.eval.max_new_tokens, 0.0, cfg.seed)
            results["rouge"][name] = rouge_scores(predictions[name], list(references))
            flat = generate(
                [p for p in lab_prompts for _ in range(k)],
                cfg.eval.math_max_new_tokens,
                cfg.eval.math_temperature,
                cfg.seed,
            )
            results["math"][name] = math_scores([flat[i * k : (i + 1) * k] for i in range(len(lab_prompts))])
            if heldout_questions:
                replies = generate(heldout_prompts, cfg.eval.math_max_new_tokens, 0.0, cfg.seed)
                results["math_heldout"][name] = math_scores([[r] for r in replies], heldout_questions)
        finally:
            close()
        bar.update()
    bar.close()
    for index in range(min(3, len(conversations))):
        results["samples"].append(
            {
                "prompt": conversations[index][:-1],
                "reference": references[index],
                **{name: predictions[name][index] for name in names},
            }
        )
    results["summary"] = _summary(results, names)
    _write_reports(cfg.run_path, results, names)
    return results


def _summary(results: dict[str, Any], sides: list[str]) -> dict[str, float]:
    summary: dict[str, float] = {}
    for side in sides:
        suffix = {"finetune": "", "base": "_base", "finetune_gguf": "_gguf", "base_gguf": "_base_gguf"}[side]
        for name, value in results["rouge"][side].items():
            summary[name + suffix] = round(value, 4)
        summary["math_accuracy" + suffix] = round(results["math"][side]["accuracy"], 4)
        summary["math_pass_at_k" + suffix] = round(results["math"][side]["pass_at_k"], 4)
        if side in results["math_heldout"]:
            summary["math_heldout_accuracy" + suffix] = round(results["math_heldout"][side]["accuracy"], 4)
    return summary


def _write_reports(run: Path, results: dict[str, Any], sides: list[str]) -> None:
    run.mkdir(parents=True, exist_ok=True)
    (run / "eval_report.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (run / "eval_report.md").write_text(eval_table(results, sides), encoding="utf-8")


def eval_table(results: dict[str, Any], sides: list[str] | None = None) -> str:
    sides = sides or results.get("sides") or [s for s in SIDE_TITLES if s in results["rouge"]]
    k = results["math"][sides[0]]["k"]
    rows = [
        ("ROUGE-1", "rouge", "rouge1"),
        ("ROUGE-2", "rouge", "rouge2"),
        ("ROUGE-L", "rouge", "rougeL"),
        (f"math accuracy (3 lab questions × {k})", "math", "accuracy"),
        (f"math pass@{k}", "math", "pass_at_k"),
    ]
    if results.get("math_heldout"):
        rows.append((f"math accuracy ({results['math_heldout_rows']} held-out questions)", "math_heldout", "accuracy"))
    models = results.get("models", {})
    lines = [
        f"# Evaluation ({results['eval_rows']} held-out conversations)",
        "",
        f"What ships, base model beside the fine-tune: the merged 16-bit model in transformers and the "
        f"quantized GGUF (`{models.get('gguf', '?')}`) in llama.cpp.",
        "",
        "| metric | " + " | ".join(SIDE_TITLES[s] for s in sides) + " |",
        "|---|" + "---:|" * len(sides),
    ]
    for label, group, key in rows:
        lines.append(f"| {label} | " + " | ".join(f"{results[group][s][key]:.3f}" for s in sides) + " |")
    lines += ["", "## Math questions", ""]
    for index, question in enumerate(MATH_QUESTIONS):
        counts = ", ".join(
            f"{SIDE_TITLES[s]} {results['math'][s]['per_question'][index]['correct']}/{k}" for s in sides
        )
        lines.append(f"- {question.question} (expected {' / '.join(question.answers)}): {counts}")
    return "\n".join(lines) + "\n"
