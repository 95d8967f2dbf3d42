/* Prints the guide texts of the scene a Vega-Lite spec lays out, for the
 * fidelity test (compare.py): one line per visible label, "x", "y" or
 * "legend", a tab, the label's text (lines joined by a space).
 *   fid_dump SPEC */
#include <stdio.h>
#include <string.h>

#include "api_internal.h"
#include "scene/scene.h"

static void put(const char *kind, const char *t) {
  fputs(kind, stdout);
  putchar('\t');
  for (; *t; t++) putchar(*t == '\n' ? ' ' : *t);
  putchar('\n');
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: fid_dump SPEC\n");
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
    for (int i = 0; i < s->n; i++) {
      const sc_item *it = &s->items[i];
      if (it->kind != SC_TEXT || !it->role) continue;
      if (!strcmp(it->role, "axis.x.label")) put("x", it->text->text);
      else if (!strcmp(it->role, "axis.y.label")) put("y", it->text->text);
      else if (!strcmp(it->role, "legend.label")) put("legend", it->text->text);
    }
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
