"""eval: ROUGE on the held-out split and the lab's math check, base model beside the fine-tune.

One model is loaded (base + adapter); the base side runs with the adapter disabled, so both sides share
weights, tokenizer, prompts and decoding settings and only the adapter differs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.chat import Conversation, import_unsloth, render_prompt
from trainer.config import RecipeConfig, RecipeError
from trainer.prepare import read_conversations
from trainer.train import adapter_dir


@dataclass(frozen=True)
class MathQuestion:
    question: str
    answers: tuple[str, ...]  # every number must appear in the reply for it to count as correct


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

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def numbers_in(text: str) -> set[str]:
    """Numbers written in a reply, normalized (1,113 → 1113, 275.0 → 275)."""
    found = set()
    for raw in _NUMBER.findall(text.replace(",", "")):
        value = float(raw)
        found.add(str(int(value)) if value.is_integer() else raw)
    return found


def is_correct(reply: str, question: MathQuestion) -> bool:
    return set(question.answers) <= numbers_in(reply)


def math_scores(replies: list[list[str]]) -> dict[str, Any]:
    """Accuracy over all k × questions replies, and pass@k (a question counts if any of its k is right)."""
    per_question = []
    for question, answers in zip(MATH_QUESTIONS, replies, strict=True):
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
        "accuracy": sum(q["correct"] for q in per_question) / asked if asked else 0.0,
        "pass_at_k": sum(q["correct"] > 0 for q in per_question) / len(per_question),
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


class Generator:
    """Batched generation with left padding; greedy unless a temperature is given."""

    def __init__(self, model: Any, tokenizer: Any, batch_size: int) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        tokenizer.padding_side = "left"  # generation continues from the right end of every row

    def __call__(self, prompts: list[str], max_new_tokens: int, temperature: float = 0.0) -> list[str]:
        import torch

        outputs: list[str] = []
        for start in range(0, len(prompts), self.batch_size):
            batch = prompts[start : start + self.batch_size]
            encoded = self.tokenizer(batch, return_tensors="pt", padding=True, add_special_tokens=False)
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
                    eos_token_id=self.tokenizer.eos_token_id,
                    **sampling,
                )
            new_tokens = generated[:, encoded["input_ids"].shape[1] :]
            outputs += [t.strip() for t in self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)]
        return outputs


def _load_finetune(cfg: RecipeConfig) -> tuple[Any, Any]:
    import_unsloth()
    from unsloth import FastLanguageModel

    from trainer.train import _torch_dtype

    adapter = adapter_dir(cfg)
    if not (adapter / "adapter_config.json").is_file():
        raise RecipeError(f"no trained adapter in {adapter}: run `chinwag-train train` first")
    model, tokenizer = FastLanguageModel.from_pretrained(
        model_name=str(adapter),
        max_seq_length=cfg.model.max_seq_length,
        dtype=_torch_dtype(cfg.model.dtype),
        load_in_4bit=cfg.model.load_in_4bit,
        use_gradient_checkpointing=False,  # inference only: nothing to recompute
    )
    FastLanguageModel.for_inference(model)
    return model, tokenizer


@contextmanager
def _side(model: Any, name: str) -> Iterator[None]:
    with model.disable_adapter() if name == "base" else nullcontext():
        yield


def evaluate(cfg: RecipeConfig, progress: bool = True) -> dict[str, Any]:
    import torch
    from tqdm import tqdm

    model, tokenizer = _load_finetune(cfg)
    conversations: list[Conversation] = read_conversations(cfg.data_path / "eval.jsonl", cfg.eval.max_rows)
    prompts, references = zip(*(render_prompt(tokenizer, c) for c in conversations), strict=True)
    math_prompts = [
        tokenizer.apply_chat_template(
            [{"role": "user", "content": q.question}], tokenize=False, add_generation_prompt=True
        )
        for q in MATH_QUESTIONS
    ]
    generate = Generator(model, tokenizer, cfg.eval.batch_size)
    sides = ["base", "finetune"] if cfg.eval.compare_base else ["finetune"]
    results: dict[str, Any] = {"eval_rows": len(conversations), "rouge": {}, "math": {}, "samples": []}
    predictions: dict[str, list[str]] = {}
    bar = tqdm(total=len(sides) * 2, desc="eval", unit="task", disable=not progress)
    for side in sides:
        with _side(model, side):
            predictions[side] = generate(list(prompts), cfg.eval.max_new_tokens)
            results["rouge"][side] = rouge_scores(predictions[side], list(references))
            bar.update()
            torch.manual_seed(cfg.seed)  # the same sampling noise for base and fine-tune
            k = cfg.eval.math_k
            flat = generate(
                [p for p in math_prompts for _ in range(k)],
                cfg.eval.math_max_new_tokens,
                cfg.eval.math_temperature,
            )
            replies = [flat[i * k : (i + 1) * k] for i in range(len(math_prompts))]
            results["math"][side] = math_scores(replies)
            bar.update()
    bar.close()
    for index in range(min(3, len(conversations))):
        results["samples"].append(
            {
                "prompt": conversations[index][:-1],
                "reference": references[index],
                **{side: predictions[side][index] for side in sides},
            }
        )
    results["summary"] = _summary(results, sides)
    _write_reports(cfg.run_path, results, sides)
    return results


def _summary(results: dict[str, Any], sides: list[str]) -> dict[str, float]:
    summary: dict[str, float] = {}
    for side in sides:
        suffix = "" if side == "finetune" else "_base"
        for name, value in results["rouge"][side].items():
            summary[name + suffix] = round(value, 4)
        summary["math_accuracy" + suffix] = round(results["math"][side]["accuracy"], 4)
        summary["math_pass_at_k" + suffix] = round(results["math"][side]["pass_at_k"], 4)
    return summary


def _write_reports(run: Path, results: dict[str, Any], sides: list[str]) -> None:
    run.mkdir(parents=True, exist_ok=True)
    (run / "eval_report.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (run / "eval_report.md").write_text(eval_table(results, sides), encoding="utf-8")


def eval_table(results: dict[str, Any], sides: list[str] | None = None) -> str:
    sides = sides or [s for s in ("base", "finetune") if s in results["rouge"]]
    titles = {"base": "base", "finetune": "fine-tune"}
    k = results["math"][sides[0]]["k"]
    rows = [
        ("ROUGE-1", "rouge", "rouge1"),
        ("ROUGE-2", "rouge", "rouge2"),
        ("ROUGE-L", "rouge", "rougeL"),
        ("math accuracy", "math", "accuracy"),
        (f"math pass@{k}", "math", "pass_at_k"),
    ]
    lines = [
        f"# Evaluation ({results['eval_rows']} held-out conversations, math asked {k}× each)",
        "",
        "| metric | " + " | ".join(titles[s] for s in sides) + " |",
        "|---|" + "---:|" * len(sides),
    ]
    for label, group, key in rows:
        lines.append(f"| {label} | " + " | ".join(f"{results[group][s][key]:.3f}" for s in sides) + " |")
    lines += ["", "## Math questions", ""]
    for index, question in enumerate(MATH_QUESTIONS):
        counts = ", ".join(
            f"{titles[s]} {results['math'][s]['per_question'][index]['correct']}/{k}" for s in sides
        )
        lines.append(f"- {question.question} (expected {' / '.join(question.answers)}): {counts}")
    return "\n".join(lines) + "\n"
