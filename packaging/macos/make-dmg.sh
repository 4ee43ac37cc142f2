#!/usr/bin/env bash
# macOS: wraps dist/Chinwag.app (built by `pyinstaller build.spec` on a Mac) into dist/Chinwag-<version>.dmg.
# The app's Info.plist carries NSMicrophoneUsageDescription (set in build.spec): without it macOS records silence.
# Signing/notarization need an Apple developer identity: set CODESIGN_IDENTITY to sign before packing.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
app=dist/Chinwag.app
[ -d "$app" ] || { echo "build $app first: pyinstaller build.spec" >&2; exit 1; }
/usr/libexec/PlistBuddy -c "Print :NSMicrophoneUsageDescription" "$app/Contents/Info.plist" >/dev/null \
  || { echo "Info.plist lacks NSMicrophoneUsageDescription" >&2; exit 1; }
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" "$app"
fi
stage=$(mktemp -d)
cp -R "$app" "$stage/"
# The licence beside the app: the dmg contains GPL-3.0 parts (Piper, espeak-ng), so it is distributed under the GNU
# GPL version 3 as a whole (COPYING.txt); every part's licence is in THIRD-PARTY-NOTICES.txt (About > Licences).
for name in COPYING.txt THIRD-PARTY-NOTICES.txt; do
  found=$(find "$app/Contents" -name "$name" | head -n 1)
  [ -n "$found" ] || { echo "$app lacks $name (build.spec writes it)" >&2; exit 1; }
  cp -L "$found" "$stage/$name"
done
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Chinwag $VERSION" -srcfolder "$stage" -ov -format UDZO "dist/Chinwag-$VERSION.dmg"
rm -rf "$stage"
echo "dist/Chinwag-$VERSION.dmg"
