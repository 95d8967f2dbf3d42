/* strmap: string -> int, an open-addressing hash table in an arena, for
 * the places that must find a string among many (category domains, facet
 * cells, groups) in O(1) instead of a strcmp scan (which made 20,000
 * categories take 10 s).
 *
 * Keys are NOT copied: each must stay valid and unchanged as long as the
 * map is used (arena strings are).  The table lives in the arena given to
 * strmap_init and grows by doubling (the old slots stay in the arena until
 * it is freed, at most as many bytes again).  NULL keys are not allowed. */
#ifndef HUITU_BASE_STRMAP_H
#define HUITU_BASE_STRMAP_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct strmap {
  arena *a;
  const char **keys; /* cap slots, NULL = empty */
  int *vals;
  uint32_t *hashes;
  size_t cap, n;
} strmap;

/* Ready for about `expect` keys without growing (0: a small table). */
void strmap_init(strmap *m, arena *a, size_t expect);
/* The value stored for key, or -1. */
int strmap_get(const strmap *m, const char *key);
/* The value stored for key; when absent, key is added with value `val`
 * and -1 - val is returned (so `< 0` means "was new"). */
int strmap_put(strmap *m, const char *key, int val);
uint32_t strmap_hash(const char *s);
#endif
