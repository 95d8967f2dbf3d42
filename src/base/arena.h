/* Arenas: one per parsed document and one per render.  Nodes are never
 * freed one by one; arena_free() releases everything at once, which is what
 * makes "a failed render frees everything" trivially true.
 *
 * Allocation failure is fatal (abort with a message): every size that can
 * grow with input is bounded by the limits in base/limits.h long before
 * memory runs out, so an out-of-memory here is an environment failure.
 * What bounds the sum of them is the memory budget below (--max-memory). */
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
/* Bytes handed out so far (with alignment): grows with every allocation,
 * so a stage that must not allocate in an arena can be checked to leave it
 * unchanged. */
size_t arena_used(const arena *a);

/* A memory budget: one counter that every arena of a document charges (its
 * spec arena, its render arena and their scratch arenas), so that a spec
 * needing more memory than --max-memory stops with a located error instead
 * of the process aborting when malloc fails (exit 134 at ~3.9 GB).
 *
 * Charging never fails: an arena keeps allocating past the limit (its
 * callers do not check for NULL) and `over` becomes 1 and stays 1 (sticky,
 * like cairo's status).  Code whose allocations grow with the input checks
 * arena_over_budget() in its loops, or estimates first with
 * arena_budget_fits(), and stops with a located error; what one step
 * allocates between two checks is bounded by the other limits (rows,
 * string bytes, EXPR_MAX_SCRATCH), so the overshoot stays small.  The
 * budget is not thread-safe: one document is used by one thread at a time,
 * and batch workers each have their own documents and budgets. */
typedef struct mem_budget {
  size_t limit; /* bytes; 0: no limit */
  size_t used;  /* bytes held now by the arenas that charge it */
  size_t peak;  /* the most `used` has been */
  int over;     /* sticky: used (or an estimate) went past limit */
  int reported; /* the located error has been written (once per document) */
} mem_budget;

/* Charge a's chunks (those it holds now and later) to b; NULL: none.  b
 * must outlive a.  arena_free() gives the bytes back. */
void arena_set_budget(arena *a, mem_budget *b);
mem_budget *arena_budget(const arena *a);   /* NULL when a (or its budget) is NULL */
int arena_over_budget(const arena *a);      /* 1 once the budget was exceeded */
/* 1 when `more` bytes on top of what the budget holds now stay within its
 * limit (always, without a budget); else sets `over` and returns 0. */
int arena_budget_fits(const arena *a, double more);

/* malloc/realloc that abort on failure, for the few long-lived buffers
 * that live outside arenas (encoder buffers, caches). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);
#endif
