#!/usr/bin/env bash
# A no-op `mvn schema:upgrade` against the official `liquibase-maven-plugin:4.33.0:update`, on the
# same schema-lib jar and the same up-to-date database: paired runs (order alternating), the median
# of each, and their ratios for wall time and peak memory (max RSS of Maven's JVM). Not run in CI.
#
#   benchmarks/noop-upgrade.sh [runs]        # default 7; needs PostgreSQL at BENCH_ADMIN_URL
#
# The plugin and schema-lib are installed into a local repository of the benchmark's own
# (target/bench-m2, seeded from ~/.m2), never into ~/.m2.
set -euo pipefail

runs=${1:-7}
source "$(dirname "$0")/lib.sh"
project=$root/benchmarks/noop-upgrade
work=$root/target/noop-upgrade
admin=${BENCH_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
url=${BENCH_URL:-jdbc:postgresql://127.0.0.1:5432/avatardb_bench?user=postgres}
mkdir -p "$work"
ours_goal=dev.avatarbot:schema-maven-plugin:$version:upgrade

install_into_bench_repo

psql -q "$admin" -c "DROP DATABASE IF EXISTS avatardb_bench WITH (FORCE)" -c "CREATE DATABASE avatardb_bench"
mvn_in_project() {
  (cd "$work" && mvn -B -q -f "$project/pom.xml" -Dmaven.repo.local="$repo" -Dbench.url="$url" \
      -Davatardb.version="$version" -Dliquibase.analytics.enabled=false "$@")
}
echo "Bringing the database up to date and warming both plugins up"
mvn_in_project "$ours_goal"
mvn_in_project org.liquibase:liquibase-maven-plugin:4.33.0:update >/dev/null
mvn_in_project "$ours_goal"

# One timed run: prints "<seconds> <max RSS in KiB>".
timed() {
  local out=$work/time.txt
  (cd "$work" && /usr/bin/time -f "%e %M" -o "$out" mvn -B -q -f "$project/pom.xml" -Dmaven.repo.local="$repo" \
      -Dbench.url="$url" -Davatardb.version="$version" -Dliquibase.analytics.enabled=false "$@" >"$work/last.log" 2>&1) \
      || { cat "$work/last.log"; exit 1; }
  cat "$out"
}
ours=() theirs=()
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then
    ours+=("$(timed "$ours_goal")")
    theirs+=("$(timed org.liquibase:liquibase-maven-plugin:4.33.0:update)")
  else
    theirs+=("$(timed org.liquibase:liquibase-maven-plugin:4.33.0:update)")
    ours+=("$(timed "$ours_goal")")
  fi
  echo "run $i: schema:upgrade ${ours[-1]}   liquibase:update ${theirs[-1]}   (s KiB)"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ours_s=$(printf '%s\n' "${ours[@]}" | cut -d' ' -f1 | median)
ours_kb=$(printf '%s\n' "${ours[@]}" | cut -d' ' -f2 | median)
theirs_s=$(printf '%s\n' "${theirs[@]}" | cut -d' ' -f1 | median)
theirs_kb=$(printf '%s\n' "${theirs[@]}" | cut -d' ' -f2 | median)
echo "median of $runs: schema:upgrade ${ours_s} s, ${ours_kb} KiB; liquibase:update ${theirs_s} s, ${theirs_kb} KiB"
awk -v a="$ours_s" -v b="$theirs_s" -v c="$ours_kb" -v d="$theirs_kb" \
    'BEGIN { printf "ratio schema:upgrade / liquibase:update: wall time %.2fx, peak memory %.2fx\n", a / b, c / d }'
