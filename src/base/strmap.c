#include "base/strmap.h"

#include <string.h>

uint32_t strmap_hash(const char *s) { /* FNV-1a */
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void alloc_slots(strmap *m, size_t cap) {
  m->cap = cap;
  m->keys = arena_alloc_array(m->a, cap, sizeof *m->keys);
  m->vals = arena_alloc_array(m->a, cap, sizeof *m->vals);
  m->hashes = arena_alloc_array(m->a, cap, sizeof *m->hashes);
}

void strmap_init(strmap *m, arena *a, size_t expect) {
  memset(m, 0, sizeof *m);
  m->a = a;
  size_t cap = 16;
  while (cap / 2 < expect && cap < ((size_t)1 << 40)) cap *= 2; /* at most half full */
  alloc_slots(m, cap);
}

static size_t find(const strmap *m, const char *key, uint32_t h) {
  size_t mask = m->cap - 1, i = h & mask;
  while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key))) i = (i + 1) & mask;
  return i;
}

int strmap_get(const strmap *m, const char *key) {
  if (!m->cap) return -1;
  size_t i = find(m, key, strmap_hash(key));
  return m->keys[i] ? m->vals[i] : -1;
}

int strmap_put(strmap *m, const char *key, int val) {
  if (!m->cap) strmap_init(m, m->a, 0);
  uint32_t h = strmap_hash(key);
  size_t i = find(m, key, h);
  if (m->keys[i]) return m->vals[i];
  if ((m->n + 1) * 2 > m->cap) { /* keep at most half full: short probes */
    const char **ok = m->keys;
    int *ov = m->vals;
    uint32_t *oh = m->hashes;
    size_t ocap = m->cap;
    alloc_slots(m, ocap * 2);
    for (size_t j = 0; j < ocap; j++) {
      if (!ok[j]) continue;
      size_t k = oh[j] & (m->cap - 1);
      while (m->keys[k]) k = (k + 1) & (m->cap - 1);
      m->keys[k] = ok[j];
      m->vals[k] = ov[j];
      m->hashes[k] = oh[j];
    }
    i = find(m, key, h);
  }
  m->keys[i] = key;
  m->vals[i] = val;
  m->hashes[i] = h;
  m->n++;
  return -1 - val;
}
