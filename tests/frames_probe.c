/* Prints what tests/frames_check.py measures on a laid-out page: the page
 * size, then one line per text item -- its role, the smallest and largest
 * font size of its runs (px), its box and its first baseline:
 *   page W H
 *   text ROLE MIN MAX X Y W H BASELINE "TEXT"
 * Laid out through the same API as every render (the scene a PNG, SVG or
 * PDF is drawn from).  Exit 1 with the spec's diagnostics when it has
 * errors.
 *   frames_probe SPEC */
#include <math.h>
#include <stdio.h>

#include "api_internal.h"
#include "text/text.h"

static void print_quoted(const char *s) {
  putchar('"');
  for (; s && *s; s++) {
    if (*s == '"' || *s == '\\') putchar('\\');
    putchar(*s == '\n' ? ' ' : *s);
  }
  putchar('"');
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: frames_probe SPEC\n");
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
    printf("page %.2f %.2f\n", s->width, s->height);
    for (int i = 0; i < s->n; i++) {
      const sc_item *it = &s->items[i];
      if (it->kind != SC_TEXT || !it->text) continue;
      double lo = INFINITY, hi = 0;
      for (int r = 0; r < it->text->nruns; r++) {
        const text_run *run = &it->text->runs[r];
        if (!run->n || !run->font) continue;
        double z = text_font_size(run->font);
        lo = z < lo ? z : lo;
        hi = z > hi ? z : hi;
      }
      if (hi == 0) continue; /* no glyphs */
      printf("text %s %.2f %.2f %.2f %.2f %.2f %.2f %.2f ", it->role ? it->role : "-", lo, hi, it->x, it->y, it->w,
             it->h, it->y + it->text->ascent);
      print_quoted(it->text->text);
      putchar('\n');
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
