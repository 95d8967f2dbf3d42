/* The laid-out scene of a spec file, for the small tools that print parts
 * of it (scene_dump, frames_probe): loaded through the public API as
 * every render loads it.  On errors the spec's diagnostics go to stderr
 * and NULL is returned.  The scene is owned by the loaded doc: valid
 * until scene_load_done, which frees the doc and the context (NULL-safe). */
#ifndef HUITU_TESTS_SCENE_LOAD_H
#define HUITU_TESTS_SCENE_LOAD_H
#include <stdio.h>

#include "api_internal.h"

typedef struct scene_load {
  huitu_ctx *ctx;
  huitu_doc *doc;
} scene_load;

static inline const scene *scene_load_file(scene_load *l, const char *path) {
  char err[512];
  l->doc = NULL;
  l->ctx = huitu_ctx_new(err, sizeof err);
  if (!l->ctx) {
    fprintf(stderr, "%s\n", err);
    return NULL;
  }
  l->doc = huitu_doc_load_file(l->ctx, path);
  const scene *s = huitu_doc_status(l->doc) == HUITU_OK ? huitu_internal_doc_scene(l->doc) : NULL;
  if (!s) {
    char line[2048];
    for (int i = 0; i < huitu_doc_diag_count(l->doc); i++) {
      huitu_diag_format(huitu_doc_diag(l->doc, i), line, sizeof line);
      fprintf(stderr, "%s\n", line);
    }
  }
  return s;
}

static inline void scene_load_done(scene_load *l) {
  huitu_doc_free(l->doc);
  huitu_ctx_free(l->ctx);
}
#endif
