#!/usr/bin/env bash
# Builds a small probe course with the sample site's Astro setup, links the
# site serves and links it does not, and checks that courseq agrees with the
# crawl of the build, link by link, in both directions.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COURSEQ=${COURSEQ:-$ROOT/build/courseq}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
S="$T/site"
mkdir -p "$S/src"
cp "$ROOT"/content/{package.json,astro.config.mjs,tsconfig.json} "$S/"
cp -r "$ROOT"/content/src/{components,layouts,lib,pages,styles} "$S/src/"
mkdir -p "$S/src/content"
cp "$ROOT/content/src/content/config.ts" "$S/src/content/"
cp -r "$ROOT/tests/site/probe/." "$S/"
ln -s "$ROOT/content/node_modules" "$S/node_modules"
(cd "$S" && ASTRO_TELEMETRY_DISABLED=1 node node_modules/astro/astro.js build >"$T/build.log" 2>&1) || {
	cat "$T/build.log"
	echo "not ok the probe site builds"
	exit 1
}
echo "ok the probe site builds"
node "$ROOT/tests/site/crawl.mjs" "$S/dist" --json "$T/crawl.json" >/dev/null
node "$ROOT/tests/site/agreement.mjs" "$COURSEQ" "$S" "$T/crawl.json"
# The probe must really hold links of both kinds.
broken=$("$COURSEQ" -C "$S" links --broken --tsv | sed 1d | wc -l)
[ "$broken" -ge 10 ] && echo "ok courseq rejects the $broken links the site does not serve" ||
	echo "not ok courseq rejects only $broken links"
