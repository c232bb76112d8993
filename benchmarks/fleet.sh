#!/usr/bin/env bash
# A fleet of N databases brought from base to head: one `mvn schema:upgrade -Dschema.fleet=FILE`
# against a loop of N single `mvn schema:upgrade` runs, in the same run, on the same server; the
# order of the two alternates between rounds. Then the fleet goal alone at growing N, for its time
# per database. Not run in CI.
#
#   benchmarks/fleet.sh [N] [rounds] [sizes]     # defaults 20, 1, "5 20 50"; PostgreSQL at BENCH_ADMIN_URL
#
# The plugin and schema-lib are installed into a local repository of the benchmark's own
# (target/bench-m2, seeded from ~/.m2), never into ~/.m2. On a machine other jobs load, the
# figures are not results: run it on an otherwise idle machine.
set -euo pipefail

n=${1:-20}
rounds=${2:-1}
sizes=${3:-5 20 50}
source "$(dirname "$0")/lib.sh"
project=$root/benchmarks/noop-upgrade
work=$root/target/fleet-bench
admin=${BENCH_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
jdbc_base=${BENCH_JDBC_BASE:-jdbc:postgresql://127.0.0.1:5432}
jdbc_params=${BENCH_JDBC_PARAMS:-user=postgres}
goal=dev.avatarbot:schema-maven-plugin:$version:upgrade
mkdir -p "$work"
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICE for each DROP ... IF EXISTS

install_into_bench_repo

mvn_in_project() {
  (cd "$work" && mvn -B -q -f "$project/pom.xml" -Dmaven.repo.local="$repo" -Davatardb.version="$version" "$@")
}

# Fresh, empty databases avatardb_fleet_1..$1, and the fleet file naming them.
fresh_fleet() {
  : >"$work/fleet.txt"
  for i in $(seq 1 "$1"); do
    psql -q "$admin" -c "DROP DATABASE IF EXISTS avatardb_fleet_$i WITH (FORCE)" -c "CREATE DATABASE avatardb_fleet_$i"
    echo "db-$i = $jdbc_base/avatardb_fleet_$i?$jdbc_params" >>"$work/fleet.txt"
  done
}

drop_fleet() {
  for i in $(seq 1 "$1"); do
    psql -q "$admin" -c "DROP DATABASE IF EXISTS avatardb_fleet_$i WITH (FORCE)"
  done
}

now() { date +%s.%N; }

fleet_seconds() {
  fresh_fleet "$1"
  local start end
  start=$(now)
  mvn_in_project "$goal" -Dschema.fleet="$work/fleet.txt" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}

loop_seconds() {
  fresh_fleet "$1"
  local start end
  start=$(now)
  for i in $(seq 1 "$1"); do
    mvn_in_project "$goal" -Dbench.url="$jdbc_base/avatardb_fleet_$i?$jdbc_params" >"$work/last.log" 2>&1 \
      || { cat "$work/last.log"; exit 1; }
  done
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}

echo "Warming the plugin up"
fresh_fleet 1
mvn_in_project "$goal" -Dschema.fleet="$work/fleet.txt" >/dev/null

fleet=() loop=()
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then
    fleet+=("$(fleet_seconds "$n")"); loop+=("$(loop_seconds "$n")")
  else
    loop+=("$(loop_seconds "$n")"); fleet+=("$(fleet_seconds "$n")")
  fi
  echo "round $r, N=$n: fleet goal ${fleet[-1]} s, loop of $n schema:upgrade ${loop[-1]} s"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fleet_s=$(printf '%s\n' "${fleet[@]}" | median)
loop_s=$(printf '%s\n' "${loop[@]}" | median)
awk -v f="$fleet_s" -v l="$loop_s" -v n="$n" -v r="$rounds" \
    'BEGIN { printf "median of %d, N=%d: fleet goal %.2f s, loop %.2f s, loop / fleet %.1fx\n", r, n, f, l, l / f }'

echo "The fleet goal alone, time per database as N grows:"
for size in $sizes; do
  s=$(fleet_seconds "$size")
  awk -v s="$s" -v n="$size" 'BEGIN { printf "  N=%-3d %7.2f s  %.3f s per database\n", n, s, s / n }'
done
drop_fleet "$(printf '%s\n' "$n" $sizes | sort -n | tail -n 1)"
