# Set up .venv with the package, then check the shipped sample filings: first as a school
# board or inspector would (a Dutch report per filing), then as a reviewer would (a batch
# with results.jsonl, findings.csv, summary.json and report.html in out/samples). The
# samples hold problems on purpose, so check exits with status 2 (one sample is not even
# XML); see samples/README.md. Both use the samples' own allowance list (samples/reference).
#
# Sourced (`source scripts/demo.sh`, the README's first command) it leaves .venv active in
# your shell, so `compliance` is on PATH afterwards; run with bash it leaves your shell as it
# was and says how to get the command. Works from any folder, in bash and zsh.

_compliance_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)

_compliance_demo() (
  set -euo pipefail
  cd "$_compliance_root"
  source scripts/setup-venv.sh .
  status=0
  .venv/bin/compliance check samples/*.xbrl --reference-dir samples/reference || status=$?
  echo "exit status: $status (0 compliant, 1 errors or violations, 2 a file could not be read)"
  echo
  .venv/bin/compliance batch samples --out out/samples --reference-dir samples/reference || true
  echo "open out/samples/report.html in a browser for the monitoring summary"
)

if _compliance_demo; then
  # shellcheck disable=SC1091
  . "$_compliance_root/.venv/bin/activate"
  if [ -n "${ZSH_EVAL_CONTEXT:-}" ]; then
    case $ZSH_EVAL_CONTEXT in *:file*) _compliance_sourced=1 ;; esac
  elif [ "${BASH_SOURCE[0]}" != "$0" ]; then
    _compliance_sourced=1
  fi
  if [ -n "${_compliance_sourced:-}" ]; then
    echo "compliance is on your PATH in this shell (.venv is active; 'deactivate' undoes it)"
  else
    echo "to get compliance on your PATH: source $_compliance_root/.venv/bin/activate"
  fi
else
  echo "demo: setting up .venv failed (see above)" >&2
fi
unset -f _compliance_demo
unset _compliance_root _compliance_sourced
