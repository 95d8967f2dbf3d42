/* Text as editable <text> elements (svg_internal.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "render/svg_internal.h"
#include "text/text_cairo.h"

/* Fallback faces after the one huitu used, per CJK variant: the free
 * Noto/Source Han faces (Linux, and what LibreOffice bundles), then the
 * system faces of Windows and macOS.  The variant's own faces, so a viewer
 * without huitu's font still draws Simplified Chinese with SC forms (not
 * the JP forms a generic CJK fallback often gives), Korean with KR ones. */
typedef enum { CJK_SC, CJK_TC, CJK_HK, CJK_JP, CJK_KR, CJK_LAST } cjk_variant;

static const char *const SANS_FAMILIES[CJK_LAST][8] = {
    {"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei",
     "sans-serif"},
    {"Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei", "PingFang TC", "sans-serif"},
    {"Noto Sans CJK HK", "Source Han Sans HC", "Microsoft JhengHei", "PingFang HK", "sans-serif"},
    {"Noto Sans CJK JP", "Source Han Sans", "Yu Gothic", "Hiragino Sans", "Meiryo", "sans-serif"},
    {"Noto Sans CJK KR", "Source Han Sans K", "Malgun Gothic", "Apple SD Gothic Neo", "sans-serif"},
};
/* After a serif face (theme titleFont, config.font: a 宋体/Song/Ming/Mincho
 * design) a viewer lacking it should fall back to a serif, not a sans. */
static const char *const SERIF_FAMILIES[CJK_LAST][8] = {
    {"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", "STSong", "serif"},
    {"Noto Serif CJK TC", "Source Han Serif TC", "PMingLiU", "Songti TC", "serif"},
    {"Noto Serif CJK HK", "Source Han Serif HC", "PMingLiU", "Songti TC", "serif"},
    {"Noto Serif CJK JP", "Source Han Serif", "Yu Mincho", "Hiragino Mincho ProN", "MS Mincho", "serif"},
    {"Noto Serif CJK KR", "Source Han Serif K", "Batang", "AppleMyungjo", "serif"},
};
static const char *const VARIANT_LANG[CJK_LAST] = {"zh-CN", "zh-TW", "zh-HK", "ja", "ko"};

/* The variant a BCP 47 tag asks for (zh, zh-CN, zh-Hans, en...: SC). */
static cjk_variant lang_variant(const char *lang) {
  if (!lang) return CJK_SC;
  if (!strncmp(lang, "ja", 2) && (!lang[2] || lang[2] == '-')) return CJK_JP;
  if (!strncmp(lang, "ko", 2) && (!lang[2] || lang[2] == '-')) return CJK_KR;
  if (!strncmp(lang, "zh-HK", 5) || !strncmp(lang, "zh-MO", 5) || !strncmp(lang, "zh-Hant-HK", 10)) return CJK_HK;
  if (!strncmp(lang, "zh-TW", 5) || !strncmp(lang, "zh-Hant", 7)) return CJK_TC;
  return CJK_SC;
}

/* The variant a face was made for, from its name's last word (Noto Sans
 * CJK KR, Source Han Serif TC), or -1: a block in another language than
 * the page's is drawn in that language's face. */
static int family_variant(const char *fam) {
  static const char *const tags[CJK_LAST] = {" SC", " TC", " HK", " JP", " KR"};
  size_t n = fam ? strlen(fam) : 0;
  for (int v = 0; v < CJK_LAST && n >= 3; v++)
    if (!strcmp(fam + n - 3, tags[v])) return v;
  return -1;
}

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

/* ' font-family="used, fallbacks..."': the face huitu drew with first
 * (LibreOffice uses only the first name of the list), then v's faces. */
static void put_font_family(buf *b, const text_font *f, cjk_variant v) {
  const char *fam = f ? text_font_family(f) : NULL;
  buf_puts(b, " font-family=\"");
  int first = 1;
  if (fam && *fam) {
    put_family(b, fam);
    first = 0;
  }
  const char *const *fallback = family_is_serif(fam) ? SERIF_FAMILIES[v] : SANS_FAMILIES[v];
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

/* Where a run's characters go (run_char_x): x[k] relative to the box, and
 * cl[k] the number of characters of the cluster starting at character k:
 * 1 for a character with glyphs of its own, k > 1 for the first of a
 * ligature's k characters, 0 for the others. */
typedef struct char_place {
  double *x;
  int *cl;
} char_place;

/* Pairs the run's characters with its glyphs where they are not one to
 * one: each character's nominal glyph (the font's character map, through
 * cairo) is looked for among the shaped glyphs; a stretch that does not
 * match is read as substitutions, a ligature or a decomposition, whichever
 * makes the next pair match again.  0 when no such reading fits. */
static int align_clusters(const text_run *run, const char *utf8, int nch, char_place *cp) {
  cairo_scaled_font_t *sf = run->font ? text_font_cairo(run->font) : NULL;
  if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) return 0;
  cairo_glyph_t *nom = NULL;
  int nnom = 0;
  if (cairo_scaled_font_text_to_glyphs(sf, 0, 0, utf8, run->len, &nom, &nnom, NULL, NULL, NULL) !=
          CAIRO_STATUS_SUCCESS ||
      nnom != nch) {
    cairo_glyph_free(nom);
    return 0;
  }
  const text_glyph *g = run->glyphs;
  int i = 0, j = 0, ok = 1;
  while (ok && i < nch && j < run->n) {
    if (nom[i].index == g[j].id) {
      cp->cl[i] = 1;
      cp->x[i++] = g[j++].x;
      continue;
    }
    /* The next k characters and glyphs pair up again after: k variants
     * (proportional digits, vertical or locale forms), a ligature of k
     * characters, or one character drawn with k glyphs. */
    int found = 0;
    for (int k = 1; k <= 8 && !found; k++) {
      if (i + k <= nch && j + k <= run->n && (i + k == nch) == (j + k == run->n) &&
          (i + k == nch || nom[i + k].index == g[j + k].id)) {
        for (int m = 0; m < k; m++) {
          cp->cl[i] = 1;
          cp->x[i++] = g[j++].x;
        }
        found = 1;
      } else if (i + k <= nch && j + 1 <= run->n && (i + k == nch) == (j + 1 == run->n) &&
                 (i + k == nch || nom[i + k].index == g[j + 1].id)) {
        for (int m = 0; m < k; m++) {
          cp->cl[i + m] = m ? 0 : k;
          cp->x[i + m] = g[j].x;
        }
        i += k;
        j += 1;
        found = 1;
      } else if (j + k <= run->n && i + 1 <= nch && (i + 1 == nch) == (j + k == run->n) &&
                 (i + 1 == nch || nom[i + 1].index == g[j + k].id)) {
        cp->cl[i] = 1;
        cp->x[i++] = g[j].x;
        j += k;
        found = 1;
      }
    }
    ok = found;
  }
  /* Spaces at the end of a line may have no glyph: after the last one. */
  if (ok && i < nch && j == run->n && j > 0) {
    cairo_glyph_t last = {g[j - 1].id, 0, 0};
    cairo_text_extents_t ext;
    cairo_scaled_font_glyph_extents(sf, &last, 1, &ext);
    for (; i < nch && utf8[run->len - (nch - i)] == ' '; i++) {
      cp->cl[i] = 1;
      cp->x[i] = g[j - 1].x + ext.x_advance;
    }
  }
  cairo_glyph_free(nom);
  return ok && i == nch && j == run->n;
}

/* Where each character of the run goes (run->len entries in cp): 1 when
 * every character has its place.  0 when not (a character some viewer
 * counts differently, glyphs that do not pair with the characters): then
 * only the run's start is given and the viewer lays out the rest. */
static int run_char_x(const text_box *t, const text_run *run, char_place *cp) {
  if (run->n <= 0 || run->start < 0 || run->len <= 0) return 0;
  const unsigned char *p = (const unsigned char *)t->text + run->start;
  int nch = 0;
  for (int i = 0; i < run->len;) {
    uint32_t c;
    int len = svg_utf8_next(p + i, (size_t)(run->len - i), &c);
    /* Only characters every viewer counts alike: one UTF-16 unit, and
     * none that XML escaping drops or changes. */
    if (c == 0xfffd || c > 0xffff || c < 0x20 || c == 0xfffe || c == 0xffff) return 0;
    nch++;
    i += len;
  }
  if (nch == run->n) {
    for (int k = 0; k < nch; k++) {
      cp->x[k] = run->glyphs[k].x;
      cp->cl[k] = 1;
    }
    return 1;
  }
  return align_clusters(run, (const char *)p, nch, cp);
}

/* What the <tspan>s of one line share. */
typedef struct line_out {
  buf *b;
  const sc_item *it;
  const text_font *mfont; /* the <text>'s */
  uint32_t mcolor;
  double op;
  cjk_variant v;
} line_out;

/* One <tspan> of run's look: n x positions for the bytes s[0..len). */
static void put_piece(const line_out *lo, const text_run *run, const double *x, int n, const char *s, size_t len) {
  buf *b = lo->b;
  buf_puts(b, "<tspan x=\"");
  for (int k = 0; k < n; k++) {
    if (k) buf_putc(b, ' ');
    buf_num(b, lo->it->x + x[k], SVG_COORD);
  }
  buf_putc(b, '"');
  if (run && run->font && !same_font(run->font, lo->mfont)) {
    if (strcmp(font_family_or_empty(run->font), font_family_or_empty(lo->mfont)) != 0) {
      int rv = family_variant(font_family_or_empty(run->font));
      put_font_family(b, run->font, rv >= 0 ? (cjk_variant)rv : lo->v);
    }
    if (!lo->mfont || text_font_size(run->font) != text_font_size(lo->mfont))
      svg_put_attr_num(b, "font-size", text_font_size(run->font), 2);
    if (!lo->mfont || text_font_weight(run->font) != text_font_weight(lo->mfont))
      put_font_weight(b, text_font_weight(run->font));
  }
  if (run && run->color != lo->mcolor) {
    if (run->color & 0xff)
      svg_put_paint(b, "fill", run->color, lo->op);
    else
      buf_puts(b, " fill=\"none\"");
  }
  buf_putc(b, '>');
  svg_put_esc_n(b, s, len, 1);
  buf_puts(b, "</tspan>");
}

/* The characters src[pos..end) of run (NULL: a gap without glyphs) as
 * <tspan>s: one with every character's x, split where a ligature is (it
 * gets its first character's x only, so the viewer can form it again).
 * Without per-character places, one <tspan> at the first glyph. */
static void put_segment(const line_out *lo, const text_run *run, int elided, int pos, int end, double line_x) {
  const char *src = lo->it->text->text;
  if (elided) { /* Pango's ellipsis run covers the elided characters but draws one glyph */
    double x = run->glyphs[0].x;
    put_piece(lo, run, &x, 1, "\xe2\x80\xa6", 3);
    return;
  }
  double first = run && run->n ? run->glyphs[0].x : line_x - lo->it->x;
  double xs_stack[64];
  int cl_stack[64];
  char_place cp = {xs_stack, cl_stack};
  int heap = run && run->len > 64;
  if (heap) {
    cp.x = xmalloc((size_t)run->len * sizeof *cp.x);
    cp.cl = xmalloc((size_t)run->len * sizeof *cp.cl);
  }
  int k0 = 0, k1 = 0, placed = run && run_char_x(lo->it->text, run, &cp);
  if (placed) {
    for (int i = run->start; i < pos; i++) k0 += ((unsigned char)src[i] & 0xc0) != 0x80;
    k1 = k0;
    for (int i = pos; i < end; i++) k1 += ((unsigned char)src[i] & 0xc0) != 0x80;
    for (int k = k0 + 1; k < k1 && placed; k++) placed = cp.x[k] >= cp.x[k - 1]; /* else right to left */
  }
  if (!placed) {
    put_piece(lo, run, &first, 1, src + pos, (size_t)(end - pos));
  } else {
    /* Walk the characters: plain ones gather into a piece, a ligature is
     * a piece of its own. */
    int k = k0, piece_k = k0, piece_pos = pos;
    for (int i = pos; i <= end; k++) {
      int next = i;
      if (i < end) {
        next++;
        while (next < end && ((unsigned char)src[next] & 0xc0) == 0x80) next++;
      }
      int lig = i < end && cp.cl[k] > 1;
      if ((i == end || lig) && k > piece_k)
        put_piece(lo, run, cp.x + piece_k, k - piece_k, src + piece_pos, (size_t)(i - piece_pos));
      if (i == end) break;
      if (lig) {
        int n = cp.cl[k], e = i;
        for (int m = 0; m < n && e < end; m++) {
          e++;
          while (e < end && ((unsigned char)src[e] & 0xc0) == 0x80) e++;
        }
        put_piece(lo, run, cp.x + k, 1, src + i, (size_t)(e - i));
        k += n - 1;
        next = e;
        piece_k = k + 1;
        piece_pos = e;
      }
      i = next;
    }
  }
  if (heap) {
    free(cp.x);
    free(cp.cl);
  }
}

/* Text as real <text> elements, one per line, its characters in <tspan>s
 * by run.  Each carries the x of its characters, so the spacing huitu set
 * (the quarter em between Chinese and Latin, justification, kerning) is
 * kept by any viewer with the font, and a viewer with another font still
 * starts every character where huitu's did. */
void svg_text_elements(buf *b, const sc_item *it, const render_style *st, const char *lang) {
  const text_box *t = it->text;
  const char *src = t->text ? t->text : "";
  int srclen = (int)strlen(src);
  cjk_variant doc_v = lang_variant(lang);
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
    int fv = family_variant(font_family_or_empty(main ? main->font : NULL));
    line_out lo = {b, it, main ? main->font : NULL, main ? main->color : 0x000000ffu, st->opacity,
                   fv >= 0 ? (cjk_variant)fv : doc_v};

    /* Spaces kept as they are: each one is a character with its x. */
    int preserve = 0;
    for (int i = ls; i < le && !preserve; i++)
      if (src[i] == ' ' || src[i] == '\t') preserve = 1;

    buf_puts(b, "<text");
    svg_put_attr_num(b, "x", it->x + ln->x, SVG_COORD);
    svg_put_attr_num(b, "y", it->y + ln->baseline, SVG_COORD);
    put_font_family(b, lo.mfont, lo.v);
    if (lo.mfont) {
      svg_put_attr_num(b, "font-size", text_font_size(lo.mfont), 2);
      put_font_weight(b, text_font_weight(lo.mfont));
    }
    if (lo.mcolor & 0xff)
      svg_put_paint(b, "fill", lo.mcolor, lo.op);
    else
      buf_puts(b, " fill=\"none\"");
    /* The language on every line, so one pasted alone keeps its forms. */
    const char *line_lang = fv >= 0 && (!lang || fv != (int)doc_v) ? VARIANT_LANG[fv] : lang;
    if (line_lang && *line_lang) {
      buf_puts(b, " xml:lang=\"");
      svg_put_esc(b, line_lang, 1);
      buf_putc(b, '"');
    }
    if (preserve) buf_puts(b, " xml:space=\"preserve\"");
    buf_putc(b, '>');

    for (int pos = ls; pos < le;) {
      int next, r = run_at(t, pos, &next);
      int end = r >= 0 ? t->runs[r].start + t->runs[r].len : next;
      if (end > le) end = le;
      if (end <= pos) end = le;
      const text_run *run = r >= 0 ? &t->runs[r] : NULL;
      int elided = t->ellipsized && run && run->n == 1 && utf8_count(src + run->start, run->len) > 1;
      put_segment(&lo, run, elided, pos, end, it->x + ln->x);
      pos = end;
    }
    buf_puts(b, "</text>\n");
  }
  if (grouped) buf_puts(b, "</g>\n");
}
