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

#include "scene/scene_load.h"
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
  scene_load l;
  const scene *s = scene_load_file(&l, argv[1]);
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
  }
  scene_load_done(&l);
  return s ? 0 : 1;
}
