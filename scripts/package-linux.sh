#!/usr/bin/env bash
# Builds the Linux artifacts from this checkout into dist/:
#   dist/chinwag/                          the one-folder PyInstaller bundle
#   dist/chinwag_<version>_<arch>.deb      installs to /opt/chinwag, with a menu entry and icon
#   dist/chinwag-<version>-linux-<arch>.run  self-extracting installer for other distributions (per user)
#   dist/chinwag-<version>-src.tar.gz      the corresponding source (the installers are GPL-3.0 as a whole)
# Usage: scripts/package-linux.sh [python-of-the-venv]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
VERSION=$("$PY" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
started=$(date +%s)

rm -rf dist/chinwag build/pyinstaller build/deb
"$PY" scripts/render_icon.py assets/icons/chinwag.svg build/icons/chinwag.png 256
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

# Strip debug symbols from the big libraries we know are safe to strip. Not the auditwheel-repaired ones
# (*.libs/, numpy's OpenBLAS): stripping those breaks their ELF layout.
find dist/chinwag/_internal -type f \( -name 'libpython*.so*' -o -name 'libllama*.so*' -o -name 'libggml*.so*' \
  -o -name 'libmtmd*.so*' \) -not -path '*.libs/*' -print0 | xargs -0 -r strip --strip-unneeded

"$PY" scripts/check_bundle.py dist/chinwag
# The window's translations (compiled by build.spec) and Qt's own for the standard buttons.
for qm in desktop/ui/i18n/chinwag_de.qm PySide6/Qt/translations/qtbase_de.qm; do
  [ -s "dist/chinwag/_internal/$qm" ] || { echo "package: the bundle lacks $qm" >&2; exit 1; }
done

# The corresponding source of this version: the installers contain GPL-3.0 parts, so they are conveyed under the
# GPL-3.0 as a whole, and the notices point here (and to each GPL/LGPL part's own source).
if git rev-parse --git-dir >/dev/null 2>&1; then
  git archive --format=tar.gz --prefix="chinwag-${VERSION}/" -o "dist/chinwag-${VERSION}-src.tar.gz" HEAD
  [ -z "$(git status --porcelain --untracked-files=no)" ] || \
    echo "note: the working tree has uncommitted changes; chinwag-${VERSION}-src.tar.gz holds HEAD" >&2
else
  echo "note: not a git checkout; no source archive written" >&2
fi

# ---- .deb ----------------------------------------------------------------------------------------------
deb=build/deb
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" \
  "$deb/usr/share/icons/hicolor/scalable/apps" "$deb/usr/share/icons/hicolor/256x256/apps"
cp -a dist/chinwag "$deb/opt/chinwag"
ln -s /opt/chinwag/chinwag "$deb/usr/bin/chinwag"
cp packaging/linux/chinwag.desktop "$deb/usr/share/applications/chinwag.desktop"
cp assets/icons/chinwag.svg "$deb/usr/share/icons/hicolor/scalable/apps/chinwag.svg"
cp build/icons/chinwag.png "$deb/usr/share/icons/hicolor/256x256/apps/chinwag.png"
# Licences: Debian's copyright file (what the package as a whole is under) and the bundle's full notices.
mkdir -p "$deb/usr/share/doc/chinwag"
cp dist/chinwag/_internal/THIRD-PARTY-NOTICES.txt "$deb/usr/share/doc/chinwag/THIRD-PARTY-NOTICES.txt"
cat > "$deb/usr/share/doc/chinwag/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Chinwag
Upstream-Contact: Chinwag developers <dev@chinwag.invalid>
Source: chinwag-${VERSION}-src.tar.gz, published with this package; the source of every bundled part is
 listed in /usr/share/doc/chinwag/THIRD-PARTY-NOTICES.txt
Comment: This package bundles Piper (piper-tts) with espeak-ng, licensed under the GNU GPL version 3, so the
 package as a whole is distributed under the GNU GPL version 3. Chinwag's own source code is licensed under
 the Apache License 2.0. Every bundled component (Python packages, Qt and PySide6 under the LGPL-3.0, system
 libraries, models and voices) is listed with its version, licence and licence text in
 /usr/share/doc/chinwag/THIRD-PARTY-NOTICES.txt (also in the app: About, Licences).

Files: *
Copyright: Chinwag developers and the authors of the bundled components (see THIRD-PARTY-NOTICES.txt)
License: GPL-3.0-only
 This program is free software: you can redistribute it and/or modify it under the terms of the GNU General
 Public License version 3 as published by the Free Software Foundation.
 .
 This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the
 implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public License
 for more details.
 .
 On Debian systems the complete text of the GNU General Public License version 3 is in
 /usr/share/common-licenses/GPL-3, and in /opt/chinwag/_internal/COPYING.txt.
COPYRIGHT
installed_kb=$(du -sk "$deb" --exclude=DEBIAN | cut -f1)
cat > "$deb/DEBIAN/control" <<CONTROL
Package: chinwag
Version: $VERSION
Architecture: $ARCH
Maintainer: Chinwag developers <dev@chinwag.invalid>
Installed-Size: $installed_kb
Section: utils
Priority: optional
Depends: libportaudio2, libasound2-plugins | libasound2, libegl1, libgl1, libfontconfig1, libdbus-1-3,
 libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1,
 libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1
Description: offline push-to-talk voice assistant
 Hold a key, speak, let go: Whisper transcribes your words on this computer and a
 fine-tuned Llama 3.2 model streams its answer, on the CPU, with no network once the
 model is downloaded. Ships with small starter models so it works right away.
CONTROL
# No maintainer scripts: Debian's desktop-file-utils and hicolor triggers refresh the menu and icon caches, and
# without a postrm `dpkg -r` leaves no trace of the package.
dpkg-deb --root-owner-group -Zxz -z6 --build "$deb" "dist/chinwag_${VERSION}_${ARCH}.deb" >/dev/null

# ---- self-extracting installer --------------------------------------------------------------------------
run_file="dist/chinwag-${VERSION}-linux-$(uname -m).run"
stage=build/run
rm -rf "$stage" && mkdir -p "$stage"
cp -a dist/chinwag "$stage/chinwag"
cp packaging/linux/install-user.sh packaging/linux/chinwag.desktop build/icons/chinwag.png "$stage/"
makeself --quiet --xz --complevel 6 --threads 0 --nox11 "$stage" "$run_file" "Chinwag $VERSION" ./install-user.sh

elapsed=$(( $(date +%s) - started ))
echo "== package sizes =="
mb() { echo $(( $(du -sb "$1" | cut -f1) / 1000000 )); }
echo "bundle folder $(mb dist/chinwag) MB, .deb $(mb "dist/chinwag_${VERSION}_${ARCH}.deb") MB, .run $(mb "$run_file") MB"
echo "packaging took ${elapsed} s"
