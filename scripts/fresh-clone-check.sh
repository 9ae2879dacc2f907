#!/usr/bin/env bash
# Does the README's quick start work from a clean clone? Clones this repository into a temporary
# folder and runs its two commands exactly as written:
#   1. `pnpm install && pnpm dev` in the background, until it prints "Lastmile is up" and the
#      four portals answer on 3000–3003; then stops it;
#   2. `pnpm install && pnpm test`, which must exit 0.
# Ends with one PASS/FAIL line per step and exits non-zero if any failed.
#
# Usage: scripts/fresh-clone-check.sh [--dev-only] [repository]   (default: this checkout)
#   --dev-only   run step 1 only (step 2 takes the whole test suite's time)
# Needs the ports `pnpm dev` uses (3000–3003, 54320; 6001 is reused if taken) to be free.
set -uo pipefail

DEV_ONLY=0
if [[ "${1:-}" == "--dev-only" ]]; then
  DEV_ONLY=1
  shift
fi
SOURCE="${1:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}"
UP_TIMEOUT_S="${FRESH_CLONE_UP_TIMEOUT_S:-600}"

WORK="$(mktemp -d -t lastmile-fresh-XXXXXX)"
DEV_PID=""
declare -a RESULTS=()
FAILED=0

cleanup() {
  # pnpm dev runs in its own process group (setsid): stop the group, the way Ctrl-C would.
  if [[ -n "$DEV_PID" ]] && kill -0 "$DEV_PID" 2>/dev/null; then
    kill -INT -- "-$DEV_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$DEV_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record() { # record <PASS|FAIL> <what>
  RESULTS+=("$1  $2")
  [[ "$1" == PASS ]] || FAILED=1
}

echo "fresh-clone-check: cloning $SOURCE into $WORK/lastmile"
if ! git clone --quiet "$SOURCE" "$WORK/lastmile"; then
  echo "FAIL  git clone $SOURCE"
  exit 1
fi
cd "$WORK/lastmile" || exit 1

# ── 1. pnpm install && pnpm dev ──
DEV_LOG="$WORK/dev.log"
echo "fresh-clone-check: pnpm install && pnpm dev (log: $DEV_LOG)"
setsid bash -c 'pnpm install && pnpm dev' >"$DEV_LOG" 2>&1 &
DEV_PID=$!
started=$SECONDS
up=0
while ((SECONDS - started < UP_TIMEOUT_S)); do
  if ! kill -0 "$DEV_PID" 2>/dev/null; then break; fi
  if grep -q "Lastmile is up" "$DEV_LOG"; then
    up=1
    break
  fi
  sleep 2
done
if ((up)); then
  record PASS "pnpm dev printed 'Lastmile is up' after $((SECONDS - started)) s"
  for port in 3000 3001 3002 3003; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "http://localhost:$port/")"
    # A portal answers with its page or a redirect to its sign-in; 5xx or no answer is a failure.
    if [[ "$code" =~ ^[23] ]]; then
      record PASS "portal on :$port answers ($code)"
    else
      record FAIL "portal on :$port answers (got '${code:-nothing}')"
    fi
  done
else
  record FAIL "pnpm dev printed 'Lastmile is up' within ${UP_TIMEOUT_S} s (last lines below)"
  tail -n 30 "$DEV_LOG"
fi
kill -INT -- "-$DEV_PID" 2>/dev/null
for _ in $(seq 1 30); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 1; done
kill -KILL -- "-$DEV_PID" 2>/dev/null
DEV_PID=""

# ── 2. pnpm install && pnpm test ──
if ((DEV_ONLY)); then
  echo "fresh-clone-check: --dev-only, pnpm test not run"
else
  echo "fresh-clone-check: pnpm install && pnpm test"
  if bash -c 'pnpm install && pnpm test'; then
    record PASS "pnpm install && pnpm test"
  else
    record FAIL "pnpm install && pnpm test"
  fi
fi

echo
echo "fresh-clone-check summary:"
printf '  %s\n' "${RESULTS[@]}"
if ((FAILED)); then
  echo "fresh-clone-check: FAIL"
  exit 1
fi
echo "fresh-clone-check: PASS"
