#!/usr/bin/env bash
# bench-agent.sh -- the node side, cppet-agent vs stock Puppet 7, side by side
# in one run on this machine. NOT part of the test suite.
#
# Usage: scripts/bench-agent.sh [OUT.md]   (default: docs/performance-agent.md,
#        which scripts/bench.sh includes at the end of docs/performance.md)
#
#   a. facts: `facter --json` vs `cppet-agent facts --json`, BENCH_RUNS each,
#      interleaved (median wall, peak RSS from GNU time).
#   b. apply: the generated site (gen-site.py --seed 42, BENCH_SIZE), node
#      web01.test.com: for each tool, a first run from an empty root
#      (FACTER_bench_root) then a second run on the converged root; the
#      figures compared are those of the second run (zero changes). Puppet is
#      invoked as shared/bench/puppet-baseline.sh does (private conf/code/var
#      dirs, --modulepath, --certname).
#
# Knobs: BENCH_SIZE [large] (small|medium|large), BENCH_RUNS [5] (facts runs),
#   BENCH_APPLY_RUNS [1] (first+second pairs per tool), BENCH_BUILD_DIR
#   [<repo>/build-bench] (BENCH_NO_BUILD=1 skips building), BENCH_GEN,
#   BENCH_CMD_TIMEOUT [1200], BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$REPO/docs/performance-agent.md}
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
SIZE=${BENCH_SIZE:-large}
RUNS=${BENCH_RUNS:-5}
APPLY_RUNS=${BENCH_APPLY_RUNS:-1}
BUILD=${BENCH_BUILD_DIR:-$REPO/build-bench}
CMD_TIMEOUT=${BENCH_CMD_TIMEOUT:-1200}
GEN=${BENCH_GEN:-/work/shared/bench/gen-site.py}
[ -f "$GEN" ] || GEN=$REPO/bench/gen-site.py
TIME_BIN=/usr/bin/time
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

command -v puppet >/dev/null || { echo "puppet (puppet-agent) is not installed" >&2; exit 1; }
command -v facter >/dev/null || { echo "facter is not installed" >&2; exit 1; }
[ -x "$TIME_BIN" ] || { echo "GNU time (/usr/bin/time) is not installed" >&2; exit 1; }
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  log "building $BUILD (release)"
  CPPET_WERROR=OFF BUILD_DIR=$BUILD CMAKE_BUILD_TYPE=Release "$REPO/scripts/build.sh" >/dev/null
fi
AGENT=$BUILD/bin/cppet-agent

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cppet-bench-agent.XXXXXX")
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
RESULTS=$WORK/results.jsonl
: >"$RESULTS"

record() { python3 -c 'import json,sys; d={}
for a in sys.argv[2:]:
    k,v=a.split("=",1)
    try: v=float(v) if "." in v else int(v)
    except ValueError: pass
    d[k]=v
open(sys.argv[1],"a").write(json.dumps(d)+"\n")' "$RESULTS" "$@"; }
timed() {  # OUTFILE TIMEFILE cmd...
  local out=$1 tf=$2; shift 2
  "$TIME_BIN" -f '%e %U %S %M' -o "$tf" timeout "$CMD_TIMEOUT" "$@" >"$out" 2>&1
}
tfield() { awk -v i="$2" 'END{print $i}' "$1"; }

case "$SIZE" in
  small) C=10 M=10 ;; medium) C=50 M=20 ;; large) C=200 M=50 ;;
  *) echo "unknown size $SIZE" >&2; exit 2 ;;
esac
python3 "$GEN" --out "$WORK/site" --classes "$C" --resources-per-class "$M" --nodes 10 --seed 42 >/dev/null
record kind=meta puppet="$(puppet --version)" facter="$(facter --version)" size="$SIZE" \
  cpus="$(nproc)" cpu="$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" \
  mem_kb="$(awk '/MemTotal/{print $2}' /proc/meminfo)" kernel="$(uname -r)" \
  commit="$(git -C "$REPO" rev-parse --short HEAD)"

# ---------------------------------------------------------------- a. facts
log "facts x$RUNS (facter --json, cppet-agent facts --json, interleaved)"
for i in $(seq 1 "$RUNS"); do
  timed "$WORK/f.out" "$WORK/f.time" facter --json || true
  record kind=facts tool=facter iter="$i" wall_s="$(tfield "$WORK/f.time" 1)" max_rss_kb="$(tfield "$WORK/f.time" 4)"
  # cppet-agent facts is too quick for GNU time's 10 ms resolution: time 20
  # calls in one loop and divide.
  s=$(date +%s.%N)
  for _ in $(seq 1 20); do "$AGENT" facts --json >/dev/null; done
  e=$(date +%s.%N)
  timed "$WORK/c.out" "$WORK/c.time" "$AGENT" facts --json
  record kind=facts tool=cppet iter="$i" wall_s="$(python3 -c "print(round(($e-$s)/20, 5))")" \
    max_rss_kb="$(tfield "$WORK/c.time" 4)"
done

# ---------------------------------------------------------------- b. apply
apply_run() {  # tool iter phase root vardir
  local tool=$1 i=$2 ph=$3 root=$4 vd=$5 rc=0 o="$WORK/$1-$2-$3.log" tf="$WORK/$1-$2-$3.time"
  if [ "$tool" = puppet ]; then
    FACTER_bench_root="$root" timed "$o" "$tf" \
      puppet apply --confdir "$WORK/pconf" --codedir "$WORK/pcode" --vardir "$vd" \
        --logdir "$vd/log" --rundir "$vd/run" --modulepath "$WORK/site/modules" \
        --certname web01.test.com --color=false --detailed-exitcodes "$WORK/site/manifests/site.pp" || rc=$?
  else
    FACTER_bench_root="$root" timed "$o" "$tf" \
      "$AGENT" apply --vardir "$vd" --modulepath "$WORK/site/modules" \
        --certname web01.test.com --color=false --detailed-exitcodes "$WORK/site/manifests/site.pp" || rc=$?
  fi
  local n; n=$(grep -c '^Notice: /Stage\[' "$o" || true)
  record kind=apply tool="$tool" phase="$ph" iter="$i" exit="$rc" wall_s="$(tfield "$tf" 1)" \
    user_s="$(tfield "$tf" 2)" sys_s="$(tfield "$tf" 3)" max_rss_kb="$(tfield "$tf" 4)" change_events="$n"
  log "  $tool #$i $ph: exit=$rc wall=$(tfield "$tf" 1)s rss=$(tfield "$tf" 4)kB events=$n"
}
mkdir -p "$WORK/pconf" "$WORK/pcode"
for i in $(seq 1 "$APPLY_RUNS"); do
  for tool in puppet cppet; do
    log "apply $SIZE with $tool (#$i)"
    rm -rf "$WORK/root" "$WORK/var-$tool"; mkdir -p "$WORK/root" "$WORK/var-$tool"
    apply_run "$tool" "$i" first "$WORK/root/r" "$WORK/var-$tool"
    apply_run "$tool" "$i" second "$WORK/root/r" "$WORK/var-$tool"
    record kind=tree tool="$tool" iter="$i" paths="$(find "$WORK/root/r" | wc -l)"
  done
done

# ---------------------------------------------------------------- report
mkdir -p "$(dirname "$OUT")"
python3 - "$RESULTS" "$OUT" "$SIZE" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out, size = sys.argv[2], sys.argv[3]
meta = next(r for r in rows if r["kind"] == "meta")
def med(k, **f):
    xs = [r[k] for r in rows if all(r.get(a) == b for a, b in f.items())]
    return statistics.median(xs) if xs else None
L = []
P = L.append
P("## The agent: cppet-agent vs Puppet %s (node side)" % meta["puppet"])
P("")
P("Generated by `scripts/bench-agent.sh` (commit %s; %s x %s vCPU, %.1f GiB, kernel %s)."
  % (meta["commit"], meta["cpu"], meta["cpus"], meta["mem_kb"] / 1048576, meta["kernel"]))
P("Both tools run one after the other in the same script, on the same generated site.")
P("")
fw, cw = med("wall_s", kind="facts", tool="facter"), med("wall_s", kind="facts", tool="cppet")
fr, cr = med("max_rss_kb", kind="facts", tool="facter"), med("max_rss_kb", kind="facts", tool="cppet")
P("### Facts")
P("")
P("| | wall s (median) | peak RSS MB |")
P("|---|---|---|")
P("| `facter --json` (facter %s) | %.3f | %.1f |" % (meta["facter"], fw, fr / 1024))
P("| `cppet-agent facts --json` | %.4f | %.1f |" % (cw, cr / 1024))
P("| **ratio** | **%.0fx faster** | **%.1fx smaller** |" % (fw / cw, fr / cr))
P("")
P("### Apply, %s site (gen-site.py --seed 42), node web01.test.com" % size)
P("")
P("| run | tool | exit | wall s | user s | sys s | peak RSS MB | change events |")
P("|---|---|---|---|---|---|---|---|")
for ph in ("first", "second"):
    for tool in ("puppet", "cppet"):
        f = dict(kind="apply", tool=tool, phase=ph)
        P("| %s | %s | %s | %.2f | %.2f | %.2f | %.1f | %d |" % (
            ph, "puppet apply" if tool == "puppet" else "cppet-agent apply",
            int(med("exit", **f)), med("wall_s", **f), med("user_s", **f), med("sys_s", **f),
            med("max_rss_kb", **f) / 1024, med("change_events", **f)))
pw, cw2 = med("wall_s", kind="apply", tool="puppet", phase="second"), med("wall_s", kind="apply", tool="cppet", phase="second")
pr, cr2 = med("max_rss_kb", kind="apply", tool="puppet", phase="second"), med("max_rss_kb", kind="apply", tool="cppet", phase="second")
P("")
P("Converged node (second run, zero changes): **%.1fx faster** in wall time, peak RSS **%.1f%%** of Puppet's (1/%.1f)."
  % (pw / cw2, 100.0 * cr2 / pr, pr / cr2))
pt = [r["paths"] for r in rows if r["kind"] == "tree"]
P("Paths under the managed root after the runs: %s (identical trees expected)." % ", ".join(str(p) for p in pt))
P("")
P("Command: `scripts/bench-agent.sh` (knobs in its header). cppet-agent is a Release build;")
P("both tools compile the manifest locally and apply it (`puppet apply` / `cppet-agent apply`).")
open(out, "w").write("\n".join(L) + "\n")
print(out)
PY
cp "$RESULTS" "${TMPDIR:-/tmp}/cppet-bench-agent-last.jsonl"
