#include "parse_queue.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "course.h"
#include "link_check.h"
#include "md_region.h"
#include "strmap.h"
#include "walk.h"

/* How far the workers may run ahead: enough to keep every thread busy,
 * few enough that a course of any size fits in a little memory. A
 * consumer that catches up sleeps until BATCH jobs are ready, not one: a
 * wake-up a lesson cost about 3 % of a full index in the scheduler. */
enum { WINDOW = 32, BATCH = 8, INLINE_BELOW = 4, MAX_WORKERS = 4 };

/* A lesson's parse takes memory in proportion to its size, 60 times it
 * for a hostile one (a 13 MB lesson of a million links: 0.8 GB). Lessons
 * this large are parsed one at a time, whatever the number of workers. */
enum { LARGE = 1 << 20 };

/* Workers take files in order and finish them in any order; the consumer
 * takes them in order, as far as the run of finished ones goes. */
typedef struct queue {
	const cq_parse_files *files;
	cq_parse_job ring[WINDOW]; /* job i is ring[i % WINDOW] */
	unsigned char done[WINDOW];
	size_t taken;     /* by a worker: files[0 .. taken) */
	size_t produced;  /* jobs [0 .. produced) are all done */
	size_t consumed;
	size_t want;      /* the consumer sleeps until produced reaches it; 0: awake */
	int worker_waits; /* how many wait for room in the ring */
	const cq_parse_setup *setup;
	int stop;
	pthread_mutex_t large; /* held while a LARGE lesson is parsed */
	pthread_mutex_t mu;
	pthread_cond_t more, room;
} queue;

static char *read_all(int dir, const char *rel, size_t *len, int *err)
{
	int fd = openat(dir, rel, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t got = 0;

	*err = 0;
	if (fd < 0 || fstat(fd, &st) < 0) {
		*err = errno;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf && got < (size_t)st.st_size) {
		ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			*err = errno;
		if (k <= 0)
			break; /* shrank while reading: take what is there */
		got += (size_t)k;
	}
	if (!buf)
		*err = ENOMEM;
	else if (*err) {
		free(buf);
		buf = NULL;
	} else {
		buf[got] = '\0';
	}
	close(fd);
	*len = got;
	return buf;
}

/* Fills j, a free slot, for file i; large, when given, is held while a
 * large lesson is parsed. */
static void work(cq_parse_job *j, const cq_parse_files *files, size_t i,
		 const cq_parse_setup *setup, pthread_mutex_t *large)
{
	const cq_file *f = &files->files[i];
	char hex[17], rel[4096];

	memset(j, 0, sizeof(*j));
	j->index = i;
	j->old_hash = files->old_hashes ? files->old_hashes[i] : NULL;
	if (snprintf(rel, sizeof(rel), "%s.%s", f->id, cq_file_ext(f)) >= (int)sizeof(rel)) {
		j->err = ENAMETOOLONG;
		return;
	}
	j->src = read_all(setup->content, rel, &j->len, &j->err);
	if (!j->src)
		return;
	j->hash = cq_hash64(j->src, j->len);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)j->hash);
	if (j->old_hash && strcmp(j->old_hash, hex) == 0) {
		j->unchanged = 1;
		return;
	}
	large = j->len >= LARGE ? large : NULL;
	if (large)
		pthread_mutex_lock(large);
	j->failed = cq_lesson_parse(&j->facts, j->src, j->len, &setup->opt) < 0;
	if (large)
		pthread_mutex_unlock(large);
	j->parsed = 1;
	if (!j->failed && setup->course)
		j->failed = cq_lesson_check_links(&j->facts, f->id, setup->cfg, setup->course) < 0;
}

static void release(cq_parse_job *j)
{
	if (j->parsed)
		cq_lesson_facts_free(&j->facts);
	free(j->src);
	j->src = NULL;
	j->parsed = 0;
}

static void *worker(void *arg)
{
	queue *q = arg;
	size_t i;

	pthread_setname_np(pthread_self(), "courseq-parse");
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->stop && q->taken < q->files->n && q->taken - q->consumed >= WINDOW) {
			q->worker_waits++;
			pthread_cond_wait(&q->room, &q->mu);
			q->worker_waits--;
		}
		if (q->stop || q->taken == q->files->n)
			break;
		i = q->taken++;
		pthread_mutex_unlock(&q->mu);
		work(&q->ring[i % WINDOW], q->files, i, q->setup, &q->large);
		pthread_mutex_lock(&q->mu);
		q->done[i % WINDOW] = 1;
		while (q->produced < q->taken && q->done[q->produced % WINDOW])
			q->produced++;
		if (q->want && q->produced >= q->want) {
			q->want = 0;
			pthread_cond_signal(&q->more);
		}
	}
	pthread_mutex_unlock(&q->mu);
	cq_md_region_release();
	return NULL;
}

static int run_inline(cq_parse_job *job, const cq_parse_files *files,
		      const cq_parse_setup *setup, cq_parse_consumer consume, void *ctx)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < files->n; i++) {
		work(job, files, i, setup, NULL);
		rc = consume(ctx, job);
		release(job);
	}
	cq_md_region_release();
	return rc;
}

/* Parsing is most of a full index: on two cores, two workers share them
 * with the consumer's thread and the search file's, and the scheduler
 * keeps both busy (one worker left a core idle a third of the time: 0.66
 * -> 0.44 s for 1,000 lessons); on more, a worker a core but one. */
static size_t workers_for(size_t n)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t w = cores <= 1 ? 1 : cores == 2 ? 2 : (size_t)cores - 1;

	w = w < MAX_WORKERS ? w : MAX_WORKERS;
	return w < n / BATCH ? w : 1;
}

int cq_parse_all(const cq_parse_files *files, const cq_parse_setup *setup,
		 cq_parse_consumer consume, void *ctx)
{
	size_t n = files->n, nworkers = 0, want = workers_for(n), i;
	queue q = {.files = files, .setup = setup, .large = PTHREAD_MUTEX_INITIALIZER,
		   .mu = PTHREAD_MUTEX_INITIALIZER,
		   .more = PTHREAD_COND_INITIALIZER, .room = PTHREAD_COND_INITIALIZER};
	pthread_t t[MAX_WORKERS];
	int rc = 0;

	/* cmark registers its extensions once; do it before two threads can. */
	cq_lesson_parse_init();
	if (n >= INLINE_BELOW)
		while (nworkers < want && pthread_create(&t[nworkers], NULL, worker, &q) == 0)
			nworkers++;
	if (nworkers == 0)
		return run_inline(q.ring, files, setup, consume, ctx);
	for (i = 0; i < n && rc == 0; i++) {
		pthread_mutex_lock(&q.mu);
		if (q.produced <= i) {
			q.want = i + BATCH < n ? i + BATCH : n;
			while (q.produced < q.want)
				pthread_cond_wait(&q.more, &q.mu);
		}
		pthread_mutex_unlock(&q.mu);
		rc = consume(ctx, &q.ring[i % WINDOW]);
		release(&q.ring[i % WINDOW]);
		pthread_mutex_lock(&q.mu);
		q.done[i % WINDOW] = 0;
		q.consumed++;
		if (q.worker_waits)
			pthread_cond_broadcast(&q.room);
		pthread_mutex_unlock(&q.mu);
	}
	pthread_mutex_lock(&q.mu);
	q.stop = 1;
	pthread_cond_broadcast(&q.room);
	pthread_mutex_unlock(&q.mu);
	while (nworkers > 0)
		pthread_join(t[--nworkers], NULL);
	/* After a failure, what the workers did ahead is dropped. */
	for (; i < q.taken; i++)
		release(&q.ring[i % WINDOW]);
	return rc;
}
