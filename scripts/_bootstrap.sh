# Shared by scripts/start and scripts/test: make sure uv exists and the locked
# environment is in place. Sourced, not executed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

_styra_pip_install_uv() {
    python3 -m pip install --quiet --user uv \
        || python3 -m pip install --quiet --user --break-system-packages uv \
        || python3 -m pip install --quiet --break-system-packages uv
}

if ! command -v uv >/dev/null 2>&1; then
    export PATH="$HOME/.local/bin:$PATH"
    if ! command -v uv >/dev/null 2>&1; then
        # Debian's python3 comes without pip (the package python3-pip); ensurepip may add it.
        if ! python3 -m pip --version >/dev/null 2>&1; then
            python3 -m ensurepip --user >/dev/null 2>&1 || true
        fi
        if python3 -m pip --version >/dev/null 2>&1; then
            _styra_pip_install_uv || true
        fi
        if ! command -v uv >/dev/null 2>&1; then
            {
                echo "Styra behöver uv, som saknas och inte gick att installera med python3 -m pip."
                echo "Installera pip (Debian/Ubuntu: sudo apt-get install python3-pip) och kör igen,"
                echo "eller installera uv själv: https://docs.astral.sh/uv/getting-started/installation/"
            } >&2
            exit 1
        fi
    fi
fi
uv sync --frozen --all-extras --quiet
