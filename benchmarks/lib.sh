# Shared by the benchmark scripts (sourced): this checkout's plugin and schema-lib, built and
# installed into a local repository of the benchmarks' own (target/bench-m2, seeded from ~/.m2),
# never into ~/.m2. Sets root, repo and version.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=$root/target/bench-m2
# This checkout's version: the first <version> of the parent POM.
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -n 1)

install_into_bench_repo() {
  if [ ! -d "$repo" ]; then
    echo "Seeding $repo from ~/.m2/repository"
    mkdir -p "$repo" && cp -a "$HOME/.m2/repository/." "$repo/" && rm -rf "$repo/dev/avatarbot"
  fi
  echo "Building and installing into $repo"
  (cd "$root" && mvn -B -q install -DskipTests -Dinvoker.skip -pl schema-lib,maven-plugin -am -Dmaven.repo.local="$repo")
}
