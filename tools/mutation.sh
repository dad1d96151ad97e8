#!/usr/bin/env bash
# Mutation testing of the clinical core (issue 17): mutmut over lupus_tracker/domain/ and
# lupus_tracker/analysis/, running only the fast non-UI tests listed in pyproject
# [tool.mutmut].  Usage:
#   tools/mutation.sh                 # both packages
#   tools/mutation.sh analysis        # one package (analysis is the smaller: start there)
#   tools/mutation.sh domain.egfr     # one module
#   MUTATION_CHILDREN=2 tools/mutation.sh domain
#   tools/mutation.sh 'analysis.treat_to_target.x_gather_inputs__mutmut_*'   # some mutants
# Results stay in mutants/ (git-ignored); a second run re-tests only what changed.
# The score (killed / survived / equivalent / timeout) is printed at the end; truly
# equivalent mutants are listed in docs/equivalent_mutants.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ] && [ -f .venv/bin/activate ]; then . .venv/bin/activate; fi
# mutmut puts its mutated copy (mutants/) first on sys.path: never let PYTHONPATH point
# at the unmutated tree.
unset PYTHONPATH
export QT_QPA_PLATFORM=offscreen
# tests/conftest.py: Hypothesis without a deadline (mutants run slowly on a shared machine).
export LUPUS_TRACKER_HYPOTHESIS_PROFILE=mutation
children="${MUTATION_CHILDREN:-1}"
targets=()
if [ "$#" -eq 0 ]; then
    targets=("lupus_tracker.domain.*" "lupus_tracker.analysis.*")
else
    for target in "$@"; do
        # A glob names mutants itself: 'domain.symptoms.x_check_custom_name__mutmut_*'.
        case "$target" in
            *\**) targets+=("lupus_tracker.${target}") ;;
            *) targets+=("lupus_tracker.${target}.*") ;;
        esac
    done
fi
start=$(date +%s)
python -m mutmut run --max-children "$children" "${targets[@]}" | tr '\r' '\n' | tail -n 3
echo "mutation run took $(( $(date +%s) - start )) s with $children worker(s)"
# The score of each package a target is in (lupus_tracker.domain, lupus_tracker.analysis).
packages=$(for target in "${targets[@]}"; do echo "$target" | cut -d. -f1-2; done | sort -u)
# shellcheck disable=SC2086
python tools/mutation_score.py $packages
