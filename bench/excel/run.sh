#!/bin/sh
# Excel export benchmark (docs/benchmarks.md "Excel (issue 5)"): a demo database of N cadres
# (default 100,000) and `xuanren export excel` of every one of them with all ten columns
# (公民身份号码 opened for the console operator), once from the 干部名册 filters and once from a
# 组合查询 condition; prints wall and CPU time and peak RSS of each.
#   bench/excel/run.sh BUILD_DIR [N]
set -eu
build=${1:?usage: bench/excel/run.sh BUILD_DIR [N]}
n=${2:-100000}
work=$(mktemp -d /tmp/xr-bench-excel.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XUANREN_MASTER_KEY_FILE="$work/master.key" XUANREN_AUDIT_KEY_FILE="$work/audit.key"
db="sqlite:$work/bench.db"
echo "demo: $n cadres …"
"$build/xuanren" demo --db "$db" --cadres "$n" >/dev/null
columns=gender,birth_month,age,ethnicity,party,unit_name,post,rank,managing_body,id_number
for source in list condition; do
  if [ "$source" = list ]; then set -- --status all; else set -- --condition '{"all":[]}'; fi
  echo "export ($source):"
  /usr/bin/time -f "  wall %e s, user %U s, sys %S s, max RSS %M KB" \
    "$build/xuanren" export excel --db "$db" --out "$work/$source.xlsx" --columns "$columns" "$@"
  ls -l "$work/$source.xlsx" | awk '{print "  file " $5 " bytes"}'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
