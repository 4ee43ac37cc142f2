"""The licences of what Chinwag's installers distribute, from the packages' own metadata.

    python scripts/third_party_notices.py --check          # the licence check on the app's runtime dependencies
    python scripts/third_party_notices.py --out NOTICES    # notices for them (what About → Licences shows from source)

build.spec calls `write_bundle_notices` with every file PyInstaller puts into the bundle: each file is traced back to
the installed distribution that owns it (its RECORD), to the Python runtime, to a system library, or to a model or
voice of the catalog, and the notices name every one of them with its version, its licence and its licence text,
read from the distribution's own metadata (License-Expression, License, classifiers, License-File and the licence
files in its .dist-info). The build stops when a part's licence is unknown or not on `ALLOWED`, so a new dependency
cannot come into the installer unseen. `make test` runs the same check on the installed runtime dependencies
(tests/test_notices.py).

The installers carry piper-tts (GPL-3.0, with espeak-ng built in): the bundle as a whole is conveyed under the GNU
GPL version 3, while Chinwag's own source stays under the Apache License 2.0 (which the GPL-3.0 accepts).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "chinwag"
SOURCE_LICENCE = "Apache-2.0"  # Chinwag's own code
BUNDLE_LICENCE = "GPL-3.0-only"  # the installers, as a whole (they contain GPL-3.0 parts)
NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
COPYING_NAME = "COPYING.txt"
CONTACT = "Chinwag developers <dev@chinwag.invalid>"  # as in the .deb's Maintainer field

# Licences a bundled part may have: permissive ones, and the copyleft ones the GPL-3.0 whole can include.
# (GPL-2.0-only and the old OpenSSL licence are missing on purpose: neither can be combined with GPL-3.0 code.)
ALLOWED = frozenset({
    "0BSD", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC0-1.0", "CC-BY-4.0", "HPND", "ISC", "MIT",
    "MIT-0", "MPL-2.0", "PSF-2.0", "Python-2.0", "Unlicense", "Zlib", "blessing", "bzip2-1.0.6", "X11", "libpng-2.0",
    "LGPL-2.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later",
    "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "IJG", "Sleepycat", "LicenseRef-public-domain",
})
COPYLEFT = ("GPL", "LGPL", "MPL")

# Trove classifiers and free-text licence names as packages write them, and the SPDX identifier each means.
_CLASSIFIERS = {
    "MIT License": "MIT",
    "MIT No Attribution License (MIT-0)": "MIT-0",
    "Apache Software License": "Apache-2.0",
    "ISC License (ISCL)": "ISC",
    "Python Software Foundation License": "PSF-2.0",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "The Unlicense (Unlicense)": "Unlicense",
    "zlib/libpng License": "Zlib",
    "Historical Permission Notice and Disclaimer (HPND)": "HPND",
    "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "BSD License": "BSD",  # which BSD: read from the licence text (see _identify_text)
}
_NAMES = {
    "mit": "MIT", "mit license": "MIT", "the mit license": "MIT", "expat": "MIT",
    "apache 2.0": "Apache-2.0", "apache-2.0": "Apache-2.0", "apache 2": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache license, version 2.0": "Apache-2.0", "apache software license": "Apache-2.0",
    "apache software license 2.0": "Apache-2.0", "asl 2": "Apache-2.0", "apache license version 2.0": "Apache-2.0",
    "bsd": "BSD", "bsd license": "BSD", "new bsd": "BSD-3-Clause", "new bsd license": "BSD-3-Clause",
    "bsd 3-clause": "BSD-3-Clause", "3-clause bsd": "BSD-3-Clause", "bsd-3": "BSD-3-Clause",
    "modified bsd license": "BSD-3-Clause", "bsd 2-clause": "BSD-2-Clause", "simplified bsd": "BSD-2-Clause",
    "isc": "ISC", "isc license": "ISC", "psf": "PSF-2.0", "psfl": "PSF-2.0", "mpl 2.0": "MPL-2.0",
    "mpl-2.0": "MPL-2.0", "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0", "unlicense": "Unlicense",
    "public domain": "Unlicense", "lgplv3": "LGPL-3.0-only", "lgpl-3.0": "LGPL-3.0-only",
    "gplv3": "GPL-3.0-only", "gpl-3.0": "GPL-3.0-only", "gplv3+": "GPL-3.0-or-later",
    "lgpl-2.1": "LGPL-2.1-only", "lgplv2.1": "LGPL-2.1-only", "lgpl-2.1+": "LGPL-2.1-or-later",
}
_SPDX_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
# Older SPDX names that packages still write.
_SPDX_RENAMED = {"GPL-3.0": "GPL-3.0-only", "GPL-3.0+": "GPL-3.0-or-later", "LGPL-3.0": "LGPL-3.0-only",
                 "LGPL-3.0+": "LGPL-3.0-or-later", "LGPL-2.1": "LGPL-2.1-only", "LGPL-2.1+": "LGPL-2.1-or-later",
                 "GPL-2.0+": "GPL-2.0-or-later"}

# Packages whose metadata names no licence we can read, each checked by hand for the pinned version: (version,
# SPDX identifier, where it was read). Another version is unknown again until someone looks.
REVIEWED: dict[str, tuple[str, str, str]] = {
    "pyinstaller": ("6.22.3", "GPL-2.0-or-later WITH Bootloader-exception",
                    "COPYING.txt: GPL-2.0-or-later; its bootloader exception covers the bootloader and the run-time "
                    "modules in a bundle and lets the bundled program have any licence"),
    "pyinstaller-hooks-contrib": ("2026.9", "Apache-2.0",
                                  "LICENSE: the run-time hooks that go into a bundle are Apache-2.0 (the build-time "
                                  "hooks, not bundled, are GPL-2.0-or-later)"),
    "numpy": ("2.3.5", "BSD-3-Clause AND MIT AND Zlib AND GPL-3.0-or-later WITH GCC-exception-3.1",
              "LICENSE.txt: NumPy, OpenBLAS and LAPACK BSD-3-Clause, dragon4 MIT, libdivide Zlib; the wheel's "
              "numpy.libs also holds libgfortran and libquadmath (GCC run-time library exception)"),
    "ctranslate2": ("4.8.5", "MIT AND GPL-3.0-or-later WITH GCC-exception-3.1",
                    "License: MIT; the wheel's ctranslate2.libs also holds libgomp (GCC run-time library exception, "
                    "listed in its sboms/auditwheel.cdx.json)"),
}

# Where the bundled models and voices come from (by catalog id), for their notices.
BUNDLED_ORIGINS = {
    "smollm2-135m-starter": "SmolLM2-135M-Instruct by Hugging Face (https://huggingface.co/HuggingFaceTB/"
                            "SmolLM2-135M-Instruct), quantized to GGUF Q4_1.",
    "whisper-tiny.en": "Whisper tiny.en, Copyright (c) 2022 OpenAI (https://github.com/openai/whisper), converted for "
                       "CTranslate2 (faster-whisper).",
    "piper-joe-us-medium": "Piper voice en_US joe (medium) from https://huggingface.co/rhasspy/piper-voices, trained "
                           "on a CC0 dataset (https://github.com/NabuCasa/voice-datasets); its MODEL_CARD follows.",
}
COMMON_LICENSES = Path("/usr/share/common-licenses")  # Debian's copies of the standard texts, when building there

# Shared libraries the bundle takes from the build machine rather than from a Python package, by file name:
# (pattern, component, SPDX licence, where its source is).
SYSTEM_LIBRARIES: tuple[tuple[str, str, str, str], ...] = (
    (r"^libpython3\.\d+", "CPython", "PSF-2.0", "https://www.python.org/downloads/source/"),
    (r"^libffi[.-]", "libffi", "MIT", "https://github.com/libffi/libffi"),
    (r"^lib(ssl|crypto)(\.so\.3|-3)", "OpenSSL 3", "Apache-2.0", "https://www.openssl.org/source/"),
    (r"^libz\.", "zlib", "Zlib", "https://zlib.net/"),
    (r"^libbz2\.", "bzip2", "bzip2-1.0.6", "https://sourceware.org/bzip2/"),
    (r"^liblzma\.", "XZ Utils (liblzma)", "0BSD", "https://tukaani.org/xz/"),
    (r"^libexpat\.", "Expat", "MIT", "https://libexpat.github.io/"),
    (r"^(lib)?sqlite3\.", "SQLite", "blessing", "https://www.sqlite.org/download.html"),
    (r"^libuuid\.", "libuuid (util-linux)", "BSD-3-Clause", "https://github.com/util-linux/util-linux"),
    (r"^libmpdec\.", "mpdecimal", "BSD-2-Clause", "https://www.bytereef.org/mpdecimal/"),
    (r"^lib(ncursesw?|tinfo|panelw?|formw?|menuw?)\.", "ncurses", "X11", "https://invisible-island.net/ncurses/"),
    (r"^libreadline\.", "GNU Readline", "GPL-3.0-or-later", "https://ftp.gnu.org/gnu/readline/"),
    (r"^lib(stdc\+\+|gcc_s|gomp|quadmath|gfortran)\.", "GCC run-time libraries",
     "GPL-3.0-or-later WITH GCC-exception-3.1", "https://gcc.gnu.org/"),
    (r"^libportaudio\.", "PortAudio", "MIT", "https://www.portaudio.com/"),
    (r"^lib(xcb|X11|Xau|Xdmcp|Xext|Xrender|Xi|Xfixes|Xft|Xss|xkbcommon)", "X.Org and xkbcommon libraries", "MIT",
     "https://www.x.org/releases/individual/lib/"),
    (r"^lib(EGL|GL|GLX|GLdispatch|OpenGL)\.", "libglvnd", "MIT", "https://gitlab.freedesktop.org/glvnd/libglvnd"),
    (r"^libdrm\.", "libdrm", "MIT", "https://gitlab.freedesktop.org/mesa/drm"),
    (r"^libwayland-", "Wayland", "MIT", "https://gitlab.freedesktop.org/wayland/wayland"),
    (r"^libbrotli", "Brotli", "MIT", "https://github.com/google/brotli"),
    (r"^libbsd\.", "libbsd", "BSD-3-Clause AND BSD-2-Clause AND ISC AND MIT", "https://libbsd.freedesktop.org/"),
    (r"^libmd\.", "libmd", "BSD-3-Clause AND BSD-2-Clause AND ISC", "https://www.hadrons.org/software/libmd/"),
    (r"^libcap\.", "libcap", "BSD-3-Clause OR GPL-2.0-only", "https://sites.google.com/site/fullycapable/"),
    (r"^lib(gcrypt|gpg-error)\.", "Libgcrypt and libgpg-error", "LGPL-2.1-or-later", "https://gnupg.org/download/"),
    (r"^liblz4\.", "LZ4", "BSD-2-Clause", "https://github.com/lz4/lz4"),
    (r"^libzstd\.", "Zstandard", "BSD-3-Clause OR GPL-2.0-only", "https://github.com/facebook/zstd"),
    (r"^libsystemd\.", "libsystemd", "LGPL-2.1-or-later", "https://github.com/systemd/systemd"),
    (r"^(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux[^.]*)\.so", "GNU C Library", "LGPL-2.1-or-later",
     "https://ftp.gnu.org/gnu/glibc/"),
    (r"^libfontconfig\.", "Fontconfig", "HPND", "https://www.freedesktop.org/wiki/Software/fontconfig/"),
    (r"^libfreetype\.", "FreeType", "FTL OR GPL-2.0-or-later", "https://freetype.org/"),
    (r"^libpng16\.", "libpng", "libpng-2.0", "http://www.libpng.org/pub/png/libpng.html"),
    (r"^libglib-2\.0\.|^libgobject-2\.0\.|^libgthread-2\.0\.|^libgio-2\.0\.", "GLib", "LGPL-2.1-or-later",
     "https://download.gnome.org/sources/glib/"),
    (r"^libpcre2?-", "PCRE2", "BSD-3-Clause", "https://github.com/PCRE2Project/pcre2"),
    (r"^libdbus-1\.", "D-Bus", "AFL-2.1 OR GPL-2.0-or-later", "https://www.freedesktop.org/wiki/Software/dbus/"),
    (r"^libasound\.", "ALSA library", "LGPL-2.1-or-later", "https://www.alsa-project.org/"),
    (r"^libcrypt\.", "libxcrypt", "LGPL-2.1-or-later", "https://github.com/besser82/libxcrypt"),
    (r"^libtirpc\.", "libtirpc", "BSD-3-Clause", "https://sourceforge.net/projects/libtirpc/"),
    (r"^libnsl\.", "libnsl", "LGPL-2.1-or-later", "https://github.com/thkukuk/libnsl"),
    (r"^lib(gssapi_krb5|krb5|k5crypto|krb5support|com_err)\.", "MIT Kerberos", "MIT", "https://kerberos.org/dist/"),
    (r"^libkeyutils\.", "keyutils", "LGPL-2.1-or-later", "https://git.kernel.org/pub/scm/linux/kernel/git/dhowells/keyutils.git"),
    (r"^libgdbm", "GNU dbm", "GPL-3.0-or-later", "https://ftp.gnu.org/gnu/gdbm/"),
    (r"^libmvec\.", "GNU C Library (libmvec)", "LGPL-2.1-or-later", "https://ftp.gnu.org/gnu/glibc/"),
    # What Qt's GTK platform theme and image plugins link (read from Debian's copyright files for bookworm).
    (r"^libgmodule-2\.0\.", "GLib (gmodule)", "LGPL-2.1-or-later", "https://download.gnome.org/sources/glib/"),
    (r"^libatk-1\.0\.", "ATK", "LGPL-2.0-or-later", "https://download.gnome.org/sources/atk/"),
    (r"^libcairo(-gobject)?\.", "cairo", "LGPL-2.1-only OR MPL-1.1", "https://cairographics.org/releases/"),
    (r"^libpango(cairo|ft2)?-1\.0\.", "Pango", "LGPL-2.0-or-later", "https://download.gnome.org/sources/pango/"),
    (r"^libgdk_pixbuf-2\.0\.", "GdkPixbuf", "LGPL-2.1-or-later", "https://download.gnome.org/sources/gdk-pixbuf/"),
    (r"^libharfbuzz\.", "HarfBuzz", "MIT", "https://github.com/harfbuzz/harfbuzz"),
    (r"^libgraphite2\.", "Graphite2", "LGPL-2.1-or-later OR MPL-2.0 OR GPL-2.0-or-later",
     "https://github.com/silnrsi/graphite"),
    (r"^libfribidi\.", "GNU FriBidi", "LGPL-2.1-or-later", "https://github.com/fribidi/fribidi"),
    (r"^libthai\.", "libthai", "LGPL-2.1-or-later", "https://linux.thai.net/projects/libthai"),
    (r"^libdatrie\.", "libdatrie", "LGPL-2.1-or-later", "https://linux.thai.net/projects/datrie"),
    (r"^libpixman-1\.", "pixman", "MIT", "https://cairographics.org/releases/"),
    (r"^libjpeg\.", "libjpeg-turbo", "IJG AND BSD-3-Clause AND Zlib", "https://libjpeg-turbo.org/"),
    (r"^lib(blkid|mount)\.", "util-linux (libblkid, libmount)", "LGPL-2.1-or-later",
     "https://github.com/util-linux/util-linux"),
    (r"^libselinux\.", "libselinux", "LicenseRef-public-domain", "https://github.com/SELinuxProject/selinux"),
    (r"^libjack\.", "JACK (libjack)", "LGPL-2.1-or-later", "https://jackaudio.org/downloads/"),
    (r"^libdb-5\.3\.", "Berkeley DB 5.3", "Sleepycat", "https://www.oracle.com/database/technologies/related/berkeleydb.html"),
)

# Standard texts, for parts whose package carries no licence file (a model's carrier package, a system library): one
# copy of the text is taken from another installed distribution under the same licence.
_TEXT_MARKERS = (
    ("GPL-3.0", ("GNU GENERAL PUBLIC LICENSE", "Version 3, 29 June 2007")),
    ("LGPL-3.0", ("GNU LESSER GENERAL PUBLIC LICENSE", "Version 3, 29 June 2007")),
    ("LGPL-2.1", ("GNU LESSER GENERAL PUBLIC LICENSE", "Version 2.1, February 1999")),
    ("Apache-2.0", ("Apache License", "Version 2.0, January 2004")),
    ("MPL-2.0", ("Mozilla Public License Version 2.0",)),
    ("PSF-2.0", ("PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2",)),
    ("Unlicense", ("This is free and unencumbered software released into the public domain",)),
    ("ISC", ("Permission to use, copy, modify, and/or distribute this software for any",)),
    ("BSD-3-Clause", ("Redistribution and use in source and binary forms", "Neither the name")),
    ("BSD-2-Clause", ("Redistribution and use in source and binary forms",)),
    ("MIT", ("Permission is hereby granted, free of charge",)),
)
_LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|AUTHORS|THIRD[-_]PARTY)", re.IGNORECASE)


@dataclass
class Part:
    """One component in the bundle: a Python distribution, the Python runtime, a system library or a model."""

    name: str
    version: str
    licence: str  # an SPDX expression; "" when unknown
    how: str  # where the licence was read
    kind: str  # "python", "runtime", "library", "model"
    homepage: str = ""
    source: str = ""  # where its source code (or the model's origin) is
    texts: list[tuple[str, str]] = field(default_factory=list)  # (file name, text)
    files: int = 0  # how many bundled files it accounts for
    note: str = ""

    @property
    def copyleft(self) -> bool:
        return any(word in self.licence for word in COPYLEFT)


# ---- licence expressions ---------------------------------------------------------------------------------------


def _tokens(expression: str) -> list[str]:
    return re.findall(r"\(|\)|[^\s()]+", expression)


def licence_ids(expression: str) -> list[str]:
    """The licence identifiers an SPDX expression names (exceptions after WITH left out)."""
    ids, skip = [], False
    for token in _tokens(expression):
        if token.upper() in ("AND", "OR", "(", ")"):
            continue
        if token.upper() == "WITH":
            skip = True
            continue
        if not skip:
            ids.append(token)
        skip = False
    return ids


def allowed(expression: str, allowed_ids: Iterable[str] = ALLOWED) -> bool:
    """Whether an SPDX expression is acceptable: for OR one alternative must be allowed, for AND every part (an
    exception after WITH only ever grants more)."""
    allowed_set = set(allowed_ids)
    tokens = _tokens(expression)
    if not tokens:
        return False
    position = 0

    def parse_or() -> bool:
        nonlocal position
        result = parse_and()
        while position < len(tokens) and tokens[position].upper() == "OR":
            position += 1
            right = parse_and()
            result = result or right
        return result

    def parse_and() -> bool:
        nonlocal position
        result = parse_term()
        while position < len(tokens) and tokens[position].upper() == "AND":
            position += 1
            right = parse_term()
            result = result and right
        return result

    def parse_term() -> bool:
        nonlocal position
        if position >= len(tokens):
            raise ValueError(f"incomplete licence expression: {expression!r}")
        token = tokens[position]
        position += 1
        if token == "(":
            result = parse_or()
            if position >= len(tokens) or tokens[position] != ")":
                raise ValueError(f"unbalanced licence expression: {expression!r}")
            position += 1
        else:
            result = token in allowed_set
        if position < len(tokens) and tokens[position].upper() == "WITH":
            position += 2  # the exception's name
        return result

    try:
        result = parse_or()
    except ValueError:
        return False
    return result and position == len(tokens)


def chosen(expression: str) -> str:
    """The licence a part is used under: for a choice (top-level OR), the first alternative that is allowed."""
    depth, start, alternatives = 0, 0, []
    tokens = _tokens(expression)
    for index, token in enumerate(tokens):
        depth += token == "("
        depth -= token == ")"
        if depth == 0 and token.upper() == "OR":
            alternatives.append(" ".join(tokens[start:index]))
            start = index + 1
    alternatives.append(" ".join(tokens[start:]))
    return next((a for a in alternatives if allowed(a)), expression).replace("( ", "(").replace(" )", ")")


def normalize(expression: str) -> str:
    """An SPDX expression with old identifiers renamed; "" when it is not an expression at all."""
    out = []
    for token in _tokens(expression.strip()):
        if token.upper() in ("AND", "OR", "WITH"):
            out.append(token.upper())
        elif token in ("(", ")"):
            out.append(token)
        elif _SPDX_ID.match(token):
            out.append(_SPDX_RENAMED.get(token, token))
        else:
            return ""
    return " ".join(out).replace("( ", "(").replace(" )", ")")


def _identify_text(text: str) -> str:
    """The licence a licence file holds, by the wording of its start; "" if not recognised. (Only the start: a file
    that names its own licence first often lists bundled parts' licences after it.)"""
    head = " ".join(text[:6000].split())
    for spdx, markers in _TEXT_MARKERS:
        if all(marker in head for marker in markers):
            return spdx
    return ""


# ---- one distribution --------------------------------------------------------------------------------------------


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """The licence files a distribution ships (its License-File entries and the LICENSE/COPYING/NOTICE files of its
    .dist-info), or the licence text its License field holds when it has no file."""
    found: dict[str, str] = {}
    named = set(dist.metadata.get_all("License-File") or [])
    for entry in dist.files or []:
        parts = entry.parts
        in_info = bool(parts) and parts[0].endswith((".dist-info", ".egg-info"))
        if not in_info:
            continue
        name = entry.name
        if name in named or str(Path(*parts[1:])) in named or _LICENCE_FILE.match(name) or \
                (len(parts) > 2 and parts[1] in ("licenses", "licences", "LICENSES")):
            try:
                text = Path(dist.locate_file(entry)).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            found[str(Path(*parts[1:]))] = text
    if not found:
        found.update(_package_licence_files(dist))
    if not found:
        field_text = dist.metadata.get("License") or ""
        if len(field_text) > 200:  # the whole licence, written into the metadata
            found["License (from the package's metadata)"] = field_text
    return sorted(found.items())


def _package_licence_files(dist: metadata.Distribution) -> dict[str, str]:
    """Licence files a package keeps in its own folder rather than its .dist-info (onnxruntime's LICENSE and
    ThirdPartyNotices.txt), one level deep."""
    found: dict[str, str] = {}
    for entry in dist.files or []:
        parts = entry.parts
        if len(parts) in (2, 3) and not parts[0].endswith((".dist-info", ".egg-info")) and \
                (_LICENCE_FILE.match(entry.name) or entry.name.lower().startswith("thirdpartynotices")):
            try:
                found[str(entry)] = Path(dist.locate_file(entry)).read_text(encoding="utf-8", errors="replace")
            except (OSError, UnicodeError):
                continue
    return found


def distribution_licence(dist: metadata.Distribution) -> tuple[str, str]:
    """The SPDX licence of an installed distribution and where it was read, or ("", why not)."""
    meta = dist.metadata
    name = canonical(meta["Name"])
    expression = normalize(meta.get("License-Expression") or "")
    if expression:
        return expression, "License-Expression"
    reviewed = REVIEWED.get(name)
    if reviewed is not None and reviewed[0] == dist.version:  # read by hand: the metadata says less, or wrongly
        return reviewed[1], f"reviewed: {reviewed[2]}"
    field_text = (meta.get("License") or "").strip()
    texts = licence_texts(dist)
    from_text = next((spdx for spdx in (_identify_text(t) for _n, t in texts) if spdx), "")
    if field_text and "\n" not in field_text and len(field_text) < 100:
        named = _NAMES.get(field_text.lower().rstrip("."))
        if named is None:
            candidate = normalize(field_text)
            named = candidate if candidate and all(i in ALLOWED or i in _ALL_KNOWN for i in licence_ids(candidate)) \
                else None
        if named == "BSD":
            named = from_text if from_text.startswith("BSD") else None
        if named:
            return named, "License field"
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    mapped = [_CLASSIFIERS.get(c) for c in classifiers]
    mapped = [from_text if m == "BSD" and from_text.startswith("BSD") else m for m in mapped]
    if mapped and all(m and m != "BSD" for m in mapped):
        return " OR ".join(dict.fromkeys(mapped)), "classifier"  # several licence classifiers: a choice of them
    if from_text:
        return from_text, "licence file"
    return "", f"metadata names no licence we can read (License={field_text[:60]!r}, classifiers={classifiers})"


_ALL_KNOWN = ALLOWED | {"GPL-2.0-only", "OpenSSL", "AFL-2.1", "FTL", "LGPL-2.0-only", "Proprietary"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _project_urls(dist: metadata.Distribution) -> tuple[str, str]:
    meta = dist.metadata
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _sep, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    homepage = meta.get("Home-page") or urls.get("homepage") or urls.get("home") or next(iter(urls.values()), "")
    source = urls.get("source") or urls.get("source code") or urls.get("repository") or urls.get("code") or homepage
    return homepage or "", source or ""


def python_part(dist: metadata.Distribution) -> Part:
    licence, how = distribution_licence(dist)
    homepage, source = _project_urls(dist)
    name = dist.metadata["Name"]
    return Part(name=name, version=dist.version, licence=licence, how=how, kind="python", homepage=homepage,
                source=f"https://pypi.org/project/{name}/{dist.version}/#files (source distribution); {source}".rstrip(
                    "; "),
                texts=licence_texts(dist))


# ---- what is in the bundle ---------------------------------------------------------------------------------------


class Owners:
    """Which installed distribution each installed file belongs to (from every distribution's RECORD)."""

    def __init__(self) -> None:
        self._by_path: dict[Path, metadata.Distribution] | None = None
        self.dists: dict[str, metadata.Distribution] = {}
        for dist in metadata.distributions():
            name = dist.metadata["Name"]
            if name and canonical(name) not in self.dists:  # the first on sys.path wins, as for imports
                self.dists[canonical(name)] = dist

    def owner(self, path: Path) -> metadata.Distribution | None:
        if self._by_path is None:  # built on first use: resolving every installed file takes a moment
            self._by_path = {}
            for dist in self.dists.values():
                for entry in dist.files or []:
                    try:
                        self._by_path.setdefault(Path(dist.locate_file(entry)).resolve(), dist)
                    except OSError:
                        continue
        return self._by_path.get(path.resolve())


def _stdlib_dirs() -> list[Path]:
    paths = sysconfig.get_paths()
    dirs = {Path(paths[key]).resolve() for key in ("stdlib", "platstdlib") if key in paths}
    dirs.add(Path(sys.base_prefix).resolve() / "lib")
    return sorted(dirs)


def _catalog_models(catalog: Path) -> list[dict]:
    try:
        return [v for v in json.loads(catalog.read_text(encoding="utf-8")).get("variants", []) if isinstance(v, dict)]
    except (OSError, ValueError):
        return []


def _model_part(variant: dict, carrier: metadata.Distribution | None) -> Part:
    carrier_note = ""
    texts: list[tuple[str, str]] = []
    if carrier is not None:
        carrier_note = (f"Shipped from the Python package {carrier.metadata['Name']} {carrier.version}, whose files "
                        "are used as data only.")
        texts = licence_texts(carrier)
        texts += _beside_model(carrier, str(variant["bundled"]))
    origin = variant.get("repo_id") or variant.get("origin") or ""
    return Part(name=str(variant.get("label") or variant["id"]), version=str(variant.get("revision") or ""),
                licence=normalize(str(variant.get("license") or "")), how="catalog entry " + str(variant["id"]),
                kind="model", source=f"https://huggingface.co/{origin}" if origin else "", texts=texts,
                note=" ".join(filter(None, [BUNDLED_ORIGINS.get(str(variant["id"]), ""),
                                            str(variant.get("description") or ""), carrier_note])))


def _beside_model(carrier: metadata.Distribution, bundled: str) -> list[tuple[str, str]]:
    """A model card or licence file in the bundled model's folder (the Piper voice's MODEL_CARD)."""
    found = []
    folder = bundled.rstrip("/") if "." not in bundled.rsplit("/", 1)[-1] else bundled.rsplit("/", 1)[0]
    for entry in carrier.files or []:
        if str(entry.parent).replace("\\", "/") == folder and \
                (_LICENCE_FILE.match(entry.name) or entry.name.upper().startswith(("MODEL_CARD", "README"))):
            try:
                found.append((str(entry), Path(carrier.locate_file(entry)).read_text(encoding="utf-8",
                                                                                     errors="replace")))
            except (OSError, UnicodeError):
                continue
    return found


def bundle_parts(sources: Iterable[str | Path], catalog: Path = ROOT / "assets" / "catalog.json",
                 owners: Owners | None = None) -> list[Part]:
    """Every component the bundle's files come from. `sources`: the source path of each file PyInstaller collected
    (pure modules, extensions, shared libraries, data)."""
    owners = owners or Owners()
    stdlib = _stdlib_dirs()
    site = {Path(p).resolve() for p in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"])}
    models = [v for v in _catalog_models(catalog) if v.get("bundled")]
    parts: dict[str, Part] = {}
    runtime = Part("CPython", sys.version.split()[0], "PSF-2.0", "the Python runtime", "runtime",
                   homepage="https://www.python.org/", source="https://www.python.org/downloads/source/")

    def add(key: str, make) -> None:  # noqa: ANN001
        part = parts.get(key)
        if part is None:
            part = parts[key] = make()
        part.files += 1

    for raw in sources:
        path = Path(raw)
        if not path.is_absolute() or not path.exists():
            continue
        resolved = path.resolve()
        dist = owners.owner(resolved)
        relative = next((resolved.relative_to(s).as_posix() for s in site if resolved.is_relative_to(s)), None)
        model = next((v for v in models if relative is not None and _part_of(relative, v["bundled"])), None)
        if model is not None:
            add("model:" + model["id"], lambda model=model, dist=dist: _model_part(model, dist))
        elif dist is not None and canonical(dist.metadata["Name"]) == PROJECT:
            continue  # Chinwag itself (an editable install points back into the checkout)
        elif dist is not None:
            add("py:" + canonical(dist.metadata["Name"]), lambda dist=dist: python_part(dist))
        elif resolved.is_relative_to(ROOT):
            continue  # Chinwag's own code and assets
        elif _runtime_file(resolved, stdlib):
            add("runtime", lambda: runtime)
        else:
            add("lib:" + _library_key(resolved.name), lambda resolved=resolved: system_library(resolved))
    return sorted(parts.values(), key=lambda p: (p.kind != "model", p.name.lower()))


def _part_of(relative: str, bundled: str) -> bool:
    """Whether a file (relative to site-packages) is part of a catalog entry's bundled model: the file itself, a file
    beside it named after it (a voice's .onnx.json), or anything inside it when it is a folder."""
    bundled = bundled.rstrip("/")
    return relative == bundled or relative.startswith(bundled + "/") or relative.startswith(bundled + ".")


def _runtime_file(path: Path, stdlib: list[Path]) -> bool:
    """Part of the Python runtime: the standard library and its extension modules, libpython, and on Windows the
    DLLs of the Python installation (python3*.dll, the C run-time it ships)."""
    if any(path.is_relative_to(s) for s in stdlib) or path.name.startswith(("libpython", "python3")):
        return True
    base = Path(sys.base_prefix).resolve()
    return sys.platform == "win32" and path.parent in (base, base / "DLLs")


def _library_key(file_name: str) -> str:
    for pattern, component, _licence, _source in SYSTEM_LIBRARIES:
        if re.match(pattern, file_name):
            return component
    return file_name


def system_library(path: Path) -> Part:
    for pattern, component, licence, source in SYSTEM_LIBRARIES:
        if re.match(pattern, path.name):
            return Part(component, "", licence, f"system library {path.name} (by name)", "library", source=source,
                        texts=_debian_copyright(path))
    return Part(path.name, "", "", f"a shared library from {path.parent} that no package owns", "library")


def _debian_copyright(path: Path) -> list[tuple[str, str]]:
    """The Debian copyright file of the package a system library came from, when the build machine has one."""
    import subprocess

    candidates = [str(path)]
    if str(path).startswith("/usr/lib/"):  # merged /usr: dpkg may know the file by its /lib name
        candidates.append(str(path)[len("/usr"):])
    found = None
    for candidate in candidates:
        try:
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return []
        if found.returncode == 0 and ":" in found.stdout:
            break
    if found is None or found.returncode != 0 or ":" not in found.stdout:
        return []
    package = found.stdout.split(":", 1)[0].strip()
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    try:
        return [(str(copyright_file), copyright_file.read_text(encoding="utf-8", errors="replace"))]
    except OSError:
        return []


# ---- what the app needs at run time (the check in `make test`) ---------------------------------------------------


def runtime_parts(project: str = PROJECT, catalog: Path = ROOT / "assets" / "catalog.json") -> list[Part]:
    """The app's runtime dependencies as installed (the closure of the project's requirements, no extras), the
    Python runtime, and the models and voices the catalog bundles."""
    from packaging.requirements import Requirement

    owners = Owners()
    seen: dict[str, Part] = {}
    missing: list[Part] = []
    todo: list[tuple[str, frozenset[str]]] = [(project, frozenset())]
    while todo:
        name, extras = todo.pop()
        dist = owners.dists.get(canonical(name))
        if dist is None:
            missing.append(Part(name, "", "", "required but not installed", "python"))
            continue
        key = canonical(name)
        if key != canonical(project):
            if key in seen:
                continue
            seen[key] = python_part(dist)
        for line in dist.requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(marker.evaluate({"extra": extra}) for extra in (extras or {""})):
                continue
            todo.append((requirement.name, frozenset(requirement.extras)))
    parts = list(seen.values()) + missing
    parts.append(Part("CPython", sys.version.split()[0], "PSF-2.0", "the Python runtime", "runtime",
                      homepage="https://www.python.org/", source="https://www.python.org/downloads/source/"))
    carriers = {canonical(d.metadata["Name"]): d for d in owners.dists.values()}
    for variant in _catalog_models(catalog):
        if variant.get("bundled"):
            package = str(variant["bundled"]).split("/", 1)[0]
            carrier = next((d for d in carriers.values()
                            if package in ((d.read_text("top_level.txt") or "").split() or [canonical(
                                d.metadata["Name"]).replace("-", "_")])), None)
            parts.append(_model_part(variant, carrier))
    return sorted(parts, key=lambda p: (p.kind != "model", p.name.lower()))


def problems(parts: Iterable[Part]) -> list[str]:
    """What fails the check: a part whose licence is unknown, or not on the allowed list."""
    found = []
    for part in parts:
        label = f"{part.name} {part.version}".strip()
        if not part.licence:
            found.append(f"{label}: licence unknown ({part.how}); read it and add it to REVIEWED or "
                         "SYSTEM_LIBRARIES in scripts/third_party_notices.py, or leave the part out")
        elif not allowed(part.licence):
            found.append(f"{label}: licence {part.licence} is not on the allowed list (ALLOWED in "
                         "scripts/third_party_notices.py); it may not be combined into a GPL-3.0 installer")
    return found


# ---- the notices -------------------------------------------------------------------------------------------------


def _standard_texts(parts: list[Part], owners: Owners) -> dict[str, tuple[str, str]]:
    """One full text of each licence that some part uses without shipping its own, from an installed package that
    ships it: {licence id: (where it was taken from, text)}."""
    wanted = {i.replace("-only", "").replace("-or-later", "") for p in parts if not p.texts or p.kind == "model"
              for i in licence_ids(chosen(p.licence))}
    wanted.add("GPL-3.0")  # the licence of the whole
    wanted.add("LGPL-3.0")  # Qt and PySide6
    found: dict[str, tuple[str, str]] = {}
    if COMMON_LICENSES.is_dir():  # Debian's own copies, when the build runs there
        for spdx, file_name in (("GPL-3.0", "GPL-3"), ("LGPL-3.0", "LGPL-3"), ("LGPL-2.1", "LGPL-2.1"),
                                ("Apache-2.0", "Apache-2.0"), ("MPL-2.0", "MPL-2.0"), ("CC0-1.0", "CC0-1.0")):
            path = COMMON_LICENSES / file_name
            if spdx in wanted and path.is_file():
                found[spdx] = (str(path), path.read_text(encoding="utf-8", errors="replace"))
    for dist in owners.dists.values():
        for name, text in licence_texts(dist):
            spdx = _identify_text(text)
            if spdx in wanted and spdx not in found and len(text) > 400:
                found[spdx] = (f"{dist.metadata['Name']} {dist.version}: {name}", text)
    for spdx in sorted(wanted - set(found)):
        found[spdx] = ("", f"(no copy on this build machine: https://spdx.org/licenses/{spdx}.html)")
    return found


def render(parts: list[Part], version: str, downloadable: list[dict], owners: Owners | None = None,
           where: str = "bundle") -> str:
    owners = owners or Owners()
    pyside = next((p for p in parts if canonical(p.name) in ("pyside6-essentials", "pyside6")), None)
    qt_version = pyside.version if pyside else "6"
    gpl = [p for p in parts if p.copyleft]
    lines = [
        f"Chinwag {version}: licences and notices",
        "=" * 60,
        "",
        "THE LICENCE OF WHAT YOU HAVE",
        "",
        f"Chinwag's own source code is licensed under the Apache License 2.0 ({SOURCE_LICENCE}).",
        "",
        "This installation also contains Piper (piper-tts) with espeak-ng built into it, which are licensed under",
        "the GNU General Public License version 3. The application as distributed in this installer is therefore a",
        "combined work conveyed under the GNU General Public License, version 3 (GPL-3.0): you may use, study,",
        "share and change it under those terms (the full text is in COPYING.txt beside this file and at the end of",
        "it). Every part below keeps its own licence as well; each one is compatible with the GPL-3.0.",
        "",
        "There is NO WARRANTY, to the extent permitted by law (sections 15 and 16 of the GPL-3.0).",
        "",
        "CORRESPONDING SOURCE",
        "",
        "- Chinwag: the complete source of this version, with the build scripts that made this installer",
        "  (build.spec, scripts/package-linux.sh, packaging/), is published with each release as",
        f"  chinwag-{version}-src.tar.gz, next to the installers.",
        "- Each part under the GPL, the LGPL or the MPL, at the version bundled here:",
    ]
    for part in gpl:
        lines.append(f"    {part.name} {part.version} ({part.licence}): {part.source or part.homepage}")
    lines += [
        "    espeak-ng (GPL-3.0-or-later), built into piper-tts: https://github.com/espeak-ng/espeak-ng (the exact",
        "    revision is the one named in the CMakeLists.txt of piper-tts's source at the version above)",
        "",
        "  Written offer: for three years after we last distribute this version, and for as long as we offer",
        "  spare parts or support for it, anyone may ask the Chinwag developers",
        f"  ({CONTACT}) for the complete corresponding source code of every GPL or LGPL part of this",
        "  installer, on a medium customarily used for software interchange, for no more than the cost of",
        "  physically performing the transfer.",
        "",
        "QT AND PYSIDE6 (LGPL-3.0)",
        "",
        f"The window uses Qt {qt_version} through PySide6 {qt_version}, under the GNU Lesser General Public",
        "License v3.",
        "They are not linked into Chinwag: the installer keeps them as separate shared libraries (the libQt6*",
        "files and Qt plugins under _internal/PySide6/Qt/, PySide6's and shiboken6's modules under",
        "_internal/PySide6/ and _internal/shiboken6/) which Chinwag loads at start. You may replace them with",
        f"your own build of the same Qt {qt_version} and PySide6 {qt_version} (for example one you modified) by",
        "putting your files in their place; Chinwag needs no relinking for that. Their source:",
        "https://download.qt.io/official_releases/qt/ and https://download.qt.io/official_releases/QtForPython/.",
        "",
        "MODELS AND VOICES IN THIS INSTALLER",
        "",
    ]
    for part in (p for p in parts if p.kind == "model"):
        lines.append(f"- {part.name}: {part.licence or 'licence unknown'}"
                     + (f"; from {part.source}" if part.source else ""))
        if part.note:
            lines.append(f"  {part.note}")
    lines += ["", "MODELS YOU CAN DOWNLOAD IN THE APP (not in this installer)", ""]
    llama = False
    for variant in downloadable:
        licence = str(variant.get("license") or "see its repository")
        llama = llama or "llama" in licence.lower()
        lines.append(f"- {variant.get('label') or variant['id']}: {licence}; https://huggingface.co/"
                     f"{variant.get('repo_id', '')}")
    if llama:
        lines += [
            "",
            "The Llama 3.2 models are licensed under the Llama 3.2 Community License, Copyright (c) Meta Platforms,",
            "Inc. All Rights Reserved (https://www.llama.com/llama3_2/license/), with its Acceptable Use Policy",
            "(https://www.llama.com/llama3_2/use-policy/). Built with Llama. Whoever shares a Llama model or a work",
            "made with it must pass on that licence and display \"Built with Llama\" as it asks.",
        ]
    lines += ["", f"COMPONENTS ({len(parts)}; {where})", ""]
    width = max((len(p.name) for p in parts), default=10) + 1
    for part in parts:
        used = chosen(part.licence)
        under = f" (used under {used})" if used != part.licence else ""
        lines.append(f"{part.name:<{width}} {part.version:<12} {part.licence or 'UNKNOWN'}{under}   [{part.how}]")
    lines += ["", "LICENCE TEXTS", ""]
    for part in parts:
        lines += ["-" * 78, f"{part.name} {part.version}: {part.licence or 'UNKNOWN'}"]
        if part.homepage:
            lines.append(f"Home: {part.homepage}")
        if part.source:
            lines.append(f"Source: {part.source}")
        if part.note and part.kind != "model":
            lines.append(part.note)
        if not part.texts:
            lines.append(f"(no licence file of its own: the standard text of {chosen(part.licence)} is under "
                         "STANDARD LICENCE TEXTS below)")
        for name, text in part.texts:
            lines += ["", f"--- {name} ---", text.rstrip(), ""]
    lines += ["", "=" * 78, "STANDARD LICENCE TEXTS", ""]
    for spdx, (origin, text) in sorted(_standard_texts(parts, owners).items()):
        lines += ["-" * 78, f"{spdx} (the text as shipped by {origin})" if origin else spdx, "", text.rstrip(), ""]
    return "\n".join(lines) + "\n"


def copying_text(owners: Owners | None = None) -> str:
    """COPYING.txt: what the installer is licensed under, and the GPL-3.0's full text (from an installed package)."""
    owners = owners or Owners()
    gpl = _standard_texts([], owners).get("GPL-3.0")
    head = (
        "Chinwag installer: licence\n\n"
        "This installer contains GPL-3.0 software (piper-tts with espeak-ng), so the application it installs is\n"
        "distributed as a whole under the GNU General Public License, version 3, below. Chinwag's own source code\n"
        "is licensed under the Apache License 2.0. Every bundled part, with its own licence and where its source\n"
        f"is, is listed in {NOTICES_NAME} (also shown in the app: About → Licences).\n\n"
    )
    if gpl is None:
        return head + "The full text: https://www.gnu.org/licenses/gpl-3.0.txt\n"
    return head + gpl[1].rstrip() + "\n"


def _version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def downloadable_models(catalog: Path = ROOT / "assets" / "catalog.json") -> list[dict]:
    return [v for v in _catalog_models(catalog) if not v.get("bundled") and v.get("repo_id")]


def write_bundle_notices(sources: Iterable[str | Path], out_dir: Path,
                         bootloader: bool = False) -> tuple[list[Path], list[str]]:
    """For build.spec: the notices and COPYING.txt of the bundle made from `sources`, written into `out_dir`.
    `bootloader`: the bundle's executable is PyInstaller's bootloader (it is in no collected list). Returns the files
    and the problems (the build stops on any)."""
    owners = Owners()
    parts = bundle_parts(sources, owners=owners)
    pyinstaller = owners.dists.get("pyinstaller")
    if bootloader and pyinstaller is not None and not any(canonical(p.name) == "pyinstaller" for p in parts):
        parts.append(python_part(pyinstaller))
    out_dir.mkdir(parents=True, exist_ok=True)
    notices = out_dir / NOTICES_NAME
    notices.write_text(render(parts, _version(), downloadable_models(), owners), encoding="utf-8")
    copying = out_dir / COPYING_NAME
    copying.write_text(copying_text(owners), encoding="utf-8")
    return [notices, copying], problems(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail on a runtime dependency with a licence that is "
                        "unknown or not allowed")
    parser.add_argument("--out", type=Path, help="write the notices for the installed runtime dependencies here")
    args = parser.parse_args(argv)
    parts = runtime_parts()
    if args.out:
        args.out.write_text(render(parts, _version(), downloadable_models(), where="installed runtime dependencies"),
                            encoding="utf-8")
    found = problems(parts)
    for problem in found:
        print(f"licence check FAILED: {problem}", file=sys.stderr)
    if args.check and not found:
        print(f"licence check: {len(parts)} parts, every licence known and allowed")
    return 1 if found and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
