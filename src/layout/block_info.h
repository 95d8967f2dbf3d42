/* Helpers shared by the infographic blocks (compare, progress, pictogram,
 * table, callout, image, group). */
#ifndef HUITU_LAYOUT_BLOCK_INFO_H
#define HUITU_LAYOUT_BLOCK_INFO_H
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart/numfmt.h"
#include "layout/blocks.h"

/* A text box for a computed string (no source location). */
static inline const text_box *info_text(layout_ctx *c, const block_model *b, const char *s, double size, int bold,
                                        uint32_t color, double width, text_align align) {
  if (!s || !*s) return NULL;
  text_style st = layout_style(c, layout_block_lang(c, b), size, bold, color);
  st.align = align;
  spec_text t = {s, {0}};
  return layout_text(c, &t, &st, width, 0);
}

/* A spec string (located: a missing glyph is reported at its line). */
static inline const text_box *info_spec_text(layout_ctx *c, const block_model *b, const spec_text *t, double size,
                                             int bold, uint32_t color, double width, text_align align, int markup) {
  if (!t || !t->s || !*t->s) return NULL;
  text_style st = layout_style(c, layout_block_lang(c, b), size, bold, color);
  st.align = align;
  st.markup = markup;
  return layout_text(c, t, &st, width, 0);
}

/* A number as written, or through a d3 format; errors go to the format's
 * location once per layout pass. */
static inline const char *info_number(layout_ctx *c, const spec_text *format, double v, const char *written) {
  if (format && format->s) {
    numfmt f;
    char err[128], out[64];
    if (numfmt_parse(format->s, &f, err, sizeof err) == 0) {
      numfmt_format(&f, v, out, sizeof out);
      return arena_strdup(c->a, out);
    }
    diag_spec_error(c->d, format->loc, "invalid number format '%s': %s", format->s, err);
  }
  if (written) return written;
  char out[64];
  numfmt_format(NULL, v, out, sizeof out);
  return arena_strdup(c->a, out);
}

/* Where a box goes in a column x..x+w: text boxes are as wide as their
 * longest line, so alignment inside a wider column is done here. */
static inline double info_align_x(const text_box *t, double x, double w, int align) {
  if (!t) return x;
  if (align == TEXT_RIGHT) return x + w - t->width;
  if (align == TEXT_CENTER) return x + (w - t->width) / 2;
  return x;
}

static inline uint32_t info_color(uint32_t given, uint32_t dflt) { return (given & 0xff) ? given : dflt; }
#endif
