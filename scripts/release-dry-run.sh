#!/usr/bin/env bash
# The release dry run: builds every published module and deploys it, with its POM, sources
# jar, Javadoc jar and checksums, into target/staging/ (a Maven repository layout, the shape
# a repository such as Maven Central receives, ready to be signed). Nothing leaves the
# machine. Then checks that every expected file is there and that each staged jar is
# byte-identical to the one the build left in its module's target/.
#
#   scripts/release-dry-run.sh [extra Maven options]
#
# Maven refuses to deploy in offline mode, even to a directory: run it online.
set -euo pipefail
cd "$(dirname "$0")/.."
staging=target/staging
rm -rf "$staging"
./mvnw -B -q -Prelease-dry-run deploy -DskipTests "$@"

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
missing=0
check() { # check <module directory> <artifactId> <packaging>
  local dir="$staging/dev/querycache/$2/$version"
  local files=("$2-*.pom")
  if [ "$3" = jar ]; then
    files+=("$2-*[0-9].jar" "$2-*-sources.jar" "$2-*-javadoc.jar")
  fi
  for pattern in "${files[@]}"; do
    # shellcheck disable=SC2206 # the pattern is meant to expand
    local found=($dir/$pattern)
    if [ ! -f "${found[0]}" ] || [ ! -f "${found[0]}.sha1" ]; then
      echo "== release dry run: no $dir/$pattern (with its .sha1)" >&2
      missing=1
      continue
    fi
    if [[ "$pattern" == *.jar ]]; then
      local classifier=""
      case "$pattern" in
        *-sources.jar) classifier="-sources" ;;
        *-javadoc.jar) classifier="-javadoc" ;;
      esac
      local built="$1/target/$2-$version$classifier.jar"
      if ! cmp -s "${found[0]}" "$built"; then
        echo "== release dry run: ${found[0]} differs from $built" >&2
        missing=1
      fi
    fi
  done
}
# The published jar modules are the ones the BOM manages (BillOfMaterialsTest keeps it so).
mapfile -t published < <(sed -n '/<dependencyManagement>/,/<\/dependencyManagement>/p' query-cache-bom/pom.xml \
  | sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p')
check . query-cache-parent pom
check query-cache-bom query-cache-bom pom
expected=(-e query-cache-parent -e query-cache-bom)
for module in "${published[@]}"; do
  check "$module" "$module" jar
  expected+=(-e "$module")
done
# Nothing else is published: the demo, the benchmarks and the test suites stay home.
unexpected=$(find "$staging/dev/querycache" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' \
  | grep -v -x "${expected[@]}" || true)
if [ -n "$unexpected" ]; then
  echo "== release dry run: staged but not published: $unexpected" >&2
  missing=1
fi
if [ "$missing" != 0 ]; then
  exit 1
fi
echo "== release dry run: $(find "$staging" -name '*.jar' | wc -l) jars and $(find "$staging" -name '*.pom' | wc -l) POMs staged in $staging, each jar the build's own"
