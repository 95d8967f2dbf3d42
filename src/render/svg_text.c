/* Text as editable <text> elements (svg_internal.h). */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "render/svg_internal.h"
#include "text/text_cairo.h"

static const char *const FALLBACK_FAMILIES[] = {
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "sans-serif", NULL,
};
/* After a serif face (theme titleFont, config.font: a 宋体/Song/Ming/Mincho
 * design) a viewer lacking it should fall back to a serif, not a sans. */
static const char *const SERIF_FALLBACK_FAMILIES[] = {
    "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "serif", NULL,
};

/* ASCII case-insensitive substring (UTF-8 bytes above 0x7f compare as is). */
static int contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i])) i++;
    if (i == n) return 1;
  }
  return 0;
}

static int family_is_serif(const char *fam) {
  static const char *const marks[] = {"serif", "song", "ming", "mincho", "myeongjo", "batang", "宋", "明朝", NULL};
  if (!fam) return 0;
  if (contains_ci(fam, "sans")) return 0; /* "Noto Sans" is not a serif */
  for (int i = 0; marks[i]; i++)
    if (contains_ci(fam, marks[i])) return 1;
  return 0;
}

/* One family name for a font-family attribute: quoted when it has spaces;
 * quotes and backslashes dropped (they would need CSS escapes). */
static void put_family(buf *b, const char *fam) {
  int quote = strchr(fam, ' ') != NULL;
  if (quote) buf_putc(b, '\'');
  char tmp[256] = "";
  size_t n = 0;
  for (const char *p = fam; *p && n + 1 < sizeof tmp; p++)
    if (*p != '\'' && *p != '"' && *p != '\\') tmp[n++] = *p;
  svg_put_esc_n(b, tmp, n, 1);
  if (quote) buf_putc(b, '\'');
}

static void put_font_family(buf *b, const text_font *f) {
  const char *fam = f ? text_font_family(f) : NULL;
  buf_puts(b, " font-family=\"");
  int first = 1;
  if (fam && *fam) {
    put_family(b, fam);
    first = 0;
  }
  const char *const *fallback = family_is_serif(fam) ? SERIF_FALLBACK_FAMILIES : FALLBACK_FAMILIES;
  for (size_t i = 0; fallback[i]; i++) {
    if (fam && strcmp(fam, fallback[i]) == 0) continue;
    if (!first) buf_puts(b, ", ");
    put_family(b, fallback[i]);
    first = 0;
  }
  buf_putc(b, '"');
}

static void put_font_weight(buf *b, int w) {
  if (w == 700)
    buf_puts(b, " font-weight=\"bold\"");
  else if (w == 400 || w <= 0)
    buf_puts(b, " font-weight=\"normal\"");
  else
    buf_printf(b, " font-weight=\"%d\"", w);
}

static const char *font_family_or_empty(const text_font *f) {
  const char *s = f ? text_font_family(f) : NULL;
  return s ? s : "";
}

/* Whether run a's font is drawn like run b's (family, size, weight). */
static int same_font(const text_font *a, const text_font *b) {
  if (a == b) return 1;
  if (!a || !b) return 0;
  return text_font_size(a) == text_font_size(b) && text_font_weight(a) == text_font_weight(b) &&
         strcmp(font_family_or_empty(a), font_family_or_empty(b)) == 0;
}

/* Number of UTF-8 characters in s[0..n). */
static int utf8_count(const char *s, int n) {
  int c = 0;
  for (int i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xc0) != 0x80) c++;
  return c;
}

/* The run covering byte pos, or -1; *next = start of the nearest run after pos. */
static int run_at(const text_box *t, int pos, int *next) {
  *next = INT32_MAX;
  for (int r = 0; r < t->nruns; r++) {
    const text_run *run = &t->runs[r];
    if (pos >= run->start && pos < run->start + run->len) return r;
    if (run->start > pos && run->start < *next) *next = run->start;
  }
  return -1;
}

/* Text as real <text> elements, one per line, <tspan> where a run differs
 * from the line's first run. */
void svg_text_elements(buf *b, const sc_item *it, const render_style *st) {
  const text_box *t = it->text;
  const char *src = t->text ? t->text : "";
  int srclen = (int)strlen(src);
  double op = st->opacity;
  int grouped = st->rotate != 0;
  if (grouped) {
    buf_puts(b, "<g");
    svg_put_rotate(b, it, st);
    buf_puts(b, ">\n");
  }
  for (int li = 0; li < t->nlines; li++) {
    const text_line *ln = &t->lines[li];
    int ls = ln->start, le = ln->start + ln->len;
    if (ls < 0) ls = 0;
    if (le > srclen) le = srclen;
    /* Trim the line break. */
    for (;;) {
      if (le > ls && (src[le - 1] == '\n' || src[le - 1] == '\r'))
        le--;
      else if (le - 3 >= ls && (unsigned char)src[le - 3] == 0xe2 && (unsigned char)src[le - 2] == 0x80 &&
               ((unsigned char)src[le - 1] == 0xa8 || (unsigned char)src[le - 1] == 0xa9))
        le -= 3;
      else
        break;
    }
    if (le <= ls) continue;
    /* The line's main run: the first one with glyphs inside the line. */
    const text_run *main = NULL;
    for (int r = 0; r < t->nruns && !main; r++) {
      const text_run *run = &t->runs[r];
      if (run->start < le && run->start + run->len > ls && run->n > 0) main = run;
    }
    if (!main) {
      for (int r = 0; r < t->nruns && !main; r++)
        if (t->runs[r].start < le && t->runs[r].start + t->runs[r].len > ls) main = &t->runs[r];
    }
    if (!main && t->nruns) main = &t->runs[0];
    uint32_t mcolor = main ? main->color : 0x000000ffu;
    const text_font *mfont = main ? main->font : NULL;

    int preserve = src[ls] == ' ' || src[ls] == '\t' || src[le - 1] == ' ' || src[le - 1] == '\t';
    for (int i = ls; i + 1 < le && !preserve; i++)
      if (src[i] == ' ' && src[i + 1] == ' ') preserve = 1;

    buf_puts(b, "<text");
    svg_put_attr_num(b, "x", it->x + ln->x, SVG_COORD);
    svg_put_attr_num(b, "y", it->y + ln->baseline, SVG_COORD);
    put_font_family(b, mfont);
    if (mfont) {
      svg_put_attr_num(b, "font-size", text_font_size(mfont), 2);
      put_font_weight(b, text_font_weight(mfont));
    }
    if (mcolor & 0xff)
      svg_put_paint(b, "fill", mcolor, op);
    else
      buf_puts(b, " fill=\"none\"");
    if (preserve) buf_puts(b, " xml:space=\"preserve\"");
    buf_putc(b, '>');

    for (int pos = ls; pos < le;) {
      int next, r = run_at(t, pos, &next);
      int end = r >= 0 ? t->runs[r].start + t->runs[r].len : next;
      if (end > le) end = le;
      if (end <= pos) end = le;
      const text_run *run = r >= 0 ? &t->runs[r] : NULL;
      /* Pango's ellipsis run covers the elided characters but draws one
       * glyph ("…"): write what is drawn. */
      int ellipsis = t->ellipsized && run && run->n == 1 && utf8_count(src + run->start, run->len) > 1;
      int differs = run && (run->color != mcolor || !same_font(run->font, mfont));
      if (differs) {
        buf_puts(b, "<tspan");
        if (!same_font(run->font, mfont) && run->font) {
          if (strcmp(font_family_or_empty(run->font), font_family_or_empty(mfont)) != 0)
            put_font_family(b, run->font);
          if (!mfont || text_font_size(run->font) != text_font_size(mfont))
            svg_put_attr_num(b, "font-size", text_font_size(run->font), 2);
          if (!mfont || text_font_weight(run->font) != text_font_weight(mfont))
            put_font_weight(b, text_font_weight(run->font));
        }
        if (run->color != mcolor) {
          if (run->color & 0xff)
            svg_put_paint(b, "fill", run->color, op);
          else
            buf_puts(b, " fill=\"none\"");
        }
        buf_putc(b, '>');
      }
      if (ellipsis)
        buf_puts(b, "\xe2\x80\xa6");
      else
        svg_put_esc_n(b, src + pos, (size_t)(end - pos), 1);
      if (differs) buf_puts(b, "</tspan>");
      pos = end;
    }
    buf_puts(b, "</text>\n");
  }
  if (grouped) buf_puts(b, "</g>\n");
}

