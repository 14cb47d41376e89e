#!/bin/sh
# LRMX import benchmark (docs/benchmarks.md "LRMX (issue 5)"): N generated files (default 10,000)
# imported with `xuanren import lrmx` into a fresh SQLite database (or the PostgreSQL one given
# as DB_URL, which must be empty), timed. Usage: bench/lrmx/run.sh BUILD_DIR [N]
set -eu
build=${1:?usage: bench/lrmx/run.sh BUILD_DIR [N]}
n=${2:-10000}
work=$(mktemp -d /tmp/xr-lrmx-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XUANREN_AUDIT_KEY_FILE="$work/audit.key" XUANREN_MASTER_KEY_FILE="$work/master.key"
db=${DB_URL:-sqlite:$work/bench.db}
python3 "$(dirname "$0")/gen_files.py" "$work/files" "$n"
"$build/xuanren" demo --cadres 0 --db "$db" >/dev/null
/usr/bin/time -f "wall=%e s user=%U s sys=%S s maxrss=%M KB" -o "$work/time.txt" \
  "$build/xuanren" import lrmx "$work"/files/*.lrmx --unit JH --db "$db" >"$work/out.tsv" || true
ok=$(grep -c "	ok	" "$work/out.tsv" || true)
errors=$(grep -c "	error	" "$work/out.tsv" || true)
echo "files=$n ok=$ok errors=$errors $(cat "$work/time.txt")"
grep "	error	" "$work/out.tsv" | head -3
