/* Prints the scene a spec lays out (scene_dump: one item per line, kind,
 * role, box, text, fill) for tests/scene: a refactor that moves anything
 * shows up as a diff against NAME.expected.
 *   scene_dump SPEC */
#include <stdio.h>

#include "api_internal.h"
#include "base/buf.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: scene_dump SPEC\n");
    return 2;
  }
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  huitu_doc *d = huitu_doc_load_file(ctx, argv[1]);
  const scene *s = huitu_doc_status(d) == HUITU_OK ? huitu_internal_doc_scene(d) : NULL;
  int rc = 1;
  if (s) {
    buf b = {0};
    scene_dump(s, &b);
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    rc = 0;
  } else {
    char line[2048];
    for (int i = 0; i < huitu_doc_diag_count(d); i++) {
      huitu_diag_format(huitu_doc_diag(d, i), line, sizeof line);
      fprintf(stderr, "%s\n", line);
    }
  }
  huitu_doc_free(d);
  huitu_ctx_free(ctx);
  return rc;
}
