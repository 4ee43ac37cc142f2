#!/bin/sh
# Runs inside the self-extracting file: installs Chinwag for the current user (no root needed).
#   ./chinwag-*.run                      install to ~/.local/opt/chinwag, add a menu entry, start nothing
#   ./chinwag-*.run -- --prefix DIR      install somewhere else
#   ~/.local/opt/chinwag/uninstall.sh    remove it again (conversations and models are kept)
set -eu
prefix="${HOME}/.local/opt/chinwag"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
rm -rf "$prefix"
mkdir -p "$prefix" "$apps" "$icons"
cp -a chinwag/. "$prefix/"
cp chinwag.png "$icons/chinwag.png"
sed "s|/opt/chinwag/chinwag|$prefix/chinwag|" chinwag.desktop > "$apps/chinwag.desktop"
cat > "$prefix/uninstall.sh" <<UNINSTALL
#!/bin/sh
rm -f "$apps/chinwag.desktop" "$icons/chinwag.png"
rm -rf "$prefix"
echo "Chinwag removed. Your conversations and models stay in ~/.local/share/Chinwag (delete it to remove them)."
UNINSTALL
chmod +x "$prefix/uninstall.sh"
if ! ldconfig -p 2>/dev/null | grep -q libportaudio.so.2 && [ ! -e "$prefix/_internal/libportaudio.so.2" ]; then
  echo "note: install PortAudio (libportaudio2) to talk to Chinwag; typing works without it."
fi
echo "Chinwag installed in $prefix. Start it from your applications menu, or run $prefix/chinwag"
