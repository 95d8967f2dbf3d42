/* The public API from several threads at once, one huitu_ctx each, as
 * huitu.h allows and python/huitu.py does: every render byte-identical to
 * the same render on one thread.  The specs draw with more FreeType faces
 * (Huitu Sans, Noto Sans/Serif CJK SC/TC/JP/KR, regular and bold) than
 * cairo 1.16 keeps open, which is when its process-wide face cache closes
 * and reopens faces -- unlocked FreeType calls that crashed in
 * cairo_surface_finish or left a face out of a PDF before the library
 * serialised them (api.c).  Also built with ThreadSanitizer in CI. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "huitu.h"
#include "testing.h"

#define NSPECS 3
#define NTHREADS 4
#define ROUNDS 2

static const char *const spec_names[NSPECS] = {"typography.yaml", "serif-headings-report.yaml",
                                              "suzhou-minzheng-poster.yaml"};
static char spec_paths[NSPECS][1024];
static uint64_t ref_hash[NSPECS][HUITU_FORMAT_LAST];
static size_t ref_len[NSPECS][HUITU_FORMAT_LAST];
static int mismatches, failures, renders;

static uint64_t fnv(const unsigned char *p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

/* Render spec s in format f on ctx; 0 and the hash, or -1. */
static int render_one(huitu_ctx *ctx, int s, int f, uint64_t *h, size_t *len) {
  huitu_doc *d = huitu_doc_load_file(ctx, spec_paths[s]);
  const unsigned char *bytes = NULL;
  int rc = -1;
  if (huitu_doc_status(d) == HUITU_OK && huitu_doc_render(d, (huitu_format)f, NULL, &bytes, len) == HUITU_OK) {
    *h = fnv(bytes, *len);
    rc = 0;
  }
  huitu_doc_free(d);
  return rc;
}

static void *thread_main(void *arg) {
  int t = (int)(intptr_t)arg;
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) {
    __atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
    return NULL;
  }
  for (int r = 0; r < ROUNDS; r++)
    for (int k = 0; k < NSPECS * HUITU_FORMAT_LAST; k++) {
      /* Each thread starts at a different place, so different faces are
       * opened and closed at the same moment. */
      int m = (k + t * 4 + r) % (NSPECS * HUITU_FORMAT_LAST), s = m / HUITU_FORMAT_LAST, f = m % HUITU_FORMAT_LAST;
      uint64_t h;
      size_t len;
      if (render_one(ctx, s, f, &h, &len) != 0)
        __atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
      else if (h != ref_hash[s][f] || len != ref_len[s][f])
        __atomic_fetch_add(&mismatches, 1, __ATOMIC_SEQ_CST);
      __atomic_fetch_add(&renders, 1, __ATOMIC_SEQ_CST);
    }
  huitu_ctx_free(ctx);
  return NULL;
}

int main(void) {
  for (int s = 0; s < NSPECS; s++) snprintf(spec_paths[s], sizeof spec_paths[s], "%s/specs/%s", HUITU_SOURCE_DIR, spec_names[s]);
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  CHECK(ctx != NULL);
  if (!ctx) return 1;
  for (int s = 0; s < NSPECS; s++)
    for (int f = 0; f < HUITU_FORMAT_LAST; f++) {
      int rc = render_one(ctx, s, f, &ref_hash[s][f], &ref_len[s][f]);
      CHECK(rc == 0);
      CHECK(ref_len[s][f] > 1000);
    }
  huitu_ctx_free(ctx);
  pthread_t th[NTHREADS];
  for (int t = 0; t < NTHREADS; t++) CHECK(pthread_create(&th[t], NULL, thread_main, (void *)(intptr_t)t) == 0);
  for (int t = 0; t < NTHREADS; t++) pthread_join(th[t], NULL);
  CHECK(failures == 0);
  CHECK(renders == NTHREADS * ROUNDS * NSPECS * HUITU_FORMAT_LAST);
  CHECK(mismatches == 0);
  printf("%d renders on %d threads, %d differ from one thread's, %d failed\n", renders, NTHREADS, mismatches, failures);
  return testing_done("test_threads");
}
