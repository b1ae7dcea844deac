# Tests: `make check` builds everything and runs every suite (tests/run.sh).

include tests/site/site.mk

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

$(B)/tests/%: tests/unit/%.c tests/unit/check.h $(B)/libcourseq.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< -o $@ $(B)/libcourseq.a $(PKG_LIBS)

.PHONY: check unit-tests
unit-tests: $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory all unit-tests $(TESTS_NODE_NPM_STAMP)
	@$(MAKE) --no-print-directory site
	@bash tests/run.sh
include tests/bench/bench.mk
