# Shared by the .ci scripts (sourced): README's commands, and running them from a fresh clone as a
# new user would, as a normal user or as root.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ci_user=avatardb-ci

# The command README.md gives after the marker <!-- ci: NAME -->.
readme_command() {
  local command
  command=$(awk -v marker="<!-- ci: $1 -->" '$0 == marker { found = 1; next } found && /^(\.\/mvnw|mvn) / { print; exit }' "$repo/README.md")
  [ -n "$command" ] || { echo "ci: README.md has no command after '<!-- ci: $1 -->'" >&2; return 1; }
  printf '%s\n' "$command"
}

# Creates the normal user (once) and gives it a Maven repository seeded from this build's (hard
# links, existing files kept), so its runs download little; whatever is missing comes from Maven Central.
ensure_ci_user() {
  id -u "$ci_user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$ci_user"
  ci_home=$(getent passwd "$ci_user" | cut -d: -f6)
  mkdir -p "$ci_home/.m2/repository"
  if [ -d "$HOME/.m2/repository" ]; then
    cp -aln "$HOME/.m2/repository/." "$ci_home/.m2/repository/" 2>/dev/null \
      || cp -an "$HOME/.m2/repository/." "$ci_home/.m2/repository/" 2>/dev/null || true
  fi
  chown -R "$ci_user:" "$ci_home/.m2"
}

# A fresh clone of this repository in a new directory under $1, owned by $2; prints the clone's path.
fresh_clone() {
  local work
  work=$(mktemp -d "$1/avatar-db-ci.XXXXXX")
  git clone -q "$repo" "$work/avatar-db"
  chown -R "$2:" "$work"
  printf '%s\n' "$work/avatar-db"
}

# Runs a shell command line as the normal user, with a clean environment (nothing configured).
as_ci_user() {
  runuser -u "$ci_user" -- env -i HOME="$ci_home" PATH="$PATH" LANG=C.UTF-8 ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} bash -c "$1"
}

# Runs a shell command line as root, with a clean environment (nothing configured).
as_root() {
  env -i HOME="$HOME" PATH="$PATH" LANG=C.UTF-8 ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} bash -c "$1"
}
