#!/usr/bin/env bash
# Set up .venv with the package, then check the shipped sample filings: first as a school
# board or inspector would (a Dutch report per filing), then as a reviewer would (a batch
# with results.jsonl, findings.csv, summary.json and report.html in out/samples). The
# samples hold problems on purpose, so check exits with status 2 (one sample is not even
# XML); see samples/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-venv.sh .
status=0
.venv/bin/compliance check samples/*.xbrl || status=$?
echo "exit status: $status (0 compliant, 1 errors or violations, 2 a file could not be read)"
echo
.venv/bin/compliance batch samples --out out/samples || true
echo "open out/samples/report.html in a browser for the monitoring summary"
