# Benchmarks: `make bench` measures courseq against cmark-gfm, the remark
# reference parser and a bare sqlite3 process on synthetic courses of 1,000
# and 10,000 lessons (BENCH_LARGE=1 adds 50,000; BENCH_RUNS=N runs, default
# 5). It reports; it never fails on speed. Courses are cached in $(B)/bench/,
# the table is also written to $(B)/bench/results.json.

PYTHON ?= python3

.PHONY: bench
bench: $(B)/courseq $(B)/bench/measure $(TESTS_NODE_NPM_STAMP)
	$(PYTHON) tests/bench/bench.py --courseq $(B)/courseq --out $(B)/bench \
		--measure $(B)/bench/measure

# Runs a command and reports its time and peak memory (see the file).
$(B)/bench/measure: tests/bench/measure.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< -o $@
