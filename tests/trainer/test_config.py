"""Configs: every shipped file loads, overrides apply, unknown keys are errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import build_parser, main, resolve
from trainer.config import ConfigError, RecipeConfig, load_config, shipped_configs

pytestmark = pytest.mark.train

EXPECTED = {
    "llama-3.2-1b-finetome.yaml",
    "llama-3.2-3b-finetome.yaml",
    "llama-3.2-1b-finetome-math.yaml",
    "cpu-smoke.yaml",
    "cpu-smoke-llama3.yaml",
}


def test_every_shipped_config_loads() -> None:
    paths = shipped_configs()
    assert {p.name for p in paths} >= EXPECTED
    for path in paths:
        cfg = load_config(path)
        assert isinstance(cfg, RecipeConfig)
        assert cfg.name == path.stem, f"{path.name}: name should match the file"
        assert cfg.data.sources, path.name
        assert cfg.export.catalog_quant in cfg.export.quantizations, path.name
        header = path.read_text().splitlines()[:6]
        assert header[0].startswith("#") and any("chinwag-train" in line for line in header), (
            f"{path.name} needs a header comment with its launch command"
        )


def test_llama_configs_cover_the_lab_knobs() -> None:
    one_b = load_config(Path("trainer/configs/llama-3.2-1b-finetome.yaml"))
    assert one_b.model.base_model.startswith("unsloth/Llama-3.2-1B-Instruct")
    assert one_b.model.chat_template == "llama-3.1"
    assert one_b.train.train_on_responses_only
    assert one_b.data.sources[0].name == "mlabonne/FineTome-100k"
    math = load_config(Path("trainer/configs/llama-3.2-1b-finetome-math.yaml"))
    assert len(math.data.sources) == 2 and {s.weight for s in math.data.sources} != {1.0}
    three_b = load_config(Path("trainer/configs/llama-3.2-3b-finetome.yaml"))
    assert "3B" in three_b.model.base_model


def test_overrides_apply_with_yaml_types(tmp_path: Path) -> None:
    cfg = load_config(
        Path("trainer/configs/cpu-smoke.yaml"),
        [
            "train.learning_rate=5e-5",
            "train.max_steps=3",
            "lora.target_modules=[q_proj,v_proj]",
            "model.load_in_4bit=true",
            "push.repo_id=me/model",
            f"run_dir={tmp_path}",
            "eval.math_k=1",
        ],
    )
    assert cfg.train.learning_rate == 5e-5 and cfg.train.max_steps == 3
    assert cfg.lora.target_modules == ["q_proj", "v_proj"]
    assert cfg.model.load_in_4bit is True and cfg.push.repo_id == "me/model"
    assert cfg.run_path == tmp_path and cfg.data_path == tmp_path / "data"


@pytest.mark.parametrize(
    "override, named",
    [
        ("train.learning_rat=1e-4", "train.learning_rat"),
        ("lora.rank=8", "lora.rank"),
        ("nonsense=1", "nonsense"),
        ("model.base_model.sub=1", "model.base_model"),
    ],
)
def test_unknown_override_key_is_an_error_naming_it(override: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_config(Path("trainer/configs/cpu-smoke.yaml"), [override])


def test_unknown_key_in_a_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("train:\n  learning_rate: 1e-4\n  warmup_ration: 0.1\n")
    with pytest.raises(ConfigError, match=r"train\.warmup_ration"):
        load_config(path)


@pytest.mark.parametrize(
    "override", ["train.max_steps=many", "model.load_in_4bit=maybe", "lora.r=1.5", "no_equals_sign"]
)
def test_bad_values_are_errors(override: str) -> None:
    with pytest.raises(ConfigError):
        load_config(Path("trainer/configs/cpu-smoke.yaml"), [override])


def test_cli_reports_unknown_key_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["prepare", "--config", "trainer/configs/cpu-smoke.yaml", "data.eval_sise=3"])
    assert exit_info.value.code == 2
    assert "data.eval_sise" in capsys.readouterr().err


def test_cli_data_and_out_flags_replace_sources(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        [
            "prepare",
            "--config",
            "trainer/configs/llama-3.2-1b-finetome.yaml",
            "--data",
            "a.jsonl",
            "--data",
            "b.jsonl",
            "--out",
            str(tmp_path),
        ]
    )
    cfg = resolve(args)
    assert [(s.kind, s.name) for s in cfg.data.sources] == [("jsonl", "a.jsonl"), ("jsonl", "b.jsonl")]
    assert cfg.data_path == tmp_path


def test_resolved_config_round_trips(tmp_path: Path) -> None:
    cfg = load_config(Path("trainer/configs/llama-3.2-1b-finetome-math.yaml"), ["train.max_steps=7"])
    cfg.dump(tmp_path / "config.yaml")
    assert load_config(tmp_path / "config.yaml") == cfg
