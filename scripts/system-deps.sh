#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Chinwag needs (as root), or prints the command to run by hand.
#   scripts/system-deps.sh app    what the app needs to run (sound, Qt's X11/Wayland libraries)
#   scripts/system-deps.sh test   plus what the tests use (speech synthesis, a virtual microphone, Xvfb)
#   scripts/system-deps.sh package  plus what building the Linux installers uses (makeself, objdump)
set -euo pipefail
app=(libportaudio2 libasound2-plugins libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0
     libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
     libxcb-xinerama0 libxcb-xkb1 libfontconfig1 libdbus-1-3 python3-venv)
test=(espeak-ng sox pulseaudio pulseaudio-utils xvfb xauth)
package=(makeself binutils dpkg-dev xz-utils)
wanted=("${app[@]}")
[ "${1:-app}" = "test" ] && wanted+=("${test[@]}")
[ "${1:-app}" = "package" ] && wanted+=("${test[@]}" "${package[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install the equivalents of these packages by hand: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "These system packages are missing; install them, then run the command again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
