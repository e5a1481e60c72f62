#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ of the Swing demo, on a virtual display.
# Needs Xvfb (Debian: apt-get install xvfb xauth); installs nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "xvfb-run not found: apt-get install xvfb xauth" >&2; exit 2; }
./mvnw -q -B -pl examples -am install -DskipTests
xvfb-run -a -s "-screen 0 1280x860x24" ./mvnw -q -B -pl examples exec:java@screenshots
