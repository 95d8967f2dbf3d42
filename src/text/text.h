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

/* Full-width punctuation (标点挤压).  AUTO (the zero value): adjacent marks
 * such as 」。 or ），「 are set in 1.5 em instead of 2 (the font's `halt`
 * forms), as clreq and JIS X 4051 prescribe.  NONE: every mark a full em.
 * COMPRESS: AUTO, plus opening brackets at the start of a line and closing
 * marks at the end of a line set half-width. */
typedef enum { TEXT_PUNCT_AUTO, TEXT_PUNCT_NONE, TEXT_PUNCT_COMPRESS, TEXT_PUNCT_LAST } text_punct;

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
  int punctuation;    /* text_punct */
  /* 竖排: columns top to bottom, stacked right to left; CJK upright with
   * the font's vertical forms (vert), Latin and half-width digits turned
   * 90° clockwise.  `width` in text_layout() is then the column length. */
  int vertical;
  /* 縦中横 in vertical text: runs of up to this many half-width digits
   * standing alone set upright in one em (0 = 2, as JLREQ; at most 4;
   * -1 = none). */
  int tcy;
  /* A font family to use first (config.font, a chart's labelFont…); the
   * lang's own families follow it for what it lacks.  NULL: the lang's. */
  const char *family;
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
 * text_engine_flush(), text_engine_trim() or text_engine_free().  A scene
 * keeps its own copy (scene_text); the fonts its runs point at live until
 * text_engine_free().
 *
 * Vertical boxes (style->vertical) are in page orientation already: width
 * is the width of the stack of columns, height the column length, and the
 * glyph positions and fonts (whose matrices carry the rotation) draw the
 * text upright with no rotation of the scene item.  Their lines are the
 * columns, right to left: x is the column's centre line, baseline its top
 * and width its length; ascent is the distance from the right edge to the
 * first column's centre line. */
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
  int vertical;
  /* Work bounds (text_layout): the longest run without a line-break
   * opportunity that was cut to TEXT_WORD_MAX characters, and the most
   * combining marks on one character beyond TEXT_MARKS_MAX (dropped);
   * 0 when nothing was cut.  A warning at the text's location says so. */
  int word_cut, marks_cut;
} text_box;

/* Pango breaks a line inside a long word in time proportional to the rest
 * of the word, and shapes a character with thousands of combining marks in
 * quadratic time (a 60,000-letter word took 3.3 s, 20,000 marks 1.7 s).
 * Longer runs are cut in the middle (first and last halves joined by an
 * ellipsis); marks after the 30th on a character are dropped (the limit of
 * Unicode's stream-safe text format, UAX #15). */
#define TEXT_WORD_MAX 1000
#define TEXT_MARKS_MAX 30

/* font_dir: the bundled fonts' folder (NULL = find it: $HUITU_FONT_PATH,
 * the build tree, the install prefix).  NULL result with err on failure. */
text_engine *text_engine_new(const char *font_dir, char *err, size_t errlen);
void text_engine_free(text_engine *e); /* NULL is a no-op */
/* Drop cached layouts: every text_box handed out so far is freed (never
 * call it while a layout still holds boxes; scenes hold copies).  Fonts
 * stay. */
void text_engine_flush(text_engine *e);
/* Flush when the cached layouts (and the ones laid out while the cache was
 * full or a census ran) take more than the cache's cap; returns whether it
 * did.  Call between layouts: it bounds the engine's memory. */
int text_engine_trim(text_engine *e);
/* The cap, 64 MB by default (0 = the default); tests set a small one. */
void text_engine_set_cache_max(text_engine *e, size_t bytes);
const char *text_engine_font_dir(const text_engine *e);
/* For a program that owns its process (the huitu command line): make the
 * private font configuration fontconfig's current one, so cairo and Pango
 * do not load the system configuration again.  Call before the first
 * engine.  A library embedded in someone else's program must not: it would
 * replace the host's configuration. */
void text_fonts_claim_process(void);

/* Lay out utf8 in style, wrapping at width px (<= 0: no wrapping); with
 * max_lines > 0 the text is cut with an ellipsis after that many lines.
 * Missing glyphs are an error at loc, fallback fonts a warning (reported on
 * every call, also when the layout came from the cache). */
const text_box *text_layout(text_engine *e, const char *utf8, const text_style *style, double width,
                            int max_lines, src_loc loc, diag_list *d);
/* Width of the widest unbreakable piece (a word, a number with its unit). */
double text_min_width(text_engine *e, const char *utf8, const text_style *style);

/* Shrink to fit: the layout at the largest size in [min_size, max_size]
 * (style->size is ignored) whose box fits width x height (<= 0: no limit
 * in that direction; width is also the wrapping width), found by measuring
 * (binary search to 1/8 px).  When nothing fits, the box at min_size.
 * *size_out (optional) gets the size used, *fits whether it fits. */
const text_box *text_fit(text_engine *e, const char *utf8, const text_style *style, double width,
                         double height, double min_size, double max_size, int max_lines, src_loc loc,
                         diag_list *d, double *size_out, int *fits);

/* A label in a single vertical column (Y-axis titles in Chinese: upright
 * characters stacked top to bottom).  Same as text_layout() with
 * style->vertical set and no wrapping; place it with scene_text() at its
 * top-left like any box (no rotate). */
const text_box *text_layout_vertical_label(text_engine *e, const char *utf8, const text_style *style,
                                           src_loc loc, diag_list *d);

/* Whether fontconfig (bundled fonts first, then the system's) has a font
 * of this family (case-insensitive; aliases such as "sans-serif" count as
 * installed).  For a warning when a spec names a font the machine lacks. */
int text_family_available(text_engine *e, const char *family);
/* The family a style naming `family` draws with, into out: the family
 * itself when installed, under the name fontconfig gives it first (the one
 * glyph runs carry, text_font_family); a generic name (serif, monospace,
 * sans-serif) as the family it stands for in lang (NULL = zh-CN: serif is
 * a CJK serif when one is installed).  Returns 0 (out "") when the machine
 * lacks the family. */
int text_family_resolve(text_engine *e, const char *family, const char *lang, char *out, size_t n);
/* The family text in lang falls back to when a style's family is missing:
 * the first installed of the lang's own (Huitu Sans SC for Chinese). */
void text_lang_family(text_engine *e, const char *lang, char *out, size_t n);

/* A spec's font value (a family, or a CSS-like list "A, 'B C', serif") as
 * the families a text style names first (text_style.family), into out:
 * each installed family in order, a generic serif or monospace as the
 * family it stands for in lang, up to a generic sans-serif (huitu's own
 * sans: the lang's fonts, which follow every list anyway).  "" when the
 * list starts with a generic sans.  Returns 0 when it names nothing
 * installed (out ""): draw in the lang's fonts and text_font_list_warn. */
int text_font_list_resolve(text_engine *te, const char *fonts, const char *lang, char *out, size_t n);
/* "font 'X' is not installed here; using Huitu Sans SC" at loc, once per
 * value in d (a spec's records). */
void text_font_list_warn(text_engine *te, const char *fonts, const char *lang, src_loc loc, diag_list *d);

/* Which font draws each character (huitu check --fonts).  For every
 * distinct character of utf8 in lang (NULL = zh-CN), in order of first
 * appearance, calls fn with the family and file of the font that draws it
 * (NULL when none does) and its status: PRIMARY = the first family for
 * the lang (text_families_for_lang), FALLBACK = another font (a later
 * family in the list, e.g. the SC bundle for ja when Noto CJK JP is not
 * installed, or a system font), MISSING = no font (tofu).  Whitespace and
 * control characters are not listed.  Returns the number of characters that are not
 * TEXT_FONT_PRIMARY. */
typedef enum { TEXT_FONT_PRIMARY, TEXT_FONT_FALLBACK, TEXT_FONT_MISSING } text_font_status;
typedef void (*text_font_report_fn)(void *ud, uint32_t ch, const char *lang, const char *family,
                                    const char *file, text_font_status status);
int text_font_report(text_engine *e, const char *utf8, const char *lang, text_font_report_fn fn, void *ud);
/* The same for everything the engine lays out from now on (e.g. a whole
 * document's render): text_engine_census_start() then, after layout,
 * text_engine_census_report() (each character once per lang). */
void text_engine_census_start(text_engine *e);
int text_engine_census_report(text_engine *e, text_font_report_fn fn, void *ud);
void text_engine_census_stop(text_engine *e); /* forget it, stop recording */

/* For backends. */
const char *text_font_family(const text_font *f);
const char *text_font_file(const text_font *f);
double text_font_size(const text_font *f);
int text_font_weight(const text_font *f);
int text_font_id(const text_font *f); /* stable within one engine */
#endif
