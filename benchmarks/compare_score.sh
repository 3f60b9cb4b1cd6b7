#!/usr/bin/env bash
# Side-by-side cost of `standpoint score` for two builds (or two models) on the same corpus, in
# instructions counted by valgrind's callgrind (repeatable on a noisy machine) and in wall time
# (median of 5 alternating runs). Usage:
#   benchmarks/compare_score.sh OLD_BINARY OLD_MODEL NEW_BINARY NEW_MODEL [CORPUS]
# CORPUS defaults to ../shared/articles/wikinews-2019-2020.jsonl (295 articles). Prints one line per
# build for the corpus and for loading alone (the one-paragraph example article), and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
old_bin=$1 old_model=$2 new_bin=$3 new_model=$4
corpus=${5:-../shared/articles/wikinews-2019-2020.jsonl}
small=examples/harbour-strike-talks.txt
count() { # binary model input -> instructions
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" score --model "$2" "$3" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
wall() { # binary model input -> median seconds of 5 runs
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e" "$1" score --model "$2" "$3" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p
}
oc=$(count "$old_bin" "$old_model" "$corpus"); nc=$(count "$new_bin" "$new_model" "$corpus")
ol=$(count "$old_bin" "$old_model" "$small"); nl=$(count "$new_bin" "$new_model" "$small")
ow=$(wall "$old_bin" "$old_model" "$corpus"); nw=$(wall "$new_bin" "$new_model" "$corpus")
echo "old: $oc instructions on the corpus, $ol loading; median wall $ow s"
echo "new: $nc instructions on the corpus, $nl loading; median wall $nw s"
python3 -c "
oc,nc,ol,nl,ow,nw=$oc,$nc,$ol,$nl,$ow,$nw
print(f'new/old: corpus {nc/oc:.3f}x instructions, articles alone (corpus minus loading) {(nc-nl)/(oc-ol):.3f}x, wall {nw/ow:.2f}x')"
