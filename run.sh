#!/usr/bin/env bash
# Set-up and entry points for a fresh Debian/Ubuntu machine with Python 3.11+.
#   ./run.sh demo    build the sample archive from the bundled sample minutes, then search it
#   ./run.sh test    run the linter and the test suite
#   ./run.sh bench   run the benchmarks (installs ocrmypdf and poppler-utils for comparison)
# Each installs what it needs first: Debian packages (Tesseract with Dutch data) and a venv.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-nld tesseract-ocr-osd python3-venv
  libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation fonts-dejavu-core chromium)
BENCH_PACKAGES=(ocrmypdf poppler-utils)
VENV=${VENV:-.venv}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup() {
  apt_install "${APT_PACKAGES[@]}"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtual environment in $VENV"
    python3 -m venv "$VENV"
  fi
  log "installing minutes-archive and its dependencies"
  "$VENV/bin/pip" install -q --disable-pip-version-check -e ".[test]"
}

demo() {
  setup
  export ARCHIVE_INDEX=${ARCHIVE_INDEX:-$PWD/sample-archive/index}
  log "generating the sample minutes into sample-archive/minutes"
  "$VENV/bin/python" -m samples sample-archive/minutes
  log "ingesting into $ARCHIVE_INDEX"
  "$VENV/bin/archive" ingest sample-archive/minutes
  log "searching: Ter Apel"
  "$VENV/bin/archive" search "Ter Apel" --limit 5
  log "in a browser: $VENV/bin/archive serve --index $ARCHIVE_INDEX   then open http://127.0.0.1:8000/"
}

tests() {
  setup
  log "ruff"
  "$VENV/bin/ruff" check .
  log "pytest"
  "$VENV/bin/python" -m pytest -q "$@"
}

bench() {
  setup
  apt_install "${BENCH_PACKAGES[@]}"
  for script in benchmarks/bench_*.py; do
    log "$script"
    "$VENV/bin/python" "$script"
  done
}

case "${1:-}" in
  demo) shift; demo "$@" ;;
  test) shift; tests "$@" ;;
  bench) shift; bench "$@" ;;
  *) echo "usage: ./run.sh demo|test|bench" >&2; exit 2 ;;
esac
