/* Arenas: one per parsed document and one per render.  Nodes are never
 * freed one by one; arena_free() releases everything at once, which is what
 * makes "a failed render frees everything" trivially true.
 *
 * Allocation failure is fatal (abort with a message): every size that can
 * grow with input is bounded by the limits in base/limits.h long before
 * memory runs out, so an out-of-memory here is an environment failure. */
#ifndef HUITU_BASE_ARENA_H
#define HUITU_BASE_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);                  /* NULL is a no-op */
void *arena_alloc(arena *a, size_t n);      /* zeroed, 16-byte aligned */
/* n * size with overflow check (cairo's _cairo_malloc_ab). */
void *arena_alloc_array(arena *a, size_t n, size_t size);
/* Grow an array previously returned by arena_alloc_array: copies into a new
 * block (the old block stays in the arena until arena_free). */
void *arena_grow(arena *a, void *old, size_t old_n, size_t new_n, size_t size);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
size_t arena_bytes(const arena *a);         /* total bytes reserved */

/* malloc/realloc that abort on failure, for the few long-lived buffers
 * that live outside arenas (encoder buffers, caches). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);
#endif
