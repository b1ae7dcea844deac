# Tests: `make check` builds everything and runs every suite (tests/run.sh).

include tests/site/site.mk
include tests/fuzz/fuzz.mk

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

$(B)/tests/%: tests/unit/%.c tests/unit/check.h $(B)/internal/libcourseq.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< -o $@ $(B)/internal/libcourseq.a $(PKG_LIBS)

.PHONY: check unit-tests
unit-tests: $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory all unit-tests $(TESTS_NODE_NPM_STAMP)
	@$(MAKE) --no-print-directory site
	@$(MAKE) --no-print-directory fuzz-build
	@bash tests/run.sh
include tests/bench/bench.mk

# The same tests on builds that catch memory errors: AddressSanitizer and
# UndefinedBehaviorSanitizer (make asan), and valgrind (make valgrind).
ASAN_B := build/asan
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: asan valgrind
asan: deps
	@$(MAKE) --no-print-directory B=$(ASAN_B) CFLAGS="$(SAN_FLAGS) $(CFLAGS_EXTRA)" \
		LDFLAGS="-fsanitize=address,undefined" all unit-tests $(TESTS_NODE_NPM_STAMP)
	@BUILD=$(ASAN_B) SANITIZED=1 bash tests/run.sh

valgrind: deps
	@$(MAKE) --no-print-directory all unit-tests $(TESTS_NODE_NPM_STAMP)
	@VALGRIND=1 SKIP_SITE=1 bash tests/run.sh
