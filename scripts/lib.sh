# Shared set-up for scripts/run.sh and scripts/test.sh. Every step checks
# before it installs, so running the scripts twice installs nothing twice.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

step() { printf '\n==> %s\n' "$*"; }

# A virtualenv in .tools/NAME with the packages of REQUIREMENTS, reinstalled
# only when the requirements file changes.
ensure_venv() {
  local name=$1 requirements=$2
  local venv="$TOOLS/$name" stamp
  stamp="$venv/.installed-$(sha256sum "$requirements" | cut -c1-16)"
  if [[ ! -f "$stamp" ]]; then
    step "Installing Python packages into .tools/$name ($(basename "$requirements"))"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    touch "$stamp"
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    step "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}
