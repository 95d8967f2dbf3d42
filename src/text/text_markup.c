/* huitu's inline markup for text blocks — small on purpose, so it can be
 * written in YAML without escaping and never needs an HTML-like parser:
 *
 *   **粗体**                 bold
 *   [文字]{#c0392b}          colour (hex or CSS name)
 *   [文字]{1.5x}             size, relative to the paragraph
 *   [文字]{#c0392b 1.5x bold} several at once
 *   \* \[ \] \\              a literal character
 *
 * Everything else is plain text.  Attributes are byte ranges over the
 * plain text, which is what Pango wants. */
#include <glib.h>
#include <math.h>
#include <pango/pango.h>
#include <stdlib.h>
#include <string.h>

#include "base/colors.h"
#include "text/text_internal.h"

static void apply_style(const char *spec, size_t n, PangoAttrList *attrs, guint start, guint end,
                        double base_size) {
  char tmp[128];
  if (n >= sizeof tmp) n = sizeof tmp - 1;
  memcpy(tmp, spec, n);
  tmp[n] = 0;
  for (char *tok = strtok(tmp, " ,"); tok; tok = strtok(NULL, " ,")) {
    PangoAttribute *a = NULL;
    uint32_t c;
    size_t tl = strlen(tok);
    if (!strcmp(tok, "bold")) {
      a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    } else if (tl > 1 && tok[tl - 1] == 'x') {
      double f = strtod(tok, NULL);
      if (f > 0.1 && f < 10) a = pango_attr_size_new_absolute((int)(base_size * f * PANGO_SCALE));
    } else if (color_parse(tok, &c) == 0) {
      a = pango_attr_foreground_new((guint16)(((c >> 24) & 255) * 257), (guint16)(((c >> 16) & 255) * 257),
                                    (guint16)(((c >> 8) & 255) * 257));
    }
    if (a) {
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert(attrs, a);
    }
  }
}

char *text_markup_parse(const char *src, PangoAttrList *attrs, double base_size) {
  GString *out = g_string_sized_new(strlen(src));
  guint bold_start = 0;
  int in_bold = 0;
  /* Open '[' positions; nesting is allowed but kept shallow. */
  guint open[16];
  int nopen = 0;
  for (const char *p = src; *p;) {
    if (p[0] == '\\' && p[1] && strchr("*[]\\{}", p[1])) {
      g_string_append_c(out, p[1]);
      p += 2;
    } else if (p[0] == '*' && p[1] == '*') {
      if (!in_bold) {
        bold_start = (guint)out->len;
      } else {
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = bold_start;
        a->end_index = (guint)out->len;
        pango_attr_list_insert(attrs, a);
      }
      in_bold = !in_bold;
      p += 2;
    } else if (p[0] == '[' && nopen < 16) {
      open[nopen++] = (guint)out->len;
      p++;
    } else if (p[0] == ']' && nopen > 0 && p[1] == '{' && strchr(p, '}')) {
      const char *close = strchr(p, '}');
      apply_style(p + 2, (size_t)(close - p - 2), attrs, open[--nopen], (guint)out->len, base_size);
      p = close + 1;
    } else {
      g_string_append_c(out, *p);
      p++;
    }
  }
  return g_string_free(out, FALSE);
}

static int is_cjk(gunichar c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static int is_latin_or_digit(gunichar c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= 0xC0 && c <= 0x24F);
}

static int is_boundary(gunichar a, gunichar b) {
  return (is_cjk(a) && is_latin_or_digit(b)) || (is_latin_or_digit(a) && is_cjk(b));
}

double text_autospace_amount(double size) { return size * 0.25; }

int text_autospace_at(const char *text, int off, int len) {
  const char *p = text + off;
  if (!*p) return 0;
  const char *next = g_utf8_next_char(p);
  if (next - p != len || !*next) return 0;
  return is_boundary(g_utf8_get_char(p), g_utf8_get_char(next));
}

/* 盘古之白: a quarter em between CJK and Latin/digits, as letter-spacing on
 * the character before the boundary, so the string itself is unchanged.
 * Pango spreads a letter-spacing half before and half after the spaced
 * character; extract() moves the character back so the whole gap is at
 * the boundary (see text.c). */
void text_autospace(const char *text, PangoAttrList *attrs, double size, double letter_spacing) {
  const char *p = text;
  gunichar prev = 0;
  const char *prev_at = NULL;
  while (*p) {
    gunichar c = g_utf8_get_char(p);
    if (prev_at && is_boundary(prev, c)) {
      /* Odd on purpose: Pango rounds the halves of a letter-spacing that is
       * a whole number of pixels to whole pixels (3 + 2 for 5px), and
       * extract() relies on two equal halves. */
      PangoAttribute *a = pango_attr_letter_spacing_new(
          (int)lround((text_autospace_amount(size) + letter_spacing) * PANGO_SCALE) | 1);
      a->start_index = (guint)(prev_at - text);
      a->end_index = (guint)(p - text);
      pango_attr_list_insert(attrs, a);
    }
    prev = c;
    prev_at = p;
    p = g_utf8_next_char(p);
  }
}
