# Fuzzing (included by the top Makefile): libFuzzer targets for every parser
# that reads bytes from a user, built with clang from core/*.c directly (the
# library in build/ is gcc-built and uninstrumented).
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="fuzz_lesson ..."]
#       fuzzes each target for FUZZ_SECONDS on build/fuzz/corpus-<target>,
#       seeded from tests/fuzz/seeds/<target>/; with -j2, two at a time.
#       Crashes land in build/fuzz/artifacts-<target>/.
#   make fuzz-regress
#       runs each target once over its seeds and tests/fuzz/regress/<target>/
#       (inputs that once crashed), without fuzzing: what `make check` runs.
# A new target is a tests/fuzz/fuzz_<name>.c with seeds/fuzz_<name>/; give
# it options with FUZZ_OPTS_fuzz_<name> (a -dict, a -max_len).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS ?= -g -O1
FUZZ_SAN := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
# -Werror follows the user's CFLAGS, as for the gcc build (CI sets it).
FUZZ_ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(filter -Werror,$(CFLAGS)) \
	$(FUZZ_CFLAGS) $(FUZZ_SAN) $(PKG_CFLAGS) -Iinclude -Icore -Ibuild -DCOURSEQ_BUILDING
FUZZ_DEB_PKGS := clang libclang-rt-14-dev

FB := $(B)/fuzz
FUZZ_ALL := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_BIN := $(FUZZ_ALL:%=$(FB)/%)
FUZZ_OBJ := $(CORE_SRC:%.c=$(FB)/obj/%.o)
.SECONDARY: $(FUZZ_OBJ)

# Per-target options for both fuzzing and regression runs.
FUZZ_COMMON := -timeout=10 -rss_limit_mb=2048
FUZZ_OPTS_fuzz_lesson := -dict=tests/fuzz/mdx.dict -max_len=16384
FUZZ_OPTS_fuzz_frontmatter := -dict=tests/fuzz/yaml.dict -max_len=4096
FUZZ_OPTS_fuzz_config := -dict=tests/fuzz/yaml.dict -max_len=4096
FUZZ_OPTS_fuzz_slug := -max_len=1024
FUZZ_OPTS_fuzz_links := -dict=tests/fuzz/links.dict -max_len=2048
FUZZ_OPTS_fuzz_search := -dict=tests/fuzz/search.dict -max_len=4096
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

.PHONY: fuzz fuzz-build fuzz-regress fuzz-deps $(FUZZ_ALL:%=fuzz-run-%) $(FUZZ_ALL:%=fuzz-regress-%)

# Installs clang and libFuzzer from Debian when they are missing, as `make
# deps` does for the libraries.
fuzz-deps:
	@if command -v $(FUZZ_CC) >/dev/null && \
	   echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' | \
	   $(FUZZ_CC) -x c -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then exit 0; fi; \
	echo "courseq: fuzzing needs $(FUZZ_CC) with libFuzzer"; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FUZZ_DEB_PKGS); \
	else \
		echo "courseq: run as root: apt-get install $(FUZZ_DEB_PKGS)"; exit 1; \
	fi

fuzz-build: $(FUZZ_BIN)

$(FB)/obj/%.o: %.c $(B)/schema_sql.h $(wildcard core/*.h include/*.h) | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) -c $< -o $@

# An archive, so each target links only the objects it uses.
$(FB)/libcourseq-fuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(FB)/libcourseq-fuzz.a | fuzz-deps
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) $< $(FB)/libcourseq-fuzz.a -o $@ $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

# The first corpus folder is the one libFuzzer adds to; the seeds are only
# read. The full log goes to build/fuzz/<target>.log; its closing figures
# and any report are printed.
$(FUZZ_ALL:%=fuzz-run-%): fuzz-run-%: $(FB)/%
	@mkdir -p $(FB)/corpus-$* $(FB)/artifacts-$*
	@echo "fuzzing $* for $(FUZZ_SECONDS)s (log: $(FB)/$*.log)"
	@$(FB)/$* $(FUZZ_COMMON) $(FUZZ_OPTS_$*) -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=$(FB)/artifacts-$*/ $(FB)/corpus-$* tests/fuzz/seeds/$* \
		>$(FB)/$*.log 2>&1; rc=$$?; \
	if [ $$rc -ne 0 ]; then sed -n '/^==[0-9]*==/,$$p;/runtime error/,$$p' $(FB)/$*.log | head -120; fi; \
	grep -a -E '^#[0-9]+' $(FB)/$*.log | tail -n 1 | sed 's/^/$*: /'; \
	echo "$*: corpus $$(ls $(FB)/corpus-$* | wc -l) inputs"; \
	exit $$rc

# Every target runs even when one fails, so one report shows them all.
fuzz-regress: $(FUZZ_TARGETS:%=$(FB)/%)
	@rc=0; for t in $(FUZZ_TARGETS); do \
		$(MAKE) --no-print-directory fuzz-regress-$$t || rc=1; \
	done; exit $$rc

# Each input is run once; a crash, a leak, a sanitizer report or a hang
# (FUZZ_COMMON's -timeout) fails the run and prints libFuzzer's report.
$(FUZZ_ALL:%=fuzz-regress-%): fuzz-regress-%: $(FB)/%
	@files=$$(find tests/fuzz/seeds/$* tests/fuzz/regress/$* -type f ! -name '*.md' 2>/dev/null | sort); \
	n=$$(printf '%s\n' $$files | grep -c .); \
	if [ "$$n" -eq 0 ]; then echo "not ok fuzz-regress/$* (no seeds)"; exit 1; fi; \
	if $(FB)/$* $(FUZZ_COMMON) $(FUZZ_OPTS_$*) $$files >$(FB)/$*.regress.log 2>&1; then \
		echo "ok fuzz-regress/$* ($$n inputs)"; \
	else \
		grep -a -v '^Running: ' $(FB)/$*.regress.log; \
		echo "not ok fuzz-regress/$* (log: $(FB)/$*.regress.log)"; exit 1; \
	fi
