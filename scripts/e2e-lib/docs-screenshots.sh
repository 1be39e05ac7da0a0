#!/usr/bin/env bash
# Retakes the README screenshots in a real VS Code (code-server + Chromium), 1280x800:
#   docs/screenshot-diagnostics.png       editor (flagged lines 38-59, hover on line 58) + Problems
#   docs/screenshot-preview.png           editor beside the preview: trial card, arms, results
#   docs/screenshot-preview-problems.png  editor beside the top of the preview: problems list, card
# Usage: bash scripts/e2e-lib/docs-screenshots.sh [--no-package]   (see docs/screenshots.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ "${1:-}" == --no-package ]] || npm run package >/dev/null
bash scripts/setup-e2e.sh >/dev/null
OUT="${TMPDIR:-/tmp}/trial-report-docs-shots"
rm -rf "$OUT"
common=(--vsix trial-report.vsix --workspace examples --open il2-lupus-news.trial.md
  --min-problems 4 --clean --preview-width 0.6)

# 1. 100 %: Problems + hover, then the top of the preview (its problems list).
node scripts/vscode-shot.mjs "${common[@]}" --out "$OUT/main" \
  --expect 23/38 --expect 9/38 --panel-height 248 --top-line 38 --hover-line 58 \
  --preview-top-line 1 --expect-preview Problems --expect-preview Results --check-reveal

# 2. 90 % zoom (the picture stays 1280x800): card, arms and results fit beside the editor.
node scripts/vscode-shot.mjs "${common[@]}" --out "$OUT/zoom90" --zoom 0.9 \
  --preview-top-line 12 --preview-scroll .trial-card --preview-scroll-top-line 12 >/dev/null

mkdir -p docs
cp "$OUT/main/hover.png" docs/screenshot-diagnostics.png
cp "$OUT/main/preview.png" docs/screenshot-preview-problems.png
cp "$OUT/zoom90/preview-scrolled.png" docs/screenshot-preview.png
# The VSIX ships the README's pictures and must stay under 1 MB (scripts/check-vsix.mjs): a
# screenshot of a UI quantises to a palette without visible loss at about 40% of the size.
if command -v pngquant >/dev/null; then
  for f in docs/screenshot-diagnostics.png docs/screenshot-preview.png docs/screenshot-preview-problems.png; do
    pngquant --quality=80-95 --speed 1 --strip --skip-if-larger --force --ext .png "$f" || true
  done
else
  echo "pngquant not found (apt-get install pngquant): the pictures are not quantised" >&2
fi
echo "wrote docs/screenshot-diagnostics.png docs/screenshot-preview.png docs/screenshot-preview-problems.png (runs in $OUT)" >&2
