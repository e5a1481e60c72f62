#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ of the Swing and JavaFX demos, on a virtual display.
# Needs Xvfb, and GTK 3 for the JavaFX window (Debian: apt-get install xvfb xauth libgtk-3-0);
# installs nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "xvfb-run not found: apt-get install xvfb xauth" >&2; exit 2; }
ldconfig -p | grep -q libgtk-3 || { echo "GTK 3 not found (JavaFX needs it on a display): apt-get install libgtk-3-0" >&2; exit 2; }
./mvnw -q -B -pl examples -am install -DskipTests
xvfb-run -a -s "-screen 0 1280x860x24" ./mvnw -q -B -pl examples exec:java@screenshots
xvfb-run -a -s "-screen 0 1280x860x24" ./mvnw -q -B -pl examples exec:java@fx-screenshots
