/* Data tables and data loading.
 *
 * Error messages (exact; tests compare them).  <url> is the url as written.
 * At the `url` node:
 *   network access is disabled: huitu reads only local files ('<url>')
 *   '<url>' is not a local file path: huitu reads only local files
 *   '<url>' is an absolute path: data files must be given relative to the spec's folder
 *   '<url>' is outside the spec's folder: data files must be in the spec's folder or below
 *   '<url>' leads outside the spec's folder through a symbolic link
 *   cannot read '<url>': no such file
 *   cannot read '<url>': permission denied
 *   cannot read '<url>': <system error>
 *   '<url>' is a directory, not a file
 *   '<url>' is not a regular file (a FIFO)                (a socket, a character device, ...)
 *   cannot read '<url>': it kept changing while being opened (a folder or symbolic link was swapped)
 *   '<url>' is too large (<n> bytes; the limit is <max>)
 *   '<url>' is not a text file                       (NUL bytes or invalid UTF-8)
 *   '<url>' is UTF-16 text, not UTF-8 (as Excel saves 'Unicode Text'): save it as 'CSV UTF-8', or convert it: iconv -f UTF-16 -t UTF-8
 *   '<url>' is not UTF-8 text: it looks like GBK (GB18030), as Excel saves 'CSV' on a Chinese Windows; save it as 'CSV UTF-8', or convert it: iconv -f GB18030 -t UTF-8
 *   '<url>' does not hold a list of rows (found <what>)   (JSON; at format.property if given)
 *   the data url is empty
 * Inside a CSV/TSV file, at file:line:col of the file (see chart/csv.h):
 *   unterminated quoted field (the quote opens here)
 *   unexpected character after a closing quote: a quote inside a quoted field must be doubled ("")
 *   a field is longer than 65536 bytes
 *   too many rows (more than <max_rows>)
 *   too many columns (more than 10000)
 *   this row has <n> fields but the header has <h>: <hint>
 *   the header names the column '<name>' twice (columns <i> and <j>)
 * JSON files are parsed by spec_parse: its messages, located in the file.
 * In the spec:
 *   'data' must be a mapping with 'values' or 'url', found <what>
 *   'data' needs 'values' (inline rows) or 'url' (a local CSV, TSV or JSON file)
 *   'values' must be a list of rows, found <what>
 *   a data row must be a mapping (or a single value), found a list
 *   too many rows (<n>; the limit is <max_rows>)          (LIMIT_ROWS or data_opts.max_rows)
 *   'url' must be a string, found <what>
 *   unknown key '<k>' in data (did you mean '<s>'?)       / without the suggestion
 *   unknown key '<k>' in format (did you mean '<s>'?)
 *   unknown format type '<t>' (expected csv, tsv, dsv, json or topojson)
 *   format type 'topojson' needs 'feature' or 'mesh' (the name of an object of the file)
 *   'feature' and 'mesh' are only used with format type 'topojson'
 *   'feature' and 'mesh' cannot both be given
 *   and topojson.c's (data/geojson.h)
 *   'delimiter' is only used with format type 'dsv'
 *   format type 'dsv' needs a 'delimiter'
 *   'delimiter' must be a single character, found <what>
 *   'property' is only used with format type 'json'
 *   'parse' must be a mapping of field names to types, found <what>
 *   unknown parse type '<t>' for field '<f>' (expected number, boolean, date, date:'<format>', string or null)
 *   no field '<f>' in the data (did you mean '<s>'?); fields are: a, b, c   (data_check.c)
 *   no property '<p>' in '<url>'
 *   named data ('<name>') is not supported: give 'values' or 'url'
 *   <n>,<m> reads as <n> and a key '<m>': in {...} a comma separates entries; write <n><m>, or quote it: '<n>,<m>'
 *   nested values past 64 per row or 3 levels are not read as fields (a[0], a.b) or by flatten   (a warning)
 *   'sequence' needs 'start' and 'stop'
 *   'step' must not be 0
 *   inline CSV, line <l>: <csv message>                   (string 'values', at the values node) */

#include "data/data.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "base/strmap.h"
#include "base/limits.h"
#include "data/csv.h"
#include "data/data_check.h"
#include "data/geojson.h"
#include "data/path_guard.h"
#include "data/timefmt.h"
#include "spec/vl_keys.h"
#include "spec/keys.h"

dtable *dtable_new(arena *a) {
  dtable *t = arena_alloc(a, sizeof *t);
  t->a = a;
  return t;
}

/* Past this many columns a table keeps a name -> column hash. */
#define DTABLE_INDEX_COLS 16

int dtable_col(const dtable *t, const char *name) {
  if (t->colidx) return strmap_get(t->colidx, name);
  for (int i = 0; i < t->ncols; i++)
    if (!strcmp(t->names[i], name)) return i;
  return -1;
}

double dtable_add_col_cost(const dtable *t) {
  if (t->shared) {
    double cap = t->ncols ? t->ncols * 2.0 : 8;
    return (t->nrows ? t->nrows : 1) * cap * sizeof(cell) + cap * sizeof(char *);
  }
  if (t->ncols < t->capcols) return 0;
  double cap = t->capcols ? t->capcols * 2.0 : 8;
  return (t->caprows ? t->caprows : 1) * cap * sizeof(cell) + cap * sizeof(char *);
}

dtable *dtable_share(const dtable *t, arena *a) {
  dtable *n = arena_alloc(a, sizeof *n);
  *n = *t;
  n->a = a;
  n->shared = 1;
  return n;
}

/* A shared table's own copy of its cells, capcols columns wide (at least
 * ncols), names and column index: from here on it changes alone. */
static void dtable_unshare(dtable *t, int capcols) {
  if (capcols < t->ncols) capcols = t->ncols;
  if (capcols < 1) capcols = 1;
  cell *cells = NULL;
  if (t->nrows > 0) {
    cells = arena_alloc_array(t->a, (size_t)t->nrows, (size_t)capcols * sizeof *cells);
    for (int r = 0; r < t->nrows; r++)
      memcpy(cells + (size_t)r * capcols, dtable_row(t, r), (size_t)t->ncols * sizeof *cells);
  }
  const char **names = arena_alloc_array(t->a, (size_t)capcols, sizeof *names);
  if (t->ncols) memcpy(names, t->names, (size_t)t->ncols * sizeof *names);
  t->cells = cells;
  t->names = names;
  t->caprows = t->nrows;
  t->capcols = capcols;
  t->shared = 0;
  if (t->colidx) {
    t->colidx = arena_alloc(t->a, sizeof *t->colidx);
    strmap_init(t->colidx, t->a, (size_t)t->ncols * 2);
    for (int k = 0; k < t->ncols; k++) strmap_put(t->colidx, t->names[k], k);
  }
}

int dtable_add_col(dtable *t, const char *name) {
  /* The caller writes to the column it gets: the cells must be this table's. */
  if (t->shared) dtable_unshare(t, t->ncols ? t->ncols * 2 : 8);
  int i = dtable_col(t, name);
  if (i >= 0) return i;
  if (t->ncols == t->capcols) {
    /* Widen every row: rare (columns are added by a few transforms). */
    int cap = t->capcols ? t->capcols * 2 : 8;
    cell *cells = arena_alloc_array(t->a, (size_t)(t->caprows ? t->caprows : 1), (size_t)cap * sizeof *cells);
    for (int r = 0; r < t->nrows; r++)
      memcpy(cells + (size_t)r * cap, t->cells + (size_t)r * t->capcols, (size_t)t->ncols * sizeof *cells);
    t->cells = cells;
    t->names = arena_grow(t->a, t->names, (size_t)t->ncols, (size_t)cap, sizeof *t->names);
    t->capcols = cap;
  }
  t->names[t->ncols] = arena_strdup(t->a, name);
  if (!t->colidx && t->ncols + 1 > DTABLE_INDEX_COLS) {
    t->colidx = arena_alloc(t->a, sizeof *t->colidx);
    strmap_init(t->colidx, t->a, (size_t)t->ncols * 2);
    for (int k = 0; k < t->ncols; k++) strmap_put(t->colidx, t->names[k], k);
  }
  if (t->colidx) strmap_put(t->colidx, t->names[t->ncols], t->ncols);
  return t->ncols++;
}

void data_budget_error(const spec_doc *doc, const spec_node *at, const arena *a, double need, const char *what,
                       diag_list *d) {
  mem_budget *b = arena_budget(a);
  if (!b || b->reported) return;
  b->over = b->reported = 1;
  if (!(need > (double)b->used)) need = (double)(b->peak > b->used ? b->peak : b->used);
  double mb = 1024.0 * 1024.0;
  diag_spec_error(d, spec_loc(doc, at), "%s would need about %.0f MB, over the memory limit of %.0f MB (--max-memory)",
                  what, ceil(need / mb), floor((double)b->limit / mb));
}

cell *dtable_add_row(dtable *t) {
  if (t->shared) dtable_unshare(t, t->capcols);
  if (t->capcols == 0) {
    t->capcols = 8;
    t->names = arena_alloc_array(t->a, 8, sizeof *t->names);
  }
  if (t->nrows == t->caprows) {
    int cap = t->caprows ? t->caprows * 2 : 16;
    t->cells = arena_grow(t->a, t->cells, (size_t)t->nrows * t->capcols, (size_t)cap * t->capcols, sizeof *t->cells);
    t->caprows = cap;
  }
  cell *row = dtable_row(t, t->nrows++);
  memset(row, 0, (size_t)t->capcols * sizeof *row);
  return row;
}

dtable *dtable_like(const dtable *t, arena *a) {
  dtable *n = dtable_new(a);
  n->origin = t->origin;
  for (int i = 0; i < t->ncols; i++) dtable_add_col(n, t->names[i]);
  return n;
}

int dtable_lookup(void *rowref, const char *field, size_t len, expr_value *out) {
  const dtable_rowref *ref = rowref;
  if (ref->t->colidx && len < 256 && !memchr(field, 0, len)) { /* many columns: the hash, not a scan per field per row */
    char name[256];
    memcpy(name, field, len);
    name[len] = 0;
    int i = strmap_get(ref->t->colidx, name);
    if (i < 0) return -1;
    *out = dtable_row(ref->t, ref->r)[i];
    return 0;
  }
  for (int i = 0; i < ref->t->ncols; i++)
    if (strlen(ref->t->names[i]) == len && !memcmp(ref->t->names[i], field, len)) {
      *out = dtable_row(ref->t, ref->r)[i];
      return 0;
    }
  return -1;
}

int cell_is_null(const cell *c) { return c->type == EXPR_NULL; }

double cell_number(const cell *c) {
  switch (c->type) {
  case EXPR_NUM: return c->num;
  case EXPR_BOOL: return c->boolean;
  case EXPR_STR: {
    double v;
    if (spec_scalar_number(c->str, strlen(c->str), &v) == 0) return v;
    return NAN;
  }
  default: return NAN;
  }
}

const char *cell_string(const cell *c, arena *a) {
  switch (c->type) {
  case EXPR_STR: return c->str;
  case EXPR_BOOL: return c->boolean ? "true" : "false";
  case EXPR_NULL: return "null";
  default: break;
  }
  double v = c->num;
  if (isnan(v)) return "NaN";
  if (isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  /* Shortest digits that round-trip, laid out like JavaScript's
   * Number.prototype.toString: plain from 1e-6 up to 1e21. */
  char e[40], out[64];
  int prec;
  for (prec = 1; prec <= 17; prec++) {
    snprintf(e, sizeof e, "%.*e", prec - 1, v);
    if (strtod(e, NULL) == v) break;
  }
  if (prec > 17) prec = 17;
  char digits[24];
  int nd = 0, neg = v < 0;
  for (const char *p = e + neg; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9') digits[nd++] = *p;
  while (nd > 1 && digits[nd - 1] == '0') nd--;
  int exp10 = atoi(strchr(e, 'e') + 1);
  size_t o = 0;
  if (neg) out[o++] = '-';
  if (v == 0) {
    snprintf(out, sizeof out, "0");
  } else if (exp10 >= 21 || exp10 < -6) {
    out[o++] = digits[0];
    if (nd > 1) {
      out[o++] = '.';
      memcpy(out + o, digits + 1, (size_t)nd - 1);
      o += (size_t)nd - 1;
    }
    snprintf(out + o, sizeof out - o, "e%c%d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
  } else if (exp10 < 0) {
    out[o++] = '0';
    out[o++] = '.';
    for (int i = 0; i < -exp10 - 1; i++) out[o++] = '0';
    memcpy(out + o, digits, (size_t)nd);
    o += (size_t)nd;
    out[o] = 0;
  } else {
    for (int i = 0; i <= exp10 || i < nd; i++) {
      if (i == exp10 + 1) out[o++] = '.';
      out[o++] = i < nd ? digits[i] : '0';
    }
    out[o] = 0;
  }
  return arena_strdup(a, out);
}

cell cell_from_node(const spec_node *n) {
  cell c = {0};
  if (!n || spec_is_null(n)) return c;
  if (n->kind != SPEC_SCALAR) {
    c.type = EXPR_STR;
    c.str = n->kind == SPEC_MAP ? "[object]" : "[list]";
    return c;
  }
  if (!n->quoted) {
    double v;
    if (spec_scalar_number(n->str, n->len, &v) == 0 && isfinite(v)) {
      c.type = EXPR_NUM;
      c.num = v;
      return c;
    }
    if (!strcmp(n->str, "true") || !strcmp(n->str, "false")) {
      c.type = EXPR_BOOL;
      c.boolean = n->str[0] == 't';
      return c;
    }
  }
  c.type = EXPR_STR;
  c.str = n->str;
  return c;
}


void dtable_reserve(dtable *t, int rows, int cols) {
  if (t->shared) dtable_unshare(t, cols > t->capcols ? cols : t->capcols);
  if (cols < 1) cols = 1;
  if (cols > t->capcols) {
    /* Widen: names and every existing row move to the new width. */
    t->names = arena_grow(t->a, t->names, (size_t)t->ncols, (size_t)cols, sizeof *t->names);
    int caprows = rows > t->caprows ? rows : t->caprows;
    cell *cells = NULL;
    if (caprows > 0) {
      cells = arena_alloc_array(t->a, (size_t)caprows, (size_t)cols * sizeof *cells);
      for (int r = 0; r < t->nrows; r++)
        memcpy(cells + (size_t)r * cols, t->cells + (size_t)r * t->capcols, (size_t)t->ncols * sizeof *cells);
    }
    t->cells = cells;
    t->caprows = caprows;
    t->capcols = cols;
  }
  if (rows > t->caprows) {
    t->cells = arena_grow(t->a, t->cells, (size_t)t->nrows * t->capcols, (size_t)rows * t->capcols,
                          sizeof *t->cells);
    t->caprows = rows;
  }
}

/* ---- dates: d3-time-format patterns (plain dates go to timefmt_parse) ---- */

static int days_in_month(long y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

/* Up to maxd digits (at least one) after optional spaces. */
static int rd_num(const char **s, int maxd, long *v) {
  const char *p = *s;
  while (*p == ' ') p++;
  int n = 0;
  long x = 0;
  while (n < maxd && *p >= '0' && *p <= '9') x = x * 10 + (*p++ - '0'), n++;
  if (!n) return -1;
  *v = x;
  *s = p;
  return 0;
}

static int rd_fixed(const char **s, int nd, long *v) {
  long x = 0;
  for (int i = 0; i < nd; i++) {
    char c = (*s)[i];
    if (c < '0' || c > '9') return -1;
    x = x * 10 + (c - '0');
  }
  *s += nd;
  *v = x;
  return 0;
}

/* "Z", "+08:00", "+0800", "+08": minutes east of UTC. */
static int rd_offset(const char **s, long *min) {
  const char *p = *s;
  if (*p == 'Z' || *p == 'z') {
    *min = 0;
    *s = p + 1;
    return 0;
  }
  if (*p != '+' && *p != '-') return -1;
  int sign = *p++ == '-' ? -1 : 1;
  long h, m = 0;
  if (rd_fixed(&p, 2, &h)) return -1;
  if (*p == ':') p++;
  if (*p >= '0' && *p <= '9' && rd_fixed(&p, 2, &m)) return -1;
  *min = sign * (h * 60 + m);
  *s = p;
  return 0;
}

typedef struct dparts {
  long y, mo, d, h, mi, s, ms, off, doy;
  int have_off, pm, have_pm, have_doy;
} dparts;

static int finish_date(dparts *p, double *ms) {
  if (p->have_pm) p->h = p->h % 12 + (p->pm ? 12 : 0);
  if (p->have_doy) {
    if (p->doy < 1 || p->doy > 366) return -1;
    p->mo = 1, p->d = 1;
  }
  if (p->mo < 1 || p->mo > 12 || p->d < 1 || p->d > days_in_month(p->y, (int)p->mo)) return -1;
  if (p->h > 24 || p->mi > 59 || p->s > 60 || (p->h == 24 && (p->mi || p->s || p->ms))) return -1;
  *ms = timefmt_make((int)p->y, (int)p->mo, (int)(p->d + (p->have_doy ? p->doy - 1 : 0)), (int)p->h, (int)p->mi,
                     (int)p->s, (int)p->ms) -
        (double)p->off * 6e4;
  return 0;
}

static const char *const month_names[] = {"january", "february", "march",     "april",   "may",      "june",
                                          "july",    "august",   "september", "october", "november", "december"};
static const char *const day_names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};

/* A month or weekday name, full or three-letter, any case. */
static int rd_name(const char **s, const char *const *names, int n, int full) {
  for (int i = 0; i < n; i++) {
    size_t len = full ? strlen(names[i]) : 3;
    if (!strncasecmp(*s, names[i], len)) {
      *s += len;
      return i;
    }
  }
  return -1;
}

static int parse_fmt(const char *s, const char *fmt, double *ms) {
  dparts p = {.y = 1900, .mo = 1, .d = 1};
  const char *q = s;
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') {
      if (*q++ != *f) return -1;
      continue;
    }
    f++;
    if (*f == '-' || *f == '_' || *f == '0') f++;
    long v;
    int k;
    switch (*f) {
    case 'Y':
      if (rd_num(&q, 4, &p.y)) return -1;
      break;
    case 'y':
      if (rd_num(&q, 2, &v)) return -1;
      p.y = v + (v > 68 ? 1900 : 2000);
      break;
    case 'm':
      if (rd_num(&q, 2, &p.mo)) return -1;
      break;
    case 'd':
    case 'e':
      if (rd_num(&q, 2, &p.d)) return -1;
      break;
    case 'j':
      if (rd_num(&q, 3, &p.doy)) return -1;
      p.have_doy = 1;
      break;
    case 'H':
    case 'I':
      if (rd_num(&q, 2, &p.h)) return -1;
      break;
    case 'M':
      if (rd_num(&q, 2, &p.mi)) return -1;
      break;
    case 'S':
      if (rd_num(&q, 2, &p.s)) return -1;
      break;
    case 'L':
      if (rd_fixed(&q, 3, &p.ms)) return -1;
      break;
    case 'f':
      if (rd_fixed(&q, 6, &v)) return -1;
      p.ms = v / 1000;
      break;
    case 'p':
      if (!strncasecmp(q, "am", 2) || !strncasecmp(q, "pm", 2)) {
        p.pm = (q[0] == 'p' || q[0] == 'P');
        p.have_pm = 1;
        q += 2;
      } else {
        return -1;
      }
      break;
    case 'b':
    case 'B':
      if ((k = rd_name(&q, month_names, 12, *f == 'B')) < 0) return -1;
      p.mo = k + 1;
      break;
    case 'a':
    case 'A':
      if (rd_name(&q, day_names, 7, *f == 'A') < 0) return -1;
      break;
    case 'Z':
      if (rd_offset(&q, &p.off)) return -1;
      break;
    case 'Q':
    case 's': {
      char *end;
      double x = strtod(q, &end);
      if (end == q || *end) return -1;
      *ms = *f == 's' ? x * 1000 : x;
      return 0;
    }
    case '%':
      if (*q++ != '%') return -1;
      break;
    default:
      return -1;
    }
  }
  if (*q) return -1;
  return finish_date(&p, ms);
}

int data_parse_date(const char *s, const char *fmt, double *ms) {
  if (!s) return -1;
  return fmt ? parse_fmt(s, fmt, ms) : timefmt_parse(s, ms);
}

/* ---- text and numbers ----------------------------------------------------- */

/* No NUL bytes and valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
static int is_text(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x01 && c < 0x80) {
      i++;
      continue;
    }
    if (c == 0) return 0;
    int len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return 0;
    if (i + (size_t)len > n) return 0;
    for (int k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = cp << 6 | (s[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return 0;
    i += (size_t)len;
  }
  return 1;
}

/* What a file that is not UTF-8 text most likely is, as a message about
 * url: UTF-16 (Excel's "Unicode Text"), GBK/GB18030 (Excel's "CSV" on a
 * Chinese Windows: every byte past ASCII pairs into a GBK character), or
 * not text at all. */
static const char *not_text_message(const unsigned char *s, size_t n, const char *url, arena *a) {
  if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF) || (n >= 4 && s[1] == 0 && s[3] == 0 && s[0] && s[2])))
    return arena_printf(a, "'%s' is UTF-16 text, not UTF-8 (as Excel saves 'Unicode Text'): save it as 'CSV UTF-8', "
                           "or convert it: iconv -f UTF-16 -t UTF-8", url);
  size_t i = 0, pairs = 0;
  while (i < n) {
    if (s[i] && s[i] < 0x80) {
      i++;
      continue;
    }
    if (s[i] >= 0x81 && s[i] <= 0xFE && i + 1 < n && s[i + 1] >= 0x40 && s[i + 1] <= 0xFE && s[i + 1] != 0x7F) {
      i += 2;
      pairs++;
      continue;
    }
    if (s[i] >= 0x81 && s[i] <= 0xFE && i + 3 < n && s[i + 1] >= 0x30 && s[i + 1] <= 0x39 && s[i + 2] >= 0x81 &&
        s[i + 2] <= 0xFE && s[i + 3] >= 0x30 && s[i + 3] <= 0x39) { /* GB18030's four-byte form */
      i += 4;
      pairs++;
      continue;
    }
    pairs = 0;
    break;
  }
  if (pairs)
    return arena_printf(a, "'%s' is not UTF-8 text: it looks like GBK (GB18030), as Excel saves 'CSV' on a Chinese "
                           "Windows; save it as 'CSV UTF-8', or convert it: iconv -f GB18030 -t UTF-8", url);
  return arena_printf(a, "'%s' is not a text file", url);
}

/* A field as JavaScript's +s reads it, but only when s holds a number
 * (not empty, not blank).  Fast exact path for plain decimals. */
static int parse_number(const char *s, double *out) {
  static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const char *p = s;
  int neg = 0;
  if (*p == '-') neg = 1, p++;
  uint64_t m = 0;
  int nd = 0, frac = 0, seen_dot = 0, any = 0;
  for (;; p++) {
    if (*p >= '0' && *p <= '9') {
      any = 1;
      if (nd < 18) {
        m = m * 10 + (uint64_t)(*p - '0');
        if (m) nd++;
        if (seen_dot) frac++;
      } else {
        goto slow;
      }
    } else if (*p == '.' && !seen_dot) {
      seen_dot = 1;
    } else {
      break;
    }
  }
  if (!*p && any && m < (1ull << 53) && frac <= 22) {
    double v = (double)m / p10[frac];
    *out = neg ? -v : v;
    return 0;
  }
slow:;
  const char *b = s;
  while (*b == ' ' || *b == '\t') b++;
  if (!*b) return -1;
  expr_value ev = {.type = EXPR_STR, .str = s};
  double v = expr_to_number(&ev);
  if (isnan(v)) return -1;
  *out = v;
  return 0;
}

/* ---- parse directives and type inference ---------------------------------- */

enum { PD_AUTO, PD_NONE, PD_NUMBER, PD_BOOLEAN, PD_DATE, PD_STRING };

typedef struct parse_dir {
  int col;
  int kind;
  const char *fmt; /* PD_DATE with a pattern */
} parse_dir;

/* A CSV column of numbers (thousands separators allowed: "85,055", as
 * Excel writes them), of booleans, or else strings; empty fields null.
 * A number keeps its text in str (data_time_value reads "2012" as a year,
 * data_check finds the cell in the file by it). */
static void infer_column(dtable *t, int c) {
  int all_num = 1, all_bool = 1;
  for (int r = 0; r < t->nrows && (all_num || all_bool); r++) {
    cell *x = dtable_row(t, r) + c;
    if (x->type != EXPR_STR || !x->str[0]) continue;
    if (all_num && parse_number(x->str, &x->num) && data_parse_grouped(x->str, &x->num)) all_num = 0;
    if (all_bool && strcmp(x->str, "true") && strcmp(x->str, "false")) all_bool = 0;
  }
  for (int r = 0; r < t->nrows; r++) {
    cell *x = dtable_row(t, r) + c;
    if (x->type != EXPR_STR) continue;
    if (!x->str[0]) x->type = EXPR_NULL;
    else if (all_num) x->type = EXPR_NUM;
    else if (all_bool) x->type = EXPR_BOOL, x->boolean = x->str[0] == 't';
  }
}

static void apply_directive(dtable *t, const parse_dir *pd) {
  int c = pd->col;
  for (int r = 0; r < t->nrows; r++) {
    cell *x = dtable_row(t, r) + c;
    if (x->type == EXPR_NULL) continue;
    int empty = x->type == EXPR_STR && !x->str[0];
    switch (pd->kind) {
    case PD_NUMBER:
      if (empty) *x = (cell){0};
      else if (x->type == EXPR_STR) {
        /* a value that does not parse stays text, for data_check to name */
        double v;
        if (!parse_number(x->str, &v) || !data_parse_grouped(x->str, &v)) *x = (cell){.type = EXPR_NUM, .num = v};
      } else if (x->type == EXPR_BOOL) *x = (cell){.type = EXPR_NUM, .num = x->boolean};
      break;
    case PD_BOOLEAN:
      if (empty) *x = (cell){0};
      else if (x->type == EXPR_STR) *x = (cell){.type = EXPR_BOOL, .boolean = strcmp(x->str, "false") != 0};
      else if (x->type == EXPR_NUM) *x = (cell){.type = EXPR_BOOL, .boolean = x->num != 0 && !isnan(x->num)};
      break;
    case PD_DATE:
      if (x->type == EXPR_STR) {
        double ms;
        if (empty) *x = (cell){0};
        else if (!data_parse_date(x->str, pd->fmt, &ms)) *x = (cell){.type = EXPR_NUM, .num = ms};
        /* else it stays text: data_check names it when a chart reads it */
      } else if (x->type == EXPR_BOOL) {
        *x = (cell){0};
      }
      break;
    case PD_STRING:
      if (x->type != EXPR_STR) *x = (cell){.type = EXPR_STR, .str = cell_string(x, t->a)};
      break;
    default: break;
    }
  }
}

/* Reads format.parse.  *none: parse is null (no inference at all).
 * Returns the number of directives (>= 0) or -1 on error. */
static int read_parse(const spec_doc *doc, const spec_node *parse, const dtable *t, parse_dir **out, int *none,
                      arena *a, diag_list *d) {
  *none = 0;
  *out = NULL;
  if (!parse) return 0;
  if (spec_is_null(parse)) {
    *none = 1;
    return 0;
  }
  if (parse->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(doc, parse), "'parse' must be a mapping of field names to types, found %s",
                    spec_describe(a, parse));
    return -1;
  }
  parse_dir *pd = arena_alloc_array(a, (size_t)parse->n + 1, sizeof *pd);
  int n = 0, bad = 0;
  for (int i = 0; i < parse->n; i++) {
    const spec_node *k = parse->keys[i], *v = parse->items[i];
    parse_dir x = {.col = dtable_col(t, k->str)};
    if (spec_is_null(v)) {
      x.kind = PD_NONE;
    } else if (v->kind == SPEC_SCALAR && !strcmp(v->str, "number")) {
      x.kind = PD_NUMBER;
    } else if (v->kind == SPEC_SCALAR && !strcmp(v->str, "boolean")) {
      x.kind = PD_BOOLEAN;
    } else if (v->kind == SPEC_SCALAR && !strcmp(v->str, "string")) {
      x.kind = PD_STRING;
    } else if (v->kind == SPEC_SCALAR && !strcmp(v->str, "date")) {
      x.kind = PD_DATE;
    } else if (v->kind == SPEC_SCALAR && (!strncmp(v->str, "date:", 5) || !strncmp(v->str, "utc:", 4))) {
      const char *f = strchr(v->str, ':') + 1;
      size_t fl = strlen(f);
      if (fl >= 2 && (f[0] == '\'' || f[0] == '"') && f[fl - 1] == f[0]) f++, fl -= 2;
      x.kind = PD_DATE;
      x.fmt = arena_strndup(a, f, fl);
    } else {
      diag_spec_error(d, spec_loc(doc, v),
                      "unknown parse type '%s' for field '%s' (expected number, boolean, date, date:'<format>', "
                      "string or null)",
                      v->kind == SPEC_SCALAR ? v->str : spec_describe(a, v), k->str);
      bad = 1;
      continue;
    }
    if (x.col < 0 && t->ncols > 0) {
      data_no_field(doc, k, t, k->str, d);
      bad = 1;
      continue;
    }
    if (x.col >= 0) pd[n++] = x;
  }
  *out = pd;
  return bad ? -1 : n;
}

/* ---- loaders ------------------------------------------------------------- */

/* The row limit in force: opts->max_rows (--max-rows may raise or lower
 * it), else LIMIT_ROWS. */
static int row_limit(const data_opts *o) {
  return o && o->max_rows > 0 ? (o->max_rows < INT_MAX ? (int)o->max_rows : INT_MAX) : LIMIT_ROWS;
}

const char *data_unescape_field(arena *a, const char *s) {
  if (!strchr(s, '\\')) return s;
  char *o = arena_alloc(a, strlen(s) + 1), *w = o;
  for (const char *p = s; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    *w++ = *p;
  }
  *w = 0;
  return o;
}

/* Nested values in inline rows ({"ranges": [150, 225], "lc": {"t": 1}})
 * also become columns named the way Vega-Lite fields reach into them:
 * "ranges[0]", "ranges[1]", "lc.t" (the value itself stays a "[list]" or
 * "[object]" cell).  The flatten transform reads these columns back.  A
 * row adds at most NEST_MAX_COLS of them, NEST_MAX_DEPTH levels deep, so
 * one long list cannot widen every row of the table without bound. */
#define NEST_MAX_COLS 64
#define NEST_MAX_DEPTH 3
typedef struct nest_cols {
  const char *name[NEST_MAX_COLS];
  const spec_node *val[NEST_MAX_COLS];
  int n;
} nest_cols;

/* Returns 1 when something was left out (past the column cap or the depth). */
static int nest_collect(nest_cols *nc, const char *path, const spec_node *v, int depth, arena *a) {
  if (v->kind == SPEC_SCALAR) return 0;
  if (depth > NEST_MAX_DEPTH || nc->n + v->n > NEST_MAX_COLS) return 1;
  int cut = 0;
  for (int i = 0; i < v->n && nc->n < NEST_MAX_COLS; i++) {
    const char *p = v->kind == SPEC_SEQ ? arena_printf(a, "%s[%d]", path, i)
                                        : arena_printf(a, "%s.%s", path, v->keys[i]->str);
    nc->name[nc->n] = p;
    nc->val[nc->n++] = v->items[i];
    cut |= nest_collect(nc, p, v->items[i], depth + 1, a);
  }
  return cut;
}

/* Is a row's k-th value geometry: 1 a feature's geometry (a cell of its
 * GeoJSON text), 2 the coordinates of a row that is itself a geometry
 * (left out: the row's "geometry" cell holds them), 0 neither. */
static int geo_cell(const spec_node *row, int k) {
  const char *key = row->keys[k]->str;
  if (!strcmp(key, "geometry") && geo_is_geometry(row->items[k])) return 1;
  if ((!strcmp(key, "coordinates") || !strcmp(key, "geometries")) && geo_is_geometry(row)) return 2;
  return 0;
}

static dtable *load_values(const spec_doc *doc, const spec_node *values, int max_rows, arena *a, diag_list *d) {
  dtable *t = dtable_new(a);
  if (values->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(doc, values), "'values' must be a list of rows, found %s", spec_describe(a, values));
    return NULL;
  }
  if (values->n > max_rows) {
    diag_spec_error(d, spec_loc(doc, values), "too many rows (%d; the limit is %d)", values->n, max_rows);
    return NULL;
  }
  int errors = d->errors, nest_cut = 0;
  int *idx = NULL, idxcap = 0;
  for (int i = 0; i < values->n; i++) {
    const spec_node *row = values->items[i];
    if (row->kind == SPEC_MAP) {
      if (row->n > idxcap) {
        idxcap = row->n * 2;
        idx = arena_alloc_array(a, (size_t)idxcap, sizeof *idx);
      }
      /* {床位: 85,055}: in a flow mapping the comma ends the entry, so
       * YAML reads 85 and a key '055' with no value -- a silently wrong
       * number unless said here. */
      for (int k = 1; k < row->n; k++) {
        const spec_node *key = row->keys[k], *val = row->items[k], *prev = row->items[k - 1];
        if (!key->quoted && key->len && strspn(key->str, "0123456789") == key->len && val->kind == SPEC_SCALAR &&
            val->len == 0 && prev->kind == SPEC_SCALAR && !prev->quoted && spec_is_number(prev))
          diag_spec_error(d, spec_loc(doc, key),
                          "%s,%s reads as %s and a key '%s': in {...} a comma separates entries; write %s%s, or "
                          "quote it: '%s,%s'",
                          prev->str, key->str, prev->str, key->str, prev->str, key->str, prev->str, key->str);
      }
      /* Columns first, so the row pointer stays valid while filling it. */
      for (int k = 0; k < row->n; k++) idx[k] = dtable_add_col(t, row->keys[k]->str);
      /* A feature's geometry (or a row that is a geometry) is one cell of
       * GeoJSON text (data/geojson.h), not columns of coordinates. */
      int self_geo = geo_is_geometry(row), gcol = self_geo ? dtable_add_col(t, "geometry") : -1;
      nest_cols nc = {.n = 0};
      int nidx[NEST_MAX_COLS];
      for (int k = 0; k < row->n; k++)
        if (row->items[k]->kind != SPEC_SCALAR && !geo_cell(row, k) &&
            nest_collect(&nc, row->keys[k]->str, row->items[k], 1, a) &&
            !nest_cut++)
          diag_add(d, DIAG_WARNING, DIAG_SPEC, spec_loc(doc, row->items[k]),
                   "nested values past %d per row or %d levels are not read as fields (a[0], a.b) or by flatten",
                   NEST_MAX_COLS, NEST_MAX_DEPTH);
      for (int k = 0; k < nc.n; k++) nidx[k] = dtable_add_col(t, nc.name[k]);
      if (i == 0) dtable_reserve(t, values->n, t->ncols);
      cell *cells = dtable_add_row(t);
      for (int k = 0; k < row->n; k++)
        cells[idx[k]] = geo_cell(row, k) == 1 ? (cell){.type = EXPR_STR, .str = geo_node_json(row->items[k], a)}
                                              : cell_from_node(row->items[k]);
      for (int k = 0; k < nc.n; k++) cells[nidx[k]] = cell_from_node(nc.val[k]);
      if (gcol >= 0) cells[gcol] = (cell){.type = EXPR_STR, .str = geo_node_json(row, a)};
    } else if (row->kind == SPEC_SCALAR) {
      int col = dtable_add_col(t, "data");
      if (i == 0) dtable_reserve(t, values->n, t->ncols);
      dtable_add_row(t)[col] = cell_from_node(row);
    } else {
      diag_spec_error(d, spec_loc(doc, row), "a data row must be a mapping (or a single value), found a list");
    }
  }
  return d->errors > errors ? NULL : t;
}

typedef struct loader {
  const spec_doc *doc;
  const spec_node *data, *format, *url_node;
  const char *url;     /* as written */
  const char *display; /* path for locations inside the file */
  arena *a;
  diag_list *d;
  int type; /* FT_* */
  char delim;
  const spec_node *property, *parse;
  const spec_node *topo_object; /* format.feature or format.mesh */
  int max_rows;
} loader;

enum { FT_NONE, FT_CSV, FT_TSV, FT_DSV, FT_JSON, FT_TOPOJSON };

static int read_format(loader *L) {
  const spec_doc *doc = L->doc;
  const spec_node *f = L->format;
  const spec_node *type = NULL, *delim = NULL;
  if (f && !spec_is_null(f)) {
    if (f->kind != SPEC_MAP) {
      diag_spec_error(L->d, spec_loc(doc, f), "'format' must be a mapping, found %s", spec_describe(L->a, f));
      return -1;
    }
    const char *known[16];
    vl_table_names(&vl_format_table, known, 16);
    for (int i = 0; i < f->n; i++) {
      const char *k = f->keys[i]->str;
      if (!strcmp(k, "type")) type = f->items[i];
      else if (!strcmp(k, "parse")) L->parse = f->items[i];
      else if (!strcmp(k, "property")) L->property = f->items[i];
      else if (!strcmp(k, "delimiter")) delim = f->items[i];
      else if (!strcmp(k, "feature") || !strcmp(k, "mesh")) {
        if (L->topo_object) {
          diag_spec_error(L->d, spec_loc(doc, f->keys[i]), "'feature' and 'mesh' cannot both be given");
          return -1;
        }
        L->topo_object = f->items[i];
      }
      else if (vl_in_list(k, vl_format_table.unsupported)) {
        diag_spec_error(L->d, spec_loc(doc, f->keys[i]), "'%s' is not supported in format", k);
        return -1;
      } else {
        const char *s = keys_suggest(k, known, -1);
        if (s)
          diag_spec_error(L->d, spec_loc(doc, f->keys[i]), "unknown key '%s' in format (did you mean '%s'?)", k, s);
        else
          diag_spec_error(L->d, spec_loc(doc, f->keys[i]), "unknown key '%s' in format", k);
        return -1;
      }
    }
  }
  if (type) {
    const char *ts;
    if (spec_get_string(doc, type, &ts, L->d)) return -1;
    if (!strcmp(ts, "csv")) L->type = FT_CSV;
    else if (!strcmp(ts, "tsv")) L->type = FT_TSV;
    else if (!strcmp(ts, "dsv")) L->type = FT_DSV;
    else if (!strcmp(ts, "json")) L->type = FT_JSON;
    else if (!strcmp(ts, "topojson")) L->type = FT_TOPOJSON;
    else {
      diag_spec_error(L->d, spec_loc(doc, type), "unknown format type '%s' (expected csv, tsv, dsv, json or topojson)",
                      ts);
      return -1;
    }
  } else {
    /* From the extension, like Vega-Lite; JSON when there is none. */
    const char *u = L->url ? L->url : "";
    const char *dot = strrchr(u, '.');
    const char *slash = strrchr(u, '/');
    L->type = FT_JSON;
    if (dot && (!slash || dot > slash)) {
      if (!strcasecmp(dot, ".csv")) L->type = FT_CSV;
      else if (!strcasecmp(dot, ".tsv")) L->type = FT_TSV;
    }
  }
  L->delim = L->type == FT_TSV ? '\t' : ',';
  if (L->type == FT_TOPOJSON && !L->topo_object) {
    diag_spec_error(L->d, spec_loc(doc, type), "format type 'topojson' needs 'feature' or 'mesh' (the name of an "
                                                  "object of the file)");
    return -1;
  }
  if (L->type != FT_TOPOJSON && L->topo_object) {
    diag_spec_error(L->d, spec_loc(doc, L->topo_object), "'feature' and 'mesh' are only used with format type 'topojson'");
    return -1;
  }
  if (delim) {
    if (L->type != FT_DSV) {
      diag_spec_error(L->d, spec_loc(doc, delim), "'delimiter' is only used with format type 'dsv'");
      return -1;
    }
    if (delim->kind != SPEC_SCALAR || delim->len != 1 || delim->str[0] == '"' || delim->str[0] == '\n' ||
        delim->str[0] == '\r') {
      diag_spec_error(L->d, spec_loc(doc, delim), "'delimiter' must be a single character, found %s",
                      spec_describe(L->a, delim));
      return -1;
    }
    L->delim = delim->str[0];
  } else if (L->type == FT_DSV) {
    diag_spec_error(L->d, spec_loc(doc, f), "format type 'dsv' needs a 'delimiter'");
    return -1;
  }
  if (L->property && L->type != FT_JSON) {
    diag_spec_error(L->d, spec_loc(doc, L->property), "'property' is only used with format type 'json'");
    return -1;
  }
  return 0;
}

/* Apply format.parse, and infer CSV column types where parse says nothing. */
static dtable *finish_table(loader *L, dtable *t, int infer) {
  parse_dir *pd;
  int none;
  int n = read_parse(L->doc, L->parse, t, &pd, &none, L->a, L->d);
  if (n < 0) return NULL;
  for (int c = 0; c < t->ncols; c++) {
    int k = -1;
    for (int i = 0; i < n; i++)
      if (pd[i].col == c) k = i;
    if (k >= 0) {
      if (pd[k].kind != PD_NONE) apply_directive(t, &pd[k]);
      else if (infer) {
        /* null: keep the strings, but empty fields are still missing. */
        for (int r = 0; r < t->nrows; r++) {
          cell *x = dtable_row(t, r) + c;
          if (x->type == EXPR_STR && !x->str[0]) x->type = EXPR_NULL;
        }
      }
    } else if (infer && !none) {
      infer_column(t, c);
    }
  }
  return t;
}

static dtable *parse_dsv_text(loader *L, char *text, size_t len, const spec_node *inline_at) {
  csv_error ce;
  csv_rows *rows = arena_alloc(L->a, sizeof *rows);
  dtable *t = csv_parse(text, len, L->delim, L->max_rows, L->a, &ce, rows);
  if (!t) {
    if (inline_at)
      diag_spec_error(L->d, spec_loc(L->doc, inline_at), "inline CSV, line %d: %s", ce.line, ce.msg);
    else
      diag_spec_error(L->d, (src_loc){L->display, ce.line, ce.col}, "%s", ce.msg);
    return NULL;
  }
  data_origin *o = arena_alloc(L->a, sizeof *o);
  *o = (data_origin){.loaded = t, .nrows = t->nrows, .text = text, .len = len, .path = inline_at ? NULL : L->display,
                     .csv = rows, .inline_at = inline_at, .doc = L->doc};
  t->origin = o;
  return finish_table(L, t, 1);
}

/* format.property, a dotted path: "data.rows" picks root.data.rows (in a
 * JSON file or in inline values given as an object). */
static const spec_node *property_rows(loader *L, const spec_node *rows, const char *what) {
  const char *prop;
  if (spec_get_string(L->doc, L->property, &prop, L->d)) return NULL;
  char part[256];
  const char *p = prop;
  while (*p) {
    const char *dot = strchr(p, '.');
    size_t n = dot ? (size_t)(dot - p) : strlen(p);
    snprintf(part, sizeof part, "%.*s", (int)(n < 255 ? n : 255), p);
    rows = spec_map_get(rows, part);
    if (!rows) {
      diag_spec_error(L->d, spec_loc(L->doc, L->property), "no property '%s' in '%s'", prop, what);
      return NULL;
    }
    p += n;
    if (*p == '.') p++;
  }
  return rows;
}

static dtable *parse_json_text(loader *L, const char *text, size_t len, const spec_node *at) {
  if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3;
  spec_doc jdoc = {L->a, L->display, NULL};
  /* data limits: a JSON table of 1M rows is millions of nodes, not an alias bomb */
  jdoc.root = spec_parse_ex(L->a, L->display, text, len, &(spec_limits){.data = 1}, L->d);
  if (!jdoc.root) return NULL;
  const spec_node *rows = jdoc.root;
  const char *what = L->url ? L->url : "values";
  if (L->type == FT_TOPOJSON) {
    dtable *t = topojson_table(L->doc, L->format, rows, what, L->max_rows, L->a, L->d);
    return t ? finish_table(L, t, 0) : NULL;
  }
  /* A GeoJSON FeatureCollection, Feature or geometry: a row per feature */
  const spec_node *features = L->property ? NULL : geo_feature_list(rows, L->a);
  if (features) rows = features;
  if (L->property && !spec_is_null(L->property)) {
    if (!(rows = property_rows(L, rows, what))) return NULL;
    at = L->property;
  }
  if (rows->kind != SPEC_SEQ) {
    diag_spec_error(L->d, spec_loc(L->doc, at), "'%s' does not hold a list of rows (found %s)", what,
                    spec_describe(L->a, rows));
    return NULL;
  }
  dtable *t = load_values(&jdoc, rows, L->max_rows, L->a, L->d);
  if (!t) return NULL;
  data_origin *o = arena_alloc(L->a, sizeof *o);
  spec_doc *od = arena_alloc(L->a, sizeof *od);
  *od = jdoc;
  *o = (data_origin){.loaded = t, .nrows = t->nrows, .doc = od, .rows = rows};
  t->origin = o;
  return finish_table(L, t, 0);
}

static dtable *load_url(loader *L, const char *base_dir, const data_opts *opts) {
  const spec_doc *doc = L->doc;
  src_loc at = spec_loc(doc, L->url_node);
  char err[1024];
  /* Opened once, confined and race-free (chart/path_guard.h); read only
   * through this descriptor. */
  int fd;
  long long size;
  if (path_guard_open(base_dir, L->url, opts ? opts->allow_dirs : NULL, &fd, &size, err, sizeof err)) {
    diag_spec_error(L->d, at, "%s", err);
    return NULL;
  }
  size_t max = opts && opts->max_file_bytes ? opts->max_file_bytes : (size_t)DATA_MAX_FILE_BYTES;
  if ((unsigned long long)size > max) {
    close(fd);
    diag_spec_error(L->d, at, "'%s' is too large (%lld bytes; the limit is %zu)", L->url, size, max);
    return NULL;
  }
  buf b = {0};
  int rr = fs_read_fd(fd, &b, max, err, sizeof err);
  close(fd);
  if (rr) {
    buf_free(&b);
    diag_spec_error(L->d, at, "cannot read '%s': %s", L->url, err);
    return NULL;
  }
  if (!is_text((const unsigned char *)b.data, b.len)) {
    diag_spec_error(L->d, at, "%s", not_text_message((const unsigned char *)b.data, b.len, L->url, L->a));
    buf_free(&b);
    return NULL;
  }
  /* The table's strings point into this copy (see chart/csv.h). */
  char *text = arena_alloc(L->a, b.len + 1);
  memcpy(text, b.data, b.len);
  size_t len = b.len;
  buf_free(&b);
  if (L->type == FT_JSON || L->type == FT_TOPOJSON) return parse_json_text(L, text, len, L->url_node);
  return parse_dsv_text(L, text, len, NULL);
}

static dtable *load_sequence(const spec_doc *doc, const spec_node *seq, int max_rows, arena *a, diag_list *d) {
  const spec_node *start = spec_map_get(seq, "start"), *stop = spec_map_get(seq, "stop");
  const spec_node *step = spec_map_get(seq, "step"), *as = spec_map_get(seq, "as");
  if (seq->kind != SPEC_MAP || !start || !stop) {
    diag_spec_error(d, spec_loc(doc, seq), "'sequence' needs 'start' and 'stop'");
    return NULL;
  }
  double s0, s1, st = 1;
  const char *name = "data";
  if (spec_get_number(doc, start, &s0, d) || spec_get_number(doc, stop, &s1, d)) return NULL;
  if (step && spec_get_number(doc, step, &st, d)) return NULL;
  if (as && spec_get_string(doc, as, &name, d)) return NULL;
  if (st == 0) {
    diag_spec_error(d, spec_loc(doc, step), "'step' must not be 0");
    return NULL;
  }
  double n = ceil((s1 - s0) / st);
  if (n < 0) n = 0;
  if (n > max_rows) {
    diag_spec_error(d, spec_loc(doc, seq), "too many rows (%.0f; the limit is %d)", n, max_rows);
    return NULL;
  }
  double need = n * sizeof(cell); /* one column (a calculate widening it checks again) */
  if (!arena_budget_fits(a, need)) {
    data_budget_error(doc, seq, a, (double)arena_budget(a)->used + need,
                      arena_printf(a, "the sequence of %.0f rows", n), d);
    return NULL;
  }
  dtable *t = dtable_new(a);
  dtable_reserve(t, (int)n, 1); /* before the column: rows of one cell, not 8 */
  int c = dtable_add_col(t, name);
  for (int i = 0; i < (int)n; i++) dtable_add_row(t)[c] = (cell){.type = EXPR_NUM, .num = s0 + i * st};
  return t;
}

size_t data_budget_used(const arena *a) {
  const mem_budget *b = arena_budget(a);
  return b ? b->used : 0;
}

int data_budget_step(const spec_doc *doc, const spec_node *at, const arena *a, size_t used0, long done, long total,
                     long every, const char *what, diag_list *d) {
  const mem_budget *b = arena_budget(a);
  if (!b || !b->limit || done <= 0 || (every > 1 && (done & (every - 1)) && !b->over)) return 0;
  double used = (double)b->used, grown = used > (double)used0 ? used - (double)used0 : 0;
  double need = (double)used0 + grown * ((double)total / (double)done);
  if (b->over || (done >= total / 16 && need > (double)b->limit)) {
    data_budget_error(doc, at, a, need > used ? need : used, what, d);
    return -1;
  }
  return 0;
}

static dtable *load_any(const spec_doc *doc, const spec_node *data, const char *base_dir, const data_opts *opts,
                        arena *a, diag_list *d);

dtable *data_load_ex(const spec_doc *doc, const spec_node *data, const char *base_dir, const data_opts *opts,
                     arena *a, diag_list *d) {
  if (arena_over_budget(a)) { /* an earlier table or chart of this document did not fit */
    data_budget_error(doc, data, a, 0, "the data", d);
    return NULL;
  }
  dtable *t = load_any(doc, data, base_dir, opts, a, d);
  if (t && arena_over_budget(a)) {
    data_budget_error(doc, data, a, 0, "the data", d);
    return NULL;
  }
  return t;
}

static dtable *load_any(const spec_doc *doc, const spec_node *data, const char *base_dir, const data_opts *opts,
                        arena *a, diag_list *d) {
  if (!data || data->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(doc, data), "'data' must be a mapping with 'values' or 'url', found %s",
                    spec_describe(a, data));
    return NULL;
  }
  const char *known[16];
  vl_table_names(&vl_data_table, known, 16);
  for (int i = 0; i < data->n; i++) {
    const char *k = data->keys[i]->str;
    int ok = 0;
    for (int j = 0; known[j]; j++) ok |= !strcmp(k, known[j]);
    if (ok) continue;
    const char *s = keys_suggest(k, known, -1);
    if (s)
      diag_spec_error(d, spec_loc(doc, data->keys[i]), "unknown key '%s' in data (did you mean '%s'?)", k, s);
    else
      diag_spec_error(d, spec_loc(doc, data->keys[i]), "unknown key '%s' in data", k);
    return NULL;
  }
  char dirbuf[4096];
  if (!base_dir) {
    fs_dirname(doc->path ? doc->path : ".", dirbuf, sizeof dirbuf);
    base_dir = dirbuf;
  }
  if (!opts) opts = doc->data_opts;
  loader L = {.doc = doc, .data = data, .format = spec_map_get(data, "format"), .a = a, .d = d,
              .max_rows = row_limit(opts)};
  const spec_node *values = spec_map_get(data, "values");
  const spec_node *url = spec_map_get(data, "url");
  const spec_node *seq = spec_map_get(data, "sequence");
  if (values) {
    if (values->kind == SPEC_SCALAR && !spec_is_null(values)) {
      /* Inline text: "a,b\n1,2" with format.type. */
      L.display = doc->path;
      if (read_format(&L)) return NULL;
      char *text = arena_strndup(a, values->str, values->len);
      if (L.type == FT_JSON || L.type == FT_TOPOJSON) return parse_json_text(&L, text, values->len, values);
      return parse_dsv_text(&L, text, values->len, values);
    }
    if (values->kind == SPEC_MAP && (spec_map_get(L.format, "feature") || spec_map_get(L.format, "mesh"))) {
      L.display = doc->path;
      if (read_format(&L)) return NULL; /* inline TopoJSON */
      dtable *t = topojson_table(doc, L.format, values, "values", L.max_rows, a, d);
      return t ? finish_table(&L, t, 0) : NULL;
    }
    L.display = doc->path;
    if (read_format(&L)) return NULL;
    /* {values: {hits: {hits: [...]}}, format: {property: "hits.hits"}} */
    if (values->kind == SPEC_MAP && L.property && !spec_is_null(L.property) &&
        !(values = property_rows(&L, values, "values")))
      return NULL;
    const spec_node *features = values->kind == SPEC_MAP ? geo_feature_list(values, a) : NULL;
    dtable *t = load_values(doc, features ? features : values, L.max_rows, a, d);
    if (!t) return NULL;
    data_origin *o = arena_alloc(a, sizeof *o);
    *o = (data_origin){.loaded = t, .nrows = t->nrows, .doc = doc, .rows = values};
    t->origin = o;
    return finish_table(&L, t, 0);
  }
  if (url) {
    if (url->kind != SPEC_SCALAR || spec_is_null(url)) {
      diag_spec_error(d, spec_loc(doc, url), "'url' must be a string, found %s", spec_describe(a, url));
      return NULL;
    }
    L.url_node = url;
    L.url = url->str;
    L.display = (!strcmp(base_dir, ".") || url->str[0] == '/') ? url->str
                                                                : arena_printf(a, "%s/%s", base_dir, url->str);
    if (read_format(&L)) return NULL;
    return load_url(&L, base_dir, opts);
  }
  if (seq) return load_sequence(doc, seq, L.max_rows, a, d);
  const spec_node *grat = spec_map_get(data, "graticule"), *sphere = spec_map_get(data, "sphere");
  if (grat) return geo_graticule_table(doc, grat, a, d);
  if (sphere) return geo_sphere_table(a);
  const spec_node *name = spec_map_get(data, "name");
  if (name && name->kind == SPEC_SCALAR) {
    diag_spec_error(d, spec_loc(doc, name), "named data ('%s') is not supported: give 'values' or 'url'", name->str);
    return NULL;
  }
  diag_spec_error(d, spec_loc(doc, data), "'data' needs 'values' (inline rows) or 'url' (a local CSV, TSV or JSON file)");
  return NULL;
}

dtable *data_load(const spec_doc *doc, const spec_node *data, const char *base_dir, arena *a, diag_list *d) {
  return data_load_ex(doc, data, base_dir, NULL, a, d); /* NULL: doc->data_opts */
}
