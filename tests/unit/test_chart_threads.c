/* One document laid out by several threads at once: the model (and every
 * chart in it) is read-only after doc_build, so each thread, with its own
 * text engine, render arena and diagnostics, gets the same scene as one
 * thread alone.  Built with ThreadSanitizer by `make test-tsan`, where any
 * write layout makes into the shared charts (a scale's categories in the
 * document's arena, a default title, a size memo) is a reported race.
 * There with G_SLICE=always-malloc: GLib 2.74's slice allocator hands
 * Pango memory one thread freed to another through its own uninstrumented
 * locks, which TSan reports as a race (text_breaks_apply_style against
 * extract, about 1 run in 10); it reads G_SLICE before main, so the
 * environment must set it.
 *
 * Not through huitu.h: the public API runs every call under one process
 * lock and a doc belongs to one ctx, so it never lays out one doc on two
 * threads; this is the layer below it (layout_document), which a host
 * holding its own lock around text, or a future parallel batch, relies on. */
#include <pthread.h>

#include "base/buf.h"
#include "scene_test.h"

#define NTHREADS 3
#define ROUNDS 3

/* Page specs with several charts, and Vega-Lite specs with facets, concat,
 * colour legends, time units and aggregates (default titles). */
static const char *const files[] = {
    "specs/chart-orphan-grouped.yaml",
    "specs/suzhou-minzheng-poster.yaml",
    "tests/vl/gallery/facet_grid_bar.vl.json",
    "tests/vl/gallery/concat_layer_voyager_result.vl.json",
    "tests/vl/gallery/concat_bar_scales_discretize.vl.json",
    "tests/vl/fidelity/time_output_utc_timeunit.vl.json",
};
#define NFILES (int)(sizeof files / sizeof files[0])

typedef struct shared {
  doc_model *m[NFILES];
  char *ref[NFILES]; /* one thread's scene dump */
  text_engine *te[NTHREADS];
  int mismatches, failures;
} shared;
static shared S;

/* The scene of m laid out on te, dumped; NULL when layout failed. */
static char *layout_dump(const doc_model *m, text_engine *te) {
  arena *ra = arena_new();
  diag_list d = {0};
  scene *s = layout_document(m, te, ra, &d);
  char *out = NULL;
  if (s && d.errors == 0) {
    buf b = {0};
    scene_dump(s, &b);
    out = strndup(b.data ? b.data : "", b.len);
    buf_free(&b);
  }
  arena_free(ra);
  diag_clear(&d);
  return out;
}

static void *thread_main(void *arg) {
  int t = (int)(intptr_t)arg;
  for (int r = 0; r < ROUNDS; r++)
    for (int k = 0; k < NFILES; k++) {
      int f = (k + t + r) % NFILES; /* threads on different charts and on the same one */
      char *dump = layout_dump(S.m[f], S.te[t]);
      if (!dump) __atomic_fetch_add(&S.failures, 1, __ATOMIC_SEQ_CST);
      else if (strcmp(dump, S.ref[f]) != 0) __atomic_fetch_add(&S.mismatches, 1, __ATOMIC_SEQ_CST);
      free(dump);
    }
  return NULL;
}

int main(void) {
  scene_test_begin();
  run docs[NFILES];
  for (int f = 0; f < NFILES; f++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", HUITU_SOURCE_DIR, files[f]);
    char *text = read_all(path);
    memset(&docs[f], 0, sizeof docs[f]);
    docs[f].da = arena_new();
    spec_doc *doc = arena_alloc(docs[f].da, sizeof *doc);
    doc->arena = docs[f].da;
    doc->path = arena_strdup(docs[f].da, path);
    doc->root = text ? spec_parse(docs[f].da, doc->path, text, strlen(text), &docs[f].d) : NULL;
    S.m[f] = doc->root ? doc_build(doc, &docs[f].d) : NULL;
    free(text);
    if (!REQUIRED(S.m[f] != NULL && docs[f].d.errors == 0)) return testing_done("test_chart_threads");
    S.ref[f] = layout_dump(S.m[f], TE);
    if (!REQUIRED(S.ref[f] != NULL && strlen(S.ref[f]) > 1000)) return testing_done("test_chart_threads");
  }
  /* engines are made on one thread: fontconfig's setup is not for racing */
  for (int t = 0; t < NTHREADS; t++) {
    char err[256];
    S.te[t] = text_engine_new(NULL, err, sizeof err);
    if (!REQUIRED(S.te[t] != NULL)) return testing_done("test_chart_threads");
  }
  pthread_t th[NTHREADS];
  for (int t = 0; t < NTHREADS; t++) CHECK(pthread_create(&th[t], NULL, thread_main, (void *)(intptr_t)t) == 0);
  for (int t = 0; t < NTHREADS; t++) pthread_join(th[t], NULL);
  CHECK(S.failures == 0);
  CHECK(S.mismatches == 0);
  printf("%d layouts on %d threads of %d shared documents: %d differ from one thread's, %d failed\n",
         NTHREADS * ROUNDS * NFILES, NTHREADS, NFILES, S.mismatches, S.failures);
  for (int t = 0; t < NTHREADS; t++) text_engine_free(S.te[t]);
  for (int f = 0; f < NFILES; f++) {
    free(S.ref[f]);
    run_free(&docs[f]);
  }
  text_engine_free(TE);
  return testing_done("test_chart_threads");
}
