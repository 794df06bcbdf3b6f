# Shared by scripts/start and scripts/test: make sure uv exists and the locked
# environment is in place. Sourced, not executed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v uv >/dev/null 2>&1; then
    export PATH="$HOME/.local/bin:$PATH"
    command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet --user uv \
        || python3 -m pip install --quiet --break-system-packages uv
fi
uv sync --frozen --all-extras --quiet
