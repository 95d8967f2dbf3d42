#include "base/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chunks double in size up to a cap, so a document with a million rows
 * does not make a million small mallocs, and a tiny spec stays tiny. */
#define ARENA_FIRST_CHUNK (16u * 1024u)
#define ARENA_MAX_CHUNK (4u * 1024u * 1024u)

typedef struct chunk {
  struct chunk *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
} chunk;

struct arena {
  chunk *head;
  size_t next_size;
  size_t total;
  mem_budget *budget; /* charged with every chunk; NULL: none */
};

static void charge(arena *a, size_t n) {
  mem_budget *b = a->budget;
  if (!b) return;
  b->used += n;
  if (b->used > b->peak) b->peak = b->used;
  if (b->limit && b->used > b->limit) b->over = 1;
}

static void die_oom(size_t n) {
  fprintf(stderr, "huitu: fatal: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) die_oom(n);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) die_oom(n);
  return q;
}

void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) die_oom(n * size);
  return p;
}

arena *arena_new(void) {
  arena *a = xcalloc(1, sizeof *a);
  a->next_size = ARENA_FIRST_CHUNK;
  return a;
}

void arena_free(arena *a) {
  if (!a) return;
  if (a->budget) a->budget->used -= a->total < a->budget->used ? a->total : a->budget->used;
  chunk *c = a->head;
  while (c) {
    chunk *next = c->next;
    free(c);
    c = next;
  }
  free(a);
}

void *arena_alloc(arena *a, size_t n) {
  n = (n + 15u) & ~(size_t)15u;
  if (n == 0) n = 16;
  chunk *c = a->head;
  if (!c || c->size - c->used < n) {
    size_t size = a->next_size;
    if (size < n) size = n;
    if (a->next_size < ARENA_MAX_CHUNK) a->next_size *= 2;
    if (size > SIZE_MAX - sizeof(chunk)) die_oom(size);
    c = malloc(sizeof(chunk) + size);
    if (!c) die_oom(size);
    c->size = size;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    a->total += size;
    charge(a, size);
  }
  void *p = c->data + c->used;
  c->used += n;
  memset(p, 0, n);
  return p;
}

void *arena_alloc_array(arena *a, size_t n, size_t size) {
  if (size && n > SIZE_MAX / size) die_oom(SIZE_MAX);
  return arena_alloc(a, n * size);
}

void *arena_grow(arena *a, void *old, size_t old_n, size_t new_n, size_t size) {
  /* An array that is alone in the newest chunk (a large one: it got a chunk
   * of its own) grows in place with realloc, so a million-item array that
   * doubles its way up does not leave every smaller copy behind. */
  chunk *c = a->head;
  if (old && c && (unsigned char *)old == c->data && new_n > old_n && size && old_n <= SIZE_MAX / size &&
      c->used == ((old_n * size + 15u) & ~(size_t)15u) && new_n <= (SIZE_MAX - 15) / size) {
    size_t n = (new_n * size + 15u) & ~(size_t)15u;
    if (n >= ARENA_MAX_CHUNK && n > c->size && n <= SIZE_MAX - sizeof(chunk)) {
      chunk *g = realloc(c, sizeof(chunk) + n);
      if (!g) die_oom(n);
      memset(g->data + g->used, 0, n - g->used);
      a->total += n - g->size;
      charge(a, n - g->size);
      g->size = g->used = n;
      a->head = g;
      return g->data;
    }
  }
  void *p = arena_alloc_array(a, new_n, size);
  if (old && old_n) memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  if (n) memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_vprintf(arena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  if (n < 0) n = 0;
  char *p = arena_alloc(a, (size_t)n + 1);
  if ((size_t)n < sizeof small)
    memcpy(p, small, (size_t)n + 1);
  else
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

char *arena_printf(arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

size_t arena_bytes(const arena *a) { return a->total; }
size_t arena_used(const arena *a) {
  size_t n = 0;
  for (const chunk *c = a->head; c; c = c->next) n += c->used;
  return n;
}

void arena_set_budget(arena *a, mem_budget *b) {
  if (!a || a->budget == b) return;
  if (a->budget) a->budget->used -= a->total < a->budget->used ? a->total : a->budget->used;
  a->budget = b;
  charge(a, a->total);
}

mem_budget *arena_budget(const arena *a) { return a ? a->budget : NULL; }

int arena_over_budget(const arena *a) { return a && a->budget && a->budget->over; }

int arena_budget_fits(const arena *a, double more) {
  mem_budget *b = arena_budget(a);
  if (!b || !b->limit) return 1;
  if (b->over || !(more >= 0) || (double)b->used + more > (double)b->limit) {
    b->over = 1;
    return 0;
  }
  return 1;
}
