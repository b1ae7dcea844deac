#include "strmap.h"

#include <string.h>

/* A word-at-a-time multiplicative hash: fast on long inputs (file contents)
 * and good enough for hash tables and change detection. */
uint64_t cq_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xC2B2AE3D27D4EB4Full);
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		w *= 0x87C37B91114253D5ull;
		w ^= w >> 31;
		h = (h ^ w) * 0x4CF5AD432745937Full;
		h ^= h >> 29;
	}
	if (i < len) {
		uint64_t w = 0;

		memcpy(&w, p + i, len - i);
		w *= 0x87C37B91114253D5ull;
		w ^= w >> 31;
		h = (h ^ w) * 0x4CF5AD432745937Full;
	}
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	return h;
}

void cq_strmap_init(cq_strmap *m, cq_arena *a)
{
	m->arena = a;
	m->slots = NULL;
	m->cap = m->len = 0;
}

static cq_strmap_slot *find(const cq_strmap *m, const char *key, size_t keylen,
			    uint64_t hash)
{
	size_t mask = m->cap - 1, i = (size_t)hash & mask;

	for (;; i = (i + 1) & mask) {
		cq_strmap_slot *s = &m->slots[i];

		if (!s->key)
			return s;
		if (s->hash == hash && s->keylen == keylen &&
		    memcmp(s->key, key, keylen) == 0)
			return s;
	}
}

static int resize(cq_strmap *m, size_t cap)
{
	size_t i;
	cq_strmap_slot *old = m->slots;
	size_t oldcap = m->cap;

	m->slots = cq_arena_alloc(m->arena, cap * sizeof(*m->slots));
	if (!m->slots) {
		m->slots = old;
		return -1;
	}
	m->cap = cap;
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].keylen, old[i].hash) = old[i];
	return 0;
}

static int grow(cq_strmap *m)
{
	return resize(m, m->cap ? m->cap * 2 : 16);
}

int cq_strmap_reserve(cq_strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	while ((n + 1) * 4 > cap * 3)
		cap *= 2;
	return cap > m->cap ? resize(m, cap) : 0;
}

long *cq_strmap_get(const cq_strmap *m, const char *key, size_t keylen)
{
	cq_strmap_slot *s;

	if (!m->cap)
		return NULL;
	s = find(m, key, keylen, cq_hash64(key, keylen));
	return s->key ? &s->value : NULL;
}

static long *put(cq_strmap *m, const char *key, size_t keylen, int *added, int copy)
{
	uint64_t hash = cq_hash64(key, keylen);
	cq_strmap_slot *s;

	if ((m->len + 1) * 4 > m->cap * 3 && grow(m) < 0)
		return NULL;
	s = find(m, key, keylen, hash);
	if (added)
		*added = !s->key;
	if (!s->key) {
		s->key = copy ? cq_arena_strndup(m->arena, key, keylen) : key;
		if (!s->key)
			return NULL;
		s->keylen = keylen;
		s->hash = hash;
		s->value = 0;
		m->len++;
	}
	return &s->value;
}

long *cq_strmap_put(cq_strmap *m, const char *key, size_t keylen, int *added)
{
	return put(m, key, keylen, added, 1);
}

long *cq_strmap_put_ref(cq_strmap *m, const char *key, size_t keylen, int *added)
{
	return put(m, key, keylen, added, 0);
}
