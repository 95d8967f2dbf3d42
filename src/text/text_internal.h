#ifndef HUITU_TEXT_INTERNAL_H
#define HUITU_TEXT_INTERNAL_H
#include <fontconfig/fontconfig.h>
#include <pango/pango.h>
#include <stddef.h>

#include "text/text.h"

int text_find_font_dir(char *out, size_t outlen);
/* The fontconfig pattern f was opened with (borrowed; NULL when none). */
FcPattern *text_font_pattern(const text_font *f);
/* A reference to the process's font configuration for font_dir's bundled
 * fonts (the caller destroys it), or NULL with err.  full = 0: with huitu's
 * private configuration, one that holds the bundled fonts only (a cold
 * start that draws nothing else neither reads the system's font caches nor
 * sorts its fonts); full = 1, or outside the private configuration: every
 * font.  A font found in both comes out with the same pattern. */
FcConfig *text_fc_config(const char *font_dir, int full, char *err, size_t errlen);
/* Whether the bundled-only configuration draws text exactly as the full
 * one: every family of the comma-separated list is a bundled one and every
 * bundled face has every character of text and more (NULL: none) that
 * Pango looks a font up for.  Then the full configuration's fontset has
 * the same first fonts and none of its fallbacks is ever asked. */
int text_fc_bundled_draws(const char *families, const char *text, const char *more);
/* 1 with huitu's private configuration (two tiers), 0 with the system's. */
int text_fc_tiered(void);
const char *text_families_for_lang(const char *lang);

/* Inline markup -> plain text + Pango attributes (text_markup.c).  The
 * returned text is g_malloc'ed; attrs are added to `attrs`. */
char *text_markup_parse(const char *src, PangoAttrList *attrs, double base_size);
/* Quarter-em spacing between CJK and Latin/digits (盘古之白). */
void text_autospace(const char *text, PangoAttrList *attrs, double size, double letter_spacing);
/* The gap (px) and whether the item at [off, off+len) is one character
 * followed by a CJK/Latin boundary (the character that carries the gap). */
double text_autospace_amount(double size);
int text_autospace_at(const char *text, int off, int len);

/* Kinsoku and number+unit rules as allow_breaks=FALSE ranges (text_breaks.c). */
void text_breaks_apply(const char *text, PangoAttrList *attrs);
/* With st (NULL: as text_breaks_apply) and the wrapping width (<= 0: none):
 * also keeps words, number ranges and short bracketed terms of short texts
 * whole, and the last two characters together.  defer: when the text may
 * just fit on one line, leave those word rules out and return 1; a layout
 * of the text that is one line no wider than width is then the layout with
 * them (they only take break opportunities away, and a line that fits is
 * never broken), otherwise lay out again without defer.  The rules need
 * ICU's dictionary, whose first use costs more than the whole rest of a
 * cold start's text.  Returns 0 when nothing was left out. */
int text_breaks_apply_style(const char *text, PangoAttrList *attrs, const text_style *st, double width, int defer);
/* The word rules on top of text_breaks_mark (the same nb). */
/* la: Pango's log attrs of the text (n + 1; NULL = unknown). */
void text_breaks_mark_words(const gunichar *c, int n, const PangoLogAttr *la, const text_style *st, double width,
                            unsigned char *nb);
/* nb[i] = 1: no line break before character i (c has n code points). */
void text_breaks_mark(const gunichar *c, int n, unsigned char *nb);
int text_is_no_start(gunichar c);
int text_is_no_end(gunichar c);
int text_is_fw_punct(gunichar c);
/* `halt` on the first (closing) or second (opening) of adjacent
 * full-width punctuation marks; on one mark at [start, end). */
void text_punct_compress_pairs(const char *text, PangoAttrList *attrs);
void text_punct_compress_at(PangoAttrList *attrs, int start, int end);
#endif
