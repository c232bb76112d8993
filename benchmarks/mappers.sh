#!/usr/bin/env bash
# The mapper benchmark (JMH, MapperBenchmark): each hot path through schema-lib's mapper against
# hand-written JDBC running the same SQL, the two sides taking turns iteration by iteration within
# each fork (at least 3 forks per path), printing mapper / JDBC with its 95% interval over the forks
# and whether it meets 0.9x. Not run in CI.
#
#   benchmarks/mappers.sh [-Dbenchmark.forks=5] [-Dbenchmark.include=debitRefused] [-Dbenchmark.seconds=2]
#
# Uses the PostgreSQL of AVATARDB_TEST_URL, or an embedded one; creates a database and drops it.
# Measure on a quiet machine: on a loaded one the intervals come out wide and say so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -B -q -pl schema-lib -Pbenchmark-mappers test-compile exec:exec "$@"
