#!/usr/bin/env bash
# A long-lived schema's history: schema-lib's changelog plus N generated small revisions (one table
# each, with its rollback), for each N given. On a database that has them all, a no-op
# `schema:upgrade` and `schema:check` against the official `liquibase-maven-plugin:4.33.0:update`
# on the same changelog directory: paired runs (order alternating), medians and ratios, then how our
# no-op upgrade grows from the smallest N to the largest. Not run in CI.
#
#   benchmarks/many-revisions.sh ["10 1000"] [runs]     # default N = 10 and 1000, 3 runs each
#
# Targets (issue 21): at most 0.5x Liquibase's time, and our time at 1,000 revisions at most 2x the
# time at 10. The plugin is installed into target/bench-m2 (seeded from ~/.m2), never into ~/.m2.
set -euo pipefail

counts=${1:-10 1000}
runs=${2:-3}
source "$(dirname "$0")/lib.sh"
project=$root/benchmarks/many-revisions
work=$root/target/many-revisions
admin=${BENCH_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
url_of() { echo "jdbc:postgresql://127.0.0.1:5432/avatardb_bench_revisions_$1?user=postgres"; }
install_into_bench_repo

# Writes schema-lib's changelog plus $1 generated revisions under $2 (a resources directory).
generate() {
  local n=$1 resources=$2 changelog=$2/dev/avatarbot/schema/changelog
  rm -rf "$resources" && mkdir -p "$changelog/revisions"
  cp "$root/schema-lib/src/main/resources/dev/avatarbot/schema/changelog/revisions/20250520_initial.xml" "$changelog/revisions/"
  head -n -1 "$root/schema-lib/src/main/resources/dev/avatarbot/schema/changelog/master.xml" > "$changelog/master.xml"
  for i in $(seq -f '%05g' 1 "$n"); do
    cat > "$changelog/revisions/bench_$i.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd"
        logicalFilePath="revisions/bench_$i.xml">
    <property name="revision.message" value="Benchmark revision $i" global="false"/>
    <changeSet id="bench_$i-01" author="avatar-db-benchmark">
        <sql>CREATE TABLE bench_rev_$i (id bigint PRIMARY KEY)</sql>
        <rollback>DROP TABLE bench_rev_$i</rollback>
    </changeSet>
    <changeSet id="bench_$i-02-tag" author="avatar-db-benchmark">
        <tagDatabase tag="bench_$i"/>
    </changeSet>
</databaseChangeLog>
XML
    echo "    <include file=\"revisions/bench_$i.xml\" relativeToChangelogFile=\"true\"/>" >> "$changelog/master.xml"
  done
  echo "</databaseChangeLog>" >> "$changelog/master.xml"
}

# One timed run in the project: prints "<seconds> <max RSS in KiB>".
timed() {
  local n=$1; shift
  local out=$work/time.txt
  (cd "$work" && /usr/bin/time -f "%e %M" -o "$out" mvn -B -q -f "$project/pom.xml" -Dmaven.repo.local="$repo" \
      -Dbench.url="$(url_of "$n")" -Dbench.changelogs="$work/$n" -Davatardb.version="$version" \
      -Dliquibase.analytics.enabled=false "$@" >"$work/last.log" 2>&1) || { cat "$work/last.log"; exit 1; }
  cat "$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ours_upgrade=dev.avatarbot:schema-maven-plugin:$version:upgrade
ours_check=dev.avatarbot:schema-maven-plugin:$version:check
theirs=org.liquibase:liquibase-maven-plugin:4.33.0:update
declare -A upgrade_median
summary=()
mkdir -p "$work"
for n in $counts; do
  echo "== $n generated revisions (and schema-lib's own)"
  generate "$n" "$work/$n"
  psql -q "$admin" -c "DROP DATABASE IF EXISTS avatardb_bench_revisions_$n WITH (FORCE)" \
      -c "CREATE DATABASE avatardb_bench_revisions_$n"
  echo "Applying them (untimed), then warming both plugins up"
  timed "$n" "$ours_upgrade" >/dev/null
  timed "$n" "$theirs" >/dev/null
  up=() check=() lb=()
  for i in $(seq 1 "$runs"); do
    if (( i % 2 )); then
      up+=("$(timed "$n" "$ours_upgrade")"); check+=("$(timed "$n" "$ours_check")"); lb+=("$(timed "$n" "$theirs")")
    else
      lb+=("$(timed "$n" "$theirs")"); check+=("$(timed "$n" "$ours_check")"); up+=("$(timed "$n" "$ours_upgrade")")
    fi
    echo "run $i: schema:upgrade ${up[-1]}   schema:check ${check[-1]}   liquibase:update ${lb[-1]}   (s KiB)"
  done
  up_s=$(printf '%s\n' "${up[@]}" | cut -d' ' -f1 | median)
  check_s=$(printf '%s\n' "${check[@]}" | cut -d' ' -f1 | median)
  lb_s=$(printf '%s\n' "${lb[@]}" | cut -d' ' -f1 | median)
  upgrade_median[$n]=$up_s
  line=$(awk -v n="$n" -v a="$up_s" -v c="$check_s" -v b="$lb_s" 'BEGIN { printf "%5d revisions: median no-op schema:upgrade %.2f s, schema:check %.2f s, liquibase:update %.2f s; upgrade/liquibase %.2fx, check/liquibase %.2fx (target: at most 0.5x)", n, a, c, b, a / b, c / b }')
  echo "$line"
  summary+=("$line")
  psql -q "$admin" -c "DROP DATABASE IF EXISTS avatardb_bench_revisions_$n WITH (FORCE)"
done
echo
printf '%s\n' "${summary[@]}"
read -r -a ns <<<"$counts"
smallest=${ns[0]} largest=${ns[-1]}
awk -v s="$smallest" -v l="$largest" -v a="${upgrade_median[$smallest]}" -v b="${upgrade_median[$largest]}" \
    'BEGIN { printf "no-op schema:upgrade at %d revisions / at %d: %.2fx (target: at most 2x)\n", l, s, b / a }'
