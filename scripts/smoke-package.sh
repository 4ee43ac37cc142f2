#!/usr/bin/env bash
# Smoke tests of the Linux artifacts in dist/ (run after scripts/package-linux.sh, as root for the .deb):
# the frozen app's self-test, the .deb installed and removed, the self-extracting installer, sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
deb=$(ls dist/chinwag_"${VERSION}"_*.deb)
run_file=$(ls dist/chinwag-"${VERSION}"-linux-*.run)
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
fail() { echo "package smoke FAILED: $*" >&2; exit 1; }

self_test() {  # $1: the chinwag binary; runs offscreen, offline, with an empty home, and checks the reply
  local out
  out=$(env -i PATH=/usr/bin:/bin HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
        HF_ENDPOINT=http://127.0.0.1:9 QT_QPA_PLATFORM=offscreen timeout 300 "$1" --self-test 2>"$home/stderr") \
    || { cat "$home/stderr" >&2; fail "$1 --self-test exited non-zero"; }
  echo "$out" | tail -n 1 | python3 -c '
import json, sys
result = json.loads(sys.stdin.read())
assert "capital" in result["transcript"].lower(), result
assert result["reply"].strip(), result
print("  transcript:", result["transcript"], "| reply:", result["reply"][:60].replace("\n", " "), "| max stall ms:",
      result.get("max_ui_stall_ms"))
' || fail "$1 --self-test printed no valid result"
}

notices_ok() {  # $1: a THIRD-PARTY-NOTICES.txt; it names the licence of the whole and the parts that ask for it
  local marker
  [ -s "$1" ] || fail "no licence notices at $1"
  for marker in "GNU General Public License, version 3" "CORRESPONDING SOURCE" "Written offer" "piper-tts" \
                "espeak-ng" "PySide6" "LGPL-3.0" "Built with Llama" "LICENCE TEXTS"; do
    grep -qF "$marker" "$1" || fail "$1 does not mention '$marker'"
  done
}

echo "== licence notices in the bundle and the .deb =="
notices_ok dist/chinwag/_internal/THIRD-PARTY-NOTICES.txt
grep -qF "GNU GENERAL PUBLIC LICENSE" dist/chinwag/_internal/COPYING.txt || fail "the bundle's COPYING.txt lacks the GPL"
listing=$(dpkg-deb -c "$deb")
for path in ./usr/share/doc/chinwag/copyright ./usr/share/doc/chinwag/THIRD-PARTY-NOTICES.txt \
            ./opt/chinwag/_internal/THIRD-PARTY-NOTICES.txt ./opt/chinwag/_internal/COPYING.txt; do
  grep -qF " $path" <<<"$listing" || fail "the .deb lacks $path"  # no pipe: grep -q would cut echo off (SIGPIPE)
done
mkdir -p "$home/deb"
dpkg-deb -x "$deb" "$home/deb"
notices_ok "$home/deb/usr/share/doc/chinwag/THIRD-PARTY-NOTICES.txt"
grep -q "^License: GPL-3.0" "$home/deb/usr/share/doc/chinwag/copyright" || fail "the .deb's copyright names no GPL-3.0"
grep -qF "Apache License 2.0" "$home/deb/usr/share/doc/chinwag/copyright" || fail "the .deb's copyright omits Apache-2.0"
rm -rf "$home/deb"
[ -s "dist/chinwag-${VERSION}-src.tar.gz" ] || echo "  note: no source archive (not built from a git checkout)"
echo "  notices, COPYING.txt and the .deb's copyright are there"

echo "== the window's translations =="
# Compiled from desktop/ui/i18n/*.ts by build.spec; Qt's qtbase_de.qm translates the standard buttons (OK, Cancel).
for qm in desktop/ui/i18n/chinwag_de.qm desktop/ui/i18n/chinwag_fr.qm desktop/ui/i18n/chinwag_es.qm \
          PySide6/Qt/translations/qtbase_de.qm; do
  [ -s "dist/chinwag/_internal/$qm" ] || fail "the bundle lacks $qm"
  grep -qF " ./opt/chinwag/_internal/$qm" <<<"$listing" || fail "the .deb lacks $qm"
done
echo "  chinwag_de.qm, chinwag_fr.qm, chinwag_es.qm and qtbase_de.qm are in the bundle and the .deb"

echo "== frozen app self-test =="
self_test dist/chinwag/chinwag

echo "== frozen app: the local API server =="
# Starlette, uvicorn and the multipart parser must all be in the bundle: models, a chat reply, a transcription.
env -i PATH=/usr/bin:/bin HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    XDG_STATE_HOME="$home/state" HF_ENDPOINT=http://127.0.0.1:9 \
    dist/chinwag/chinwag serve --port 8799 --api-key smoke-key >"$home/serve.log" 2>&1 &
serve_pid=$!
python3 - "$home/serve.log" <<'PY' || { kill "$serve_pid" 2>/dev/null; cat "$home/serve.log" >&2; fail "chinwag serve"; }
import json, sys, time, urllib.request, uuid
base, key = "http://127.0.0.1:8799/v1", "smoke-key"
def call(path, body=None, content_type="application/json"):
    request = urllib.request.Request(base + path, data=body, headers={"Authorization": f"Bearer {key}"})
    if body is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())
for _ in range(240):
    try:
        models = [m["id"] for m in call("/models")["data"]]
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server did not answer within 120 s")
chat = call("/chat/completions", json.dumps({"model": models[0], "max_tokens": 12,
            "messages": [{"role": "user", "content": "Hello!"}]}).encode())
assert chat["choices"][0]["message"]["content"].strip(), chat
boundary = uuid.uuid4().hex
wav = open("assets/hello.wav", "rb").read()
form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.wav\"\r\n"
        f"Content-Type: audio/wav\r\n\r\n").encode() + wav + f"\r\n--{boundary}--\r\n".encode()
text = call("/audio/transcriptions", form, f"multipart/form-data; boundary={boundary}")["text"]
assert text.strip(), text
print("  models:", ", ".join(models), "| reply:", chat["choices"][0]["message"]["content"][:40].replace("\n", " "),
      "| heard:", text.strip()[:40])
PY
kill -TERM "$serve_pid" && wait "$serve_pid" || true

if [ "$(id -u)" -eq 0 ]; then
  echo "== .deb install, self-test, remove =="
  dpkg -r chinwag >/dev/null 2>&1 || true
  dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
  [ -x /opt/chinwag/chinwag ] && [ -f /usr/share/applications/chinwag.desktop ] || fail "files not installed"
  notices_ok /usr/share/doc/chinwag/THIRD-PARTY-NOTICES.txt
  self_test /usr/bin/chinwag
  dpkg -r chinwag >/dev/null || fail "dpkg -r chinwag"
  for left in /opt/chinwag /usr/bin/chinwag /usr/share/applications/chinwag.desktop /usr/share/doc/chinwag \
              /usr/share/icons/hicolor/scalable/apps/chinwag.svg /usr/share/icons/hicolor/256x256/apps/chinwag.png; do
    [ -e "$left" ] || [ -L "$left" ] && fail "dpkg -r left $left behind"
  done
  state=$(dpkg-query -W -f='${db:Status-Status}' chinwag 2>/dev/null || true)
  [ -z "$state" ] || [ "$state" = "not-installed" ] || fail "dpkg still lists chinwag as '$state' after dpkg -r"
  echo "  installed, passed, removed cleanly"
else
  echo "== .deb: skipped (not root) =="
fi

echo "== self-extracting installer =="
prefix="$home/opt/chinwag"
( cd "$home" && HOME="$home" XDG_DATA_HOME="$home/share" sh "$OLDPWD/$run_file" --quiet -- --prefix "$prefix" ) >/dev/null \
  || fail "$run_file did not install"
[ -f "$home/share/applications/chinwag.desktop" ] || fail "no menu entry from the .run installer"
self_test "$prefix/chinwag"
HOME="$home" sh "$prefix/uninstall.sh" >/dev/null
[ -e "$prefix" ] && fail "uninstall.sh left $prefix"
[ -e "$home/share/applications/chinwag.desktop" ] && fail "uninstall.sh left the menu entry"
echo "  installed, passed, uninstalled cleanly"

# The targets grew with the voice: Chinwag speaks offline from the first start, so the bundle carries the Piper
# voice (61 MB), Piper with its espeak-ng data (24 MB) and onnxruntime (30 MB); and again with the local actions
# (SymPy and Pint, the exact maths and units) and Qt kept as loose, replaceable files (LGPL): 738 MB measured.
echo "== sizes (targets: folder <= 780 MB, .deb <= 360 MB) =="
folder_mb=$(( $(du -sb dist/chinwag | cut -f1) / 1000000 ))
deb_mb=$(( $(stat -c %s "$deb") / 1000000 ))
echo "bundle folder ${folder_mb} MB, .deb ${deb_mb} MB, .run $(( $(stat -c %s "$run_file") / 1000000 )) MB"
[ "$folder_mb" -le 780 ] || fail "bundle folder is ${folder_mb} MB (> 780)"
[ "$deb_mb" -le 360 ] || fail ".deb is ${deb_mb} MB (> 360)"
echo "package smoke: all passed"
