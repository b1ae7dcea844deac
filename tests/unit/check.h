/* A minimal test harness: each TEST prints "ok NAME" or "not ok NAME",
 * which tests/run.sh counts. */
#ifndef COURSEQ_TEST_CHECK_H
#define COURSEQ_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int test_failed, tests_failed;

#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
			test_failed = 1;                                                 \
		}                                                                        \
	} while (0)

#define CHECK_STR(got, want)                                                             \
	do {                                                                             \
		const char *g_ = (got), *w_ = (want);                                    \
		if (!g_ || strcmp(g_, w_) != 0) {                                        \
			printf("#   %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,  \
			       g_ ? g_ : "(null)", w_);                                  \
			test_failed = 1;                                                 \
		}                                                                        \
	} while (0)

#define CHECK_INT(got, want)                                                             \
	do {                                                                             \
		long long g_ = (long long)(got), w_ = (long long)(want);                 \
		if (g_ != w_) {                                                          \
			printf("#   %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__,    \
			       #got, g_, w_);                                            \
			test_failed = 1;                                                 \
		}                                                                        \
	} while (0)

#define RUN(fn)                                                                          \
	do {                                                                             \
		test_failed = 0;                                                         \
		fn();                                                                    \
		printf("%s %s\n", test_failed ? "not ok" : "ok", #fn);                   \
		tests_failed += test_failed;                                             \
	} while (0)

#define DONE() return tests_failed ? 1 : 0

#endif
