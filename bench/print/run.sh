#!/bin/sh
# 任免审批表 PDF benchmark (docs/benchmarks.md "任免审批表 PDF (issue 5)"): a demo database of N
# cadres (default 1,000; SQLite, or DB_URL=postgresql://… of an empty database) and bench_print:
# ms per form (layout, PDF, through the service) and a batch of N forms as one PDF and as a zip.
#   bench/print/run.sh BUILD_DIR [N]
set -eu
build=${1:?usage: bench/print/run.sh BUILD_DIR [N]}
n=${2:-1000}
work=$(mktemp -d /tmp/xr-bench-print.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XUANREN_MASTER_KEY_FILE="$work/master.key" XUANREN_AUDIT_KEY_FILE="$work/audit.key"
db=${DB_URL:-"sqlite:$work/bench.db"}
echo "demo: $n cadres …"
"$build/xuanren" demo --db "$db" --cadres "$n" >/dev/null
/usr/bin/time -f "bench_print: wall %e s, user %U s, sys %S s, max RSS %M KB" \
  "$build/bench/bench_print" "$db" "$n"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
