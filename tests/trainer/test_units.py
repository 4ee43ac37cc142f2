"""Pure pieces of the recipe: row cleaning, the held-out split, math scoring, GGUF layout helpers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from trainer.config import SourceConfig
from trainer.evaluate import MATH_QUESTIONS, is_correct, math_scores, numbers_in
from trainer.gguf_writer import llama3_rope_factors, permute_qk
from trainer.prepare import DataReport, DropRow, clean_stream, conversation_key, standardize

pytestmark = pytest.mark.train

SHAREGPT = SourceConfig(kind="jsonl", name="x.jsonl")


def reason(row: object, source: SourceConfig = SHAREGPT) -> str:
    with pytest.raises(DropRow) as drop:
        standardize(row, source)
    return drop.value.reason


def test_standardize_maps_sharegpt_roles_and_keeps_system() -> None:
    row = {
        "conversations": [
            {"from": "system", "value": "Be brief."},
            {"from": "human", "value": "Hi"},
            {"from": "gpt", "value": "Hello"},
        ]
    }
    assert standardize(json.dumps(row), SHAREGPT) == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello"},
    ]


@pytest.mark.parametrize(
    "row",
    [
        "{not json",
        "[1, 2]",
        {"text": "no list"},
        {"conversations": {"from": "human"}},
        {"conversations": [{"value": "x"}]},
        {"conversations": [{"from": "human"}]},
        {"conversations": [{"from": "human", "value": 3}]},
        {"conversations": ["just a string"]},
        {"conversations": [{"from": "narrator", "value": "x"}, {"from": "gpt", "value": "y"}]},
    ],
)
def test_malformed_rows(row: object) -> None:
    assert reason(row) == "malformed"


@pytest.mark.parametrize(
    "row",
    [
        {"conversations": [{"from": "gpt", "value": "answer"}]},
        {"conversations": [{"from": "human", "value": "question"}]},
        {"conversations": [{"from": "human", "value": " \t\n"}, {"from": "gpt", "value": "ok"}]},
        {"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": ""}]},
    ],
)
def test_empty_rows(row: object) -> None:
    assert reason(row) == "empty"


def test_qa_source_becomes_one_exchange() -> None:
    source = SourceConfig(format="qa", question_field="question", answer_field="answer")
    assert standardize({"question": "1+1?", "answer": "2"}, source) == [
        {"role": "user", "content": "1+1?"},
        {"role": "assistant", "content": "2"},
    ]
    assert reason({"question": "1+1?"}, source) == "malformed"


def test_duplicate_key_ignores_case_and_white_space_but_not_roles() -> None:
    a = [{"role": "user", "content": "Hello  there"}, {"role": "assistant", "content": "Hi!"}]
    b = [{"role": "user", "content": " hello there\n"}, {"role": "assistant", "content": "HI!"}]
    c = [{"role": "assistant", "content": "Hello there"}, {"role": "user", "content": "Hi!"}]
    assert conversation_key(a) == conversation_key(b) != conversation_key(c)


def test_clean_stream_counts_every_category_in_order() -> None:
    ok = {"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]}
    long = {"conversations": [{"from": "human", "value": "q " * 50}, {"from": "gpt", "value": "a"}]}
    rows = [json.dumps(ok), "{bad", json.dumps({"conversations": []}), json.dumps(ok), json.dumps(long)]
    report = DataReport()
    lengths = lambda batch: [sum(len(t["content"].split()) for t in c) for c in batch]  # noqa: E731
    kept = list(clean_stream(((SHAREGPT, r) for r in rows), report, lengths, max_tokens=10, batch_size=2))
    assert len(kept) == 1
    assert report.rows_in == 5
    assert report.dropped == {"malformed": 1, "empty": 1, "duplicate": 1, "too_long": 1}


def test_math_answers_are_read_from_the_reply() -> None:
    ken, product, system = MATH_QUESTIONS
    assert numbers_in("so 1,113 and 275.0 items") == ["1113", "275"]
    assert is_correct("Bob does 30, so 10 more than Ken.", ken)
    assert not is_correct("Bob does 30 sit-ups.", ken)
    assert is_correct("x = 887, y = 1113", system) and not is_correct("x = 887", system)
    scores = math_scores([["10", "no idea"], ["no", "no"], ["887 and 1113", "887 1113"]])
    assert scores["k"] == 2
    assert scores["accuracy"] == pytest.approx(3 / 6)
    assert scores["pass_at_k"] == pytest.approx(2 / 3)
    assert product.answers == ("275",)


def test_qk_permutation_is_undone_by_transformers_gguf_loader() -> None:
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    rng = np.random.default_rng(0)
    q = rng.standard_normal((8 * 16, 32)).astype(np.float32)
    k = rng.standard_normal((2 * 16, 32)).astype(np.float32)
    loader = LlamaTensorProcessor(config={"num_attention_heads": 8, "num_key_value_heads": 2})
    assert not np.array_equal(permute_qk(q, 8), q)
    np.testing.assert_array_equal(loader._reverse_permute_weights(permute_qk(q, 8), 8, 8), q)
    np.testing.assert_array_equal(loader._reverse_permute_weights(permute_qk(k, 2), 8, 2), k)


def test_llama3_rope_factors_match_transformers_inverse_frequencies() -> None:
    import torch
    from transformers import LlamaConfig
    from transformers.modeling_rope_utils import ROPE_INIT_FUNCTIONS

    scaling = {
        "rope_type": "llama3",
        "factor": 32.0,
        "low_freq_factor": 1.0,
        "high_freq_factor": 4.0,
        "original_max_position_embeddings": 8192,
        "rope_theta": 500000.0,
    }
    config = LlamaConfig(hidden_size=2048, num_attention_heads=32, head_dim=64, rope_parameters=scaling)
    scaled, _ = ROPE_INIT_FUNCTIONS["llama3"](config, torch.device("cpu"))
    plain = 1.0 / (500000.0 ** (torch.arange(0, 64, 2, dtype=torch.float64) / 64))
    factors = llama3_rope_factors(64, 500000.0, scaling)
    assert {1.0, 32.0} <= set(np.round(factors, 6).tolist()) and len(set(factors.tolist())) > 2
    np.testing.assert_allclose(factors, (plain / scaled.double()).numpy(), rtol=1e-5)


def test_prepare_refuses_missing_files(tmp_path: Path) -> None:
    from trainer.prepare import iter_source

    with pytest.raises(FileNotFoundError, match="nowhere.jsonl"):
        list(iter_source(SourceConfig(kind="jsonl", name=str(tmp_path / "nowhere.jsonl"))))


def test_hub_source_streams_through_datasets(tmp_path: Path, train_stack: None) -> None:
    """The Hub code path (datasets streaming), fed by a local dataset folder so it runs offline."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from trainer.prepare import iter_source

    folder = tmp_path / "orca-like"
    (folder / "data").mkdir(parents=True)
    table = pa.table(
        {"question": [f"What is {i} + 1?" for i in range(30)], "answer": [str(i + 1) for i in range(30)]}
    )
    pq.write_table(table, folder / "data" / "train-00000-of-00001.parquet")
    source = SourceConfig(kind="hub", name=str(folder), split="train", format="qa", max_rows=5)
    rows = list(iter_source(source))
    assert len(rows) == 5
    assert standardize(rows[2], source) == [
        {"role": "user", "content": "What is 2 + 1?"},
        {"role": "assistant", "content": "3"},
    ]
    parquet = SourceConfig(kind="parquet", name=str(folder / "data"), format="qa")
    assert len(list(iter_source(parquet))) == 30


def test_weighted_mix_keeps_the_proportions(tmp_path: Path) -> None:
    from trainer.config import load_config
    from trainer.prepare import mix_sources

    for name in ("a", "b"):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(f'{{"src": "{name}", "i": {i}}}\n' for i in range(2000))
        )
    cfg = load_config(Path("trainer/configs/cpu-smoke.yaml"), ["data.max_rows=1000"])
    cfg.data.sources = [
        SourceConfig(kind="jsonl", name=str(tmp_path / "a.jsonl"), weight=3.0),
        SourceConfig(kind="jsonl", name=str(tmp_path / "b.jsonl"), weight=1.0),
    ]
    picked = [json.loads(row)["src"] for _, row in mix_sources(cfg)]
    assert len(picked) == 1000
    assert 0.70 < picked.count("a") / 1000 < 0.80
    assert picked == [json.loads(row)["src"] for _, row in mix_sources(cfg)], "the mix must be seeded"
    cfg.data.max_rows = None  # first_exhausted: the mix ends when the heavier source runs dry
    counts = [json.loads(row)["src"] for _, row in mix_sources(cfg)]
    assert counts.count("a") == 2000 and counts.count("b") < 1000


def test_the_mix_plan_is_the_streamed_mix_in_indices(tmp_path: Path) -> None:
    """prepare mixes by an index plan over the sources' rows: the same order the streamed mix reads them in."""
    from trainer.config import load_config
    from trainer.prepare import mix_plan, mix_sources

    sizes = {"a": 700, "b": 300, "c": 50}
    for name, size in sizes.items():
        (tmp_path / f"{name}.jsonl").write_text("".join(f'{{"src": "{name}", "i": {i}}}\n' for i in range(size)))
    global_index = {}
    offset = 0
    for name, size in sizes.items():
        global_index.update({(name, i): offset + i for i in range(size)})
        offset += size
    for stopping, max_rows in (("first_exhausted", None), ("all_exhausted", None), ("all_exhausted", 500)):
        cfg = load_config(Path("trainer/configs/cpu-smoke.yaml"), [f"data.mix_stopping={stopping}"])
        cfg.data.max_rows = max_rows
        cfg.data.sources = [SourceConfig(kind="jsonl", name=str(tmp_path / f"{n}.jsonl"), weight=w)
                            for n, w in zip(sizes, (3.0, 1.0, 0.5), strict=True)]
        streamed = [global_index[(r["src"], r["i"])] for r in (json.loads(row) for _, row in mix_sources(cfg))]
        assert mix_plan(cfg, list(sizes.values())).tolist() == streamed, stopping
        if stopping == "all_exhausted" and max_rows is None:
            assert sorted(streamed) == list(range(sum(sizes.values())))  # every row once, none repeated


def test_push_refuses_without_a_repo_or_a_validated_export(tmp_path: Path) -> None:
    from trainer.config import RecipeError, load_config
    from trainer.push import push

    cfg = load_config(Path("trainer/configs/cpu-smoke.yaml"), [f"run_dir={tmp_path}"])
    with pytest.raises(RecipeError, match="push.repo_id"):
        push(cfg, api=object())
    cfg.push.repo_id = "me/model"
    with pytest.raises(RecipeError, match="export"):
        push(cfg, api=object())
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "export_report.json").write_text(json.dumps({"validation": {"passed": False}}))
    with pytest.raises(RecipeError, match="did not pass"):
        push(cfg, api=object())
