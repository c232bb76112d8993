#!/usr/bin/env bash
# The data transfer against pg_dump | pg_restore, timed fairly (TransferBenchmark): rounds in
# alternating order, a CHECKPOINT and a new database before every timed step, medians, and the
# transfer timed both as the user's whole `mvn schema:migrate-data` process (a consumer project
# with a .env, Maven's heap capped at 256 MiB) and inside a started JVM. Not run in CI.
#
#   benchmarks/transfer.sh [-Dbenchmark.users=200000] [-Dbenchmark.rounds=3] [-Dbenchmark.jobs=N]
#                          [-Dbenchmark.keyedSource=false]
#
# Uses the server of AVATARDB_TEST_URL (default: the machine's, 127.0.0.1:5432, as postgres);
# pg_dump, pg_restore and psql on the PATH must match its major version.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_into_bench_repo

consumer=$root/target/transfer-consumer
mkdir -p "$consumer"
cp "$root/benchmarks/transfer/pom.xml" "$consumer/pom.xml"
export AVATARDB_TEST_URL=${AVATARDB_TEST_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
echo "Warming the consumer project's Maven up (plugin resolution), then the benchmark"
(cd "$consumer" && mvn -B -q -Dmaven.repo.local="$repo" -Davatardb.version="$version" \
    "dev.avatarbot:schema-maven-plugin:$version:help" >/dev/null)
cd "$root"
mvn -B -q -pl schema-lib -Pbenchmark test-compile exec:exec -Dbenchmark.consumer="$consumer" \
  -Dbenchmark.version="$version" \
  "-Dbenchmark.mavenArgs=-Dmaven.repo.local=$repo -Davatardb.version=$version" "$@"
