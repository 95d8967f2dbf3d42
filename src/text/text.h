/* Text: the one module that talks to Pango and fontconfig.  Layout gets
 * sizes and shaped glyph runs from here; it never sees a Pango type.
 *
 * A text_engine owns a private fontconfig configuration (bundled fonts
 * first, system fonts as fallback), a Pango font map and a cache of laid-out
 * strings.  Engines are not thread-safe: one per thread. */
#ifndef HUITU_TEXT_TEXT_H
#define HUITU_TEXT_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

typedef struct text_engine text_engine;
typedef struct text_font text_font; /* owned by the engine; see text_font_* */

typedef enum { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT, TEXT_JUSTIFY, TEXT_ALIGN_LAST } text_align;

typedef struct text_style {
  const char *lang;   /* BCP 47 (zh-CN, zh-TW, zh-HK, ja, ko, en); NULL = zh-CN */
  double size;        /* px */
  int weight;         /* 400 regular, 700 bold */
  uint32_t color;     /* 0xRRGGBBAA */
  text_align align;
  double line_height; /* multiple of size; 0 = natural */
  int markup;         /* interpret huitu's inline markup (see text_markup.c) */
  int autospace;      /* quarter-em gap between CJK and Latin/digits */
  double letter_spacing; /* px */
} text_style;

typedef struct text_glyph {
  uint32_t id;
  float x, y; /* origin, relative to the box's top-left */
} text_glyph;

typedef struct text_run {
  const text_font *font;
  uint32_t color;
  int n;
  text_glyph *glyphs;
  int start, len; /* the UTF-8 bytes this run covers */
} text_run;

typedef struct text_line {
  double x, baseline, width; /* logical, relative to the box */
  int start, len;            /* UTF-8 bytes of the source */
} text_line;

/* A laid-out string.  Owned by the engine's cache: valid until
 * text_engine_flush() or text_engine_free(). */
typedef struct text_box {
  double width, height; /* logical size: what layout reserves */
  double ink_x, ink_y, ink_w, ink_h;
  double ascent;        /* first baseline from the top */
  int nlines;
  text_line *lines;
  int nruns;
  text_run *runs;
  const char *text;     /* plain text (markup removed) */
  int ellipsized;
  /* Characters no font has (tofu), and ones drawn by a fallback font. */
  uint32_t missing_char;
  uint32_t fallback_char;
  const char *fallback_family;
} text_box;

/* font_dir: the bundled fonts' folder (NULL = find it: $HUITU_FONT_PATH,
 * the build tree, the install prefix).  NULL result with err on failure. */
text_engine *text_engine_new(const char *font_dir, char *err, size_t errlen);
void text_engine_free(text_engine *e); /* NULL is a no-op */
/* Drop cached layouts (the cache also trims itself when it grows large). */
void text_engine_flush(text_engine *e);
const char *text_engine_font_dir(const text_engine *e);

/* Lay out utf8 in style, wrapping at width px (<= 0: no wrapping); with
 * max_lines > 0 the text is cut with an ellipsis after that many lines.
 * Missing glyphs are an error at loc, fallback fonts a warning (reported on
 * every call, also when the layout came from the cache). */
const text_box *text_layout(text_engine *e, const char *utf8, const text_style *style, double width,
                            int max_lines, src_loc loc, diag_list *d);
/* Width of the widest unbreakable piece (a word, a number with its unit). */
double text_min_width(text_engine *e, const char *utf8, const text_style *style);

/* For backends. */
const char *text_font_family(const text_font *f);
const char *text_font_file(const text_font *f);
double text_font_size(const text_font *f);
int text_font_weight(const text_font *f);
int text_font_id(const text_font *f); /* stable within one engine */
#endif
