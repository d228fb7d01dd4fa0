#!/usr/bin/env bash
# Proves that the layering rules (maven-enforcer bannedDependencies in im-api/pom.xml, in each
# im-plugin-*/pom.xml and in the providers im-storage-postgres/pom.xml and im-cluster-redis/pom.xml) still fail the build when they should.
#
# For each case it copies every pom.xml of the repository into a scratch directory (same layout, no
# sources: `validate` needs none), adds one forbidden dependency to one module, runs `mvn validate` on the
# scratch reactor and asserts that the build fails with the banned-dependency error for that artifact.
# A whole scratch reactor, rather than one module pom, because io.parley artifacts then resolve from the
# reactor: the script works with an empty ~/.m2/repository/io/parley and installs nothing.
# It never writes to the real tree. Extra arguments go to Maven (e.g. `-o`).
#
# Usage: bash .ci/check-layering.sh [maven args...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mvn_args=(-B -q "$@")
failures=0

# copy_poms DIR: the root pom, every module pom, and .mvn/ if the project has one.
copy_poms() {
  local dir="$1" pom
  mkdir -p "$dir"
  (cd "$root" && for pom in pom.xml */pom.xml; do
     mkdir -p "$dir/$(dirname "$pom")"
     cp "$pom" "$dir/$pom"
   done)
  if [[ -d "$root/.mvn" ]]; then cp -R "$root/.mvn" "$dir/.mvn"; fi
}

# add_dependency POM XML: insert XML as the first project dependency (outside <dependencyManagement>).
add_dependency() {
  local pom="$1" xml="$2"
  awk -v dep="    $xml" '
    /<dependencyManagement>/   { managed = 1 }
    /<\/dependencyManagement>/ { managed = 0 }
    { print }
    !done && !managed && /<dependencies>/ { print dep; done = 1 }
  ' "$pom" > "$pom.new"
  mv "$pom.new" "$pom"
  grep -qF "$xml" "$pom" || { echo "check-layering: could not add a dependency to $pom" >&2; exit 2; }
}

# expect_banned NAME MODULE DEPENDENCY-XML BANNED-COORDINATE
expect_banned() {
  local name="$1" module="$2" xml="$3" banned="$4" dir="$scratch/$1" log="$scratch/$1.log"
  copy_poms "$dir"
  add_dependency "$dir/$module/pom.xml" "$xml"
  if mvn "${mvn_args[@]}" -f "$dir/pom.xml" validate > "$log" 2>&1; then
    echo "FAIL  $name: validate passed, but $module now depends on $banned"
    failures=$((failures + 1))
  elif grep -q "BannedDependencies failed" "$log" \
      && grep -q "on project $module" "$log" \
      && grep -q "$banned:.*banned via the exclude/include list" "$log"; then
    echo "ok    $name: $module with $banned is rejected"
  else
    echo "FAIL  $name: validate failed, but not with the banned-dependency rule; its output:"
    sed 's/^/      /' "$log"
    failures=$((failures + 1))
  fi
}

# Baseline: the unmodified poms must pass, or the failures below would prove nothing. This also shows
# that plugins may use im-testkit (and so im-kernel, transitively) at test scope.
copy_poms "$scratch/baseline"
if mvn "${mvn_args[@]}" -f "$scratch/baseline/pom.xml" validate > "$scratch/baseline.log" 2>&1; then
  echo "ok    baseline: the project's own poms pass validate"
else
  echo "FAIL  baseline: the project's own poms fail validate; its output:"
  sed 's/^/      /' "$scratch/baseline.log"
  exit 1
fi

expect_banned api-compile-dependency im-api \
  '<dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>' \
  'com.fasterxml.jackson.core:jackson-databind'
expect_banned plugin-on-kernel im-plugin-chatroom \
  '<dependency><groupId>io.parley</groupId><artifactId>im-kernel</artifactId></dependency>' \
  'io.parley:im-kernel'
expect_banned plugin-on-plugin im-plugin-chatroom \
  '<dependency><groupId>io.parley</groupId><artifactId>im-plugin-routing</artifactId></dependency>' \
  'io.parley:im-plugin-routing'
expect_banned storage-provider-on-kernel im-storage-postgres \
  '<dependency><groupId>io.parley</groupId><artifactId>im-kernel</artifactId></dependency>' \
  'io.parley:im-kernel'
expect_banned cluster-provider-on-kernel im-cluster-redis \
  '<dependency><groupId>io.parley</groupId><artifactId>im-kernel</artifactId></dependency>' \
  'io.parley:im-kernel'
expect_banned cluster-provider-on-plugin im-cluster-redis \
  '<dependency><groupId>io.parley</groupId><artifactId>im-plugin-routing</artifactId></dependency>' \
  'io.parley:im-plugin-routing'

if ((failures > 0)); then
  echo "check-layering: $failures check(s) did not fail as expected" >&2
  exit 1
fi
