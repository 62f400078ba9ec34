#!/usr/bin/env bash
# Set-up and entry points for a fresh Debian/Ubuntu machine with Python 3.11+.
#   ./run.sh demo    build the sample archive from the bundled sample minutes, then search it
#   ./run.sh test    run the linter and the test suite
#   ./run.sh bench   run the benchmarks (installs ocrmypdf and poppler-utils for comparison)
# Each installs what it needs first: Debian packages (Tesseract with Dutch data) and a venv.
# SKIP_SETUP=1 skips that (the packages and .venv are there already); DEMO_DIR moves the demo's
# minutes and index elsewhere than ./sample-archive.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-nld tesseract-ocr-osd python3-venv
  libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation fonts-dejavu-core chromium)
BENCH_PACKAGES=(ocrmypdf poppler-utils)
VENV=${VENV:-.venv}

# Bold only on a terminal: a log file or a CI page gets the plain line, no escape codes.
if [ -t 2 ] && [ "${TERM:-dumb}" != dumb ] && [ -z "${NO_COLOR:-}" ]; then
  log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
else
  log() { printf '==> %s\n' "$*" >&2; }
fi

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
  if [ -n "${SKIP_SETUP:-}" ]; then
    [ -x "$VENV/bin/archive" ] || { echo "SKIP_SETUP: no $VENV/bin/archive; run without it" >&2; exit 2; }
    return 0
  fi
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
  local dir=${DEMO_DIR:-sample-archive}
  # The demo's own index, whatever ARCHIVE_INDEX the caller has set: the demo never writes
  # into someone's real archive.
  export ARCHIVE_INDEX=$dir/index
  log "generating the sample minutes into $dir/minutes"
  "$VENV/bin/python" -m samples "$dir/minutes" >/dev/null
  log "ingesting into $ARCHIVE_INDEX"
  "$VENV/bin/archive" ingest "$dir/minutes"
  log "searching: Ter Apel"
  "$VENV/bin/archive" search "Ter Apel" --limit 5
  next_steps "$dir"
}

# The commands to try next, each complete on its own line (the index named in it), so that a
# line pasted into a shell works, also from the folder the user ran ./run.sh in.
next_steps() {
  local dir=$1 here=""
  [ "$CALLER_DIR" = "$PWD" ] || here="cd $(printf '%q' "$PWD") && "
  local archive="ARCHIVE_INDEX=$(printf '%q' "$dir/index") $VENV/bin/archive"
  log "next, try:"
  cat <<EOF
${here}$archive search "Ter Apel"
${here}$archive search 'soort:actie eigenaar:DPG'
${here}$archive show vrt-bao-oekraine-2022-04-07.pdf --item 2.5
${here}$archive export actions --out acties.xlsx
${here}$archive serve        # then open http://127.0.0.1:8000/
EOF
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
