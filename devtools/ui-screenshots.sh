#!/usr/bin/env bash
# Regenerates the Temporal UI screenshots in docs/ui/ (shown in docs/operations.md): runs
# OperatorUiBrowserTest on the real Temporal dev server in headless Chromium with
# OFFBOARD_UI_SCREENSHOTS=docs/ui. Needs a JDK, Maven, Go or a Temporal CLI, and Debian's chromium
# and chromium-driver (apt-get install -y chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."

./offboard install-temporal
OFFBOARD_UI_SCREENSHOTS=docs/ui OFFBOARD_REAL_TEMPORAL=required \
  mvn -B -q -pl devtools -am verify \
  -Dtest=OperatorUiBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
ls -l docs/ui/*.png
