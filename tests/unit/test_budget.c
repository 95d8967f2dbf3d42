/* The memory budget (base/arena.h) and the string hash (base/strmap.h):
 * arenas charge one counter and give it back when freed; going past the
 * limit is sticky; an estimate that does not fit says so without
 * allocating; strmap keeps first-seen values, survives growth, and tells a
 * new key from an old one.  Then the budget through the transforms: a fold
 * that would not fit stops with the located message, a dtable with many
 * columns finds each by name (the hash), and a category domain keeps the
 * first-seen order of 100,000 names. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/strmap.h"
#include "data/transform.h"
#include "spec/node.h"
#include "testing.h"

static void test_budget_counter(void) {
  mem_budget b = {.limit = 8u << 20};
  arena *a = arena_new(), *s = arena_new();
  arena_set_budget(a, &b);
  arena_set_budget(s, &b);
  CHECK(b.used == 0 && !b.over);
  arena_alloc(a, 100);
  CHECK(b.used >= 100 && b.used == arena_bytes(a));
  arena_alloc(s, 3u << 20);
  CHECK(b.used == arena_bytes(a) + arena_bytes(s));
  CHECK(!arena_over_budget(a) && !arena_over_budget(s));
  CHECK(arena_budget_fits(a, 1u << 20));
  size_t before = b.used;
  CHECK(!arena_budget_fits(a, 64.0 * (1u << 20))); /* an estimate: nothing allocated, but sticky */
  CHECK(b.used == before && arena_over_budget(a));
  b.over = 0;
  arena_free(s); /* scratch given back */
  CHECK(b.used == arena_bytes(a));
  for (int i = 0; i < 40; i++) arena_alloc(a, 256u << 10); /* 10 MB: past the limit, still allocated */
  CHECK(arena_over_budget(a) && b.peak >= 10u << 20);
  CHECK(!arena_budget_fits(a, 0));
  arena_free(a);
  CHECK(b.used == 0 && b.over); /* sticky after the arenas are gone */
  arena *n = arena_new();         /* no budget: never over, always fits */
  arena_alloc(n, 1u << 20);
  CHECK(!arena_over_budget(n) && arena_budget_fits(n, 1e18) && !arena_budget(n));
  arena_free(n);
}

static void test_strmap(void) {
  arena *a = arena_new();
  strmap m;
  strmap_init(&m, a, 0);
  enum { N = 100000 };
  char **keys = arena_alloc_array(a, N, sizeof *keys);
  for (int i = 0; i < N; i++) keys[i] = arena_printf(a, "k%d", i);
  for (int i = 0; i < N; i++) CHECK(strmap_put(&m, keys[i], i) == -1 - i); /* new */
  CHECK(m.n == N && m.cap >= 2 * (size_t)N);
  int bad = 0;
  for (int i = 0; i < N; i++) {
    char probe[32];
    snprintf(probe, sizeof probe, "k%d", i); /* another pointer, the same text */
    bad += strmap_get(&m, probe) != i;
    bad += strmap_put(&m, probe, -5) != i; /* old: keeps its first value */
  }
  CHECK(bad == 0);
  CHECK(strmap_get(&m, "k100000") == -1 && strmap_get(&m, "") == -1);
  CHECK(strmap_put(&m, "", 7) == -8 && strmap_get(&m, "") == 7);
  arena_free(a);
}

static void test_transform_budget(void) {
  arena *A = arena_new();
  mem_budget b = {.limit = 4u << 20};
  diag_list d = {0};
  dtable *t = dtable_new(A);
  int ca = dtable_add_col(t, "a"), cb = dtable_add_col(t, "b");
  for (int r = 0; r < 20000; r++) {
    cell *row = dtable_add_row(t);
    row[ca] = (cell){.type = EXPR_NUM, .num = r};
    row[cb] = (cell){.type = EXPR_NUM, .num = -r};
  }
  arena_set_budget(A, &b); /* the table holds ~5 MB already: any more does not fit */
  b.limit = arena_bytes(A) + (1u << 20);
  const char *yaml = "transform:\n  - fold: [a, b]\n";
  spec_doc doc = {A, "t.yaml", NULL};
  doc.root = spec_parse(A, "t.yaml", yaml, strlen(yaml), &d);
  dtable *o = transform_apply(&doc, spec_map_get(doc.root, "transform"), t, A, &d);
  CHECK(!o && d.errors == 1);
  CHECK(d.n == 1 && strstr(d.items[0].message, "the fold transform would need about ") == d.items[0].message);
  CHECK(d.n == 1 && strstr(d.items[0].message, " MB, over the memory limit of "));
  CHECK(d.n == 1 && d.items[0].loc.line == 2 && d.items[0].loc.col == 5);
  CHECK(b.over && b.reported);
  diag_clear(&d);
  arena_free(A);
}

static void test_many_columns(void) {
  arena *A = arena_new();
  dtable *t = dtable_new(A);
  enum { NC = 5000 };
  for (int i = 0; i < NC; i++) CHECK(dtable_add_col(t, arena_printf(A, "c%d", i)) == i);
  cell *row = dtable_add_row(t);
  row[4321] = (cell){.type = EXPR_NUM, .num = 42};
  int bad = 0;
  for (int i = 0; i < NC; i++) bad += dtable_col(t, arena_printf(A, "c%d", i)) != i;
  CHECK(bad == 0 && dtable_col(t, "c5000") == -1 && dtable_add_col(t, "c17") == 17);
  dtable_rowref ref = {t, 0};
  expr_value v;
  CHECK(dtable_lookup(&ref, "c4321", 5, &v) == 0 && v.type == EXPR_NUM && v.num == 42);
  CHECK(dtable_lookup(&ref, "c43210", 5, &v) == 0 && v.num == 42); /* by length, as expr gives it */
  CHECK(dtable_lookup(&ref, "nope", 4, &v) == -1);
  arena_free(A);
}

int main(void) {
  test_budget_counter();
  test_strmap();
  test_transform_budget();
  test_many_columns();
  printf("test_budget: %d checks, %d failed\n", testing_checks, testing_failures);
  return testing_failures != 0;
}
