/* Values a chart cannot read, and fields it cannot find, said where they
 * are written and what to do about them (data_check.h).
 *
 * Messages (exact; tests compare them).  <f> is the field, <v> the value
 * as written, <where> "in row <n>" (the source's row: a CSV file's data
 * row, the n-th of the inline rows) or "in row <n> after the transforms"
 * (a value a transform made, located at the field):
 *   field '<f>' has '<v>' <where>, not a number: <why>[ (and <k> more rows)]
 *   field '<f>' holds text, not numbers ('<v>' <where>): use type: nominal for categories
 *   field '<f>' has '<v>' <where>, not a date: <why>[ (and <k> more rows)]
 *   field '<f>' has the number <v> <where>, which a temporal field reads as milliseconds since 1970: <fix>
 * <why> for a number:
 *   the value has a unit; write <n> and put <unit> in the axis title
 *   it has a thousands separator; write <n> (a CSV file may keep them)
 *   it is written in full-width digits; write <n>
 *   it is a percentage; write <n> (or <n/100> with format '%')
 *   it has a decimal comma; write <n>
 *   it has spaces around it; write <n>
 *   it is a date; use type: temporal
 *   leave the cell empty for a missing value, or set the mark's invalid: filter to leave such rows out
 * <why> for a date: a pattern to give, or the forms huitu reads.
 * And data_no_field's (data.h):
 *   no field '<f>' in the data[ (did you mean '<s>'?)]; fields are: <a>, <b>, ...
 *   no field '<f>' in the data: its only field is '<h>'; is the file separated by '<c>'? read it with format: {...}
 *   no field '<f>' in the data: the data's field is '<s>', with spaces around the name; remove them from the header (or write field: '<s>') */
#include "data/data_check.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv.h"
#include "data/timefmt.h"
#include "spec/keys.h"

/* ---- reading values --------------------------------------------------------- */

/* The code point at *s (advancing it); malformed bytes read as themselves. */
static uint32_t next_cp(const char **s) {
  const unsigned char *p = (const unsigned char *)*s;
  uint32_t c = *p;
  int n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (n) c &= 0x3F >> n;
  int i = 1;
  for (; i <= n && (p[i] & 0xC0) == 0x80; i++) c = c << 6 | (p[i] & 0x3F);
  if (i <= n) c = *p, i = 1;
  *s += i;
  return c;
}

static int cp_count(const char *s) {
  int n = 0;
  while (*s) next_cp(&s), n++;
  return n;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int data_parse_grouped(const char *s, double *out) {
  const char *p = s + (*s == '-');
  size_t head = strspn(p, "0123456789");
  if (head < 1 || head > 3 || p[head] != ',') return -1;
  char buf[64];
  size_t o = 0;
  if (*s == '-') buf[o++] = '-';
  memcpy(buf + o, p, head);
  o += head;
  p += head;
  while (*p == ',') {
    if (strspn(p + 1, "0123456789") != 3 || o + 3 >= sizeof buf - 24) return -1;
    memcpy(buf + o, p + 1, 3);
    o += 3;
    p += 4;
  }
  if (*p == '.') {
    size_t f = strspn(p + 1, "0123456789");
    if (!f || f > 20) return -1;
    memcpy(buf + o, p, f + 1);
    o += f + 1;
    p += f + 1;
  }
  if (*p) return -1;
  buf[o] = 0;
  *out = strtod(buf, NULL);
  return 0;
}

double data_time_value(const cell *c) {
  double t;
  if (c->type == EXPR_NUM) {
    if (c->str && timefmt_parse(c->str, &t) == 0) return t; /* a CSV text: "2012" */
    return c->num;
  }
  if (c->type == EXPR_STR && timefmt_parse(c->str, &t) == 0) return t;
  return NAN;
}

/* A string a number field reads as missing rather than wrong: blank, or
 * "NaN" (JavaScript's +"NaN"). */
static int blank(const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  return !*s || !strcmp(s, "NaN");
}

static int number_as_date(double v, char *fix, size_t n);

/* Whether the cell reads as what the field wants; missing values (null,
 * blank, NaN) do.  A temporal field's number reads unless it is surely
 * not milliseconds (number_as_date). */
static int reads(const cell *c, data_want want) {
  if (c->type == EXPR_NULL) return 1;
  if (c->type == EXPR_STR && blank(c->str)) return 1;
  if (c->type == EXPR_NUM && !isfinite(c->num)) return 1;
  double t;
  if (want == DATA_WANT_NUMBER) return c->type != EXPR_STR || isfinite(cell_number(c));
  if (c->type == EXPR_NUM) {
    char fix[160];
    return (c->str && timefmt_parse(c->str, &t) == 0) || !number_as_date(c->num, fix, sizeof fix);
  }
  return c->type == EXPR_STR && timefmt_parse(c->str, &t) == 0;
}

/* ---- what a value that does not read looks like ----------------------------- */

/* s with full-width ASCII (U+FF01-FF5E) and the ideographic space made
 * ASCII, into out; 1 when anything changed. */
static int halfwidth(const char *s, char *out, size_t n) {
  size_t o = 0;
  int changed = 0;
  while (*s && o + 5 < n) {
    const char *q = s;
    uint32_t c = next_cp(&s);
    if (c >= 0xFF01 && c <= 0xFF5E) {
      out[o++] = (char)(c - 0xFEE0);
      changed = 1;
    } else if (c == 0x3000) {
      out[o++] = ' ';
      changed = 1;
    } else {
      memcpy(out + o, q, (size_t)(s - q));
      o += (size_t)(s - q);
    }
  }
  out[o] = 0;
  return changed;
}

static int plain_number(const char *s, double *v) { return spec_scalar_number(s, strlen(s), v) == 0 && isfinite(*v) ? 0 : -1; }

static const char *const missing_marks[] = {"-", "--", "—", "——", "－", "–", "/", "N/A", "n/a", "NA", "na", "#N/A",
                                            "null", "NULL", "None", "none", "…", "...", "无", "暂无", "空",
                                            "#DIV/0!", "#VALUE!", NULL};

/* Why s is not a number, into why (a clause after "not a number: "). */
static int missing_mark(const char *s) {
  for (int i = 0; missing_marks[i]; i++)
    if (!strcmp(s, missing_marks[i])) return 1;
  return 0;
}

static void why_not_number(const char *s, char *why, size_t n) {
  char hw[256];
  double v;
  if (missing_mark(s)) {
    snprintf(why, n, "leave the cell empty for a missing value, or set the mark's invalid: filter to leave such rows "
                     "out");
    return;
  }
  if (halfwidth(s, hw, sizeof hw) && (plain_number(hw, &v) == 0 || data_parse_grouped(hw, &v) == 0)) {
    snprintf(why, n, "it is written in full-width digits; write %s", hw);
    return;
  }
  const char *b = hw;
  while (*b == ' ') b++;
  size_t bl = strlen(b);
  while (bl && b[bl - 1] == ' ') bl--;
  char trimmed[256];
  snprintf(trimmed, sizeof trimmed, "%.*s", (int)bl, b);
  if (strcmp(trimmed, s) && plain_number(trimmed, &v) == 0) {
    snprintf(why, n, "it has spaces around it; write %s", trimmed);
    return;
  }
  if (data_parse_grouped(trimmed, &v) == 0) {
    char plain[64];
    size_t o = 0;
    for (const char *p = trimmed; *p && o + 1 < sizeof plain; p++)
      if (*p != ',') plain[o++] = *p;
    plain[o] = 0;
    snprintf(why, n, "it has a thousands separator; write %s (a CSV file may keep them)", plain);
    return;
  }
  if (bl > 1 && trimmed[bl - 1] == '%') {
    trimmed[bl - 1] = 0;
    if (plain_number(trimmed, &v) == 0) {
      snprintf(why, n, "it is a percentage; write %s (or %g with format '%%')", trimmed, v / 100);
      return;
    }
    trimmed[bl - 1] = '%';
  }
  /* "12,5": a decimal comma (not groups of three) */
  const char *comma = strchr(trimmed, ',');
  if (comma && !strchr(comma + 1, ',') && comma > trimmed && is_digit(comma[-1]) && is_digit(comma[1])) {
    char dot[64];
    snprintf(dot, sizeof dot, "%.*s.%s", (int)(comma - trimmed), trimmed, comma + 1);
    if (plain_number(dot, &v) == 0) {
      snprintf(why, n, "it has a decimal comma; write %s", dot);
      return;
    }
  }
  double t;
  if (timefmt_parse(s, &t) == 0) {
    snprintf(why, n, "it is a date; use type: temporal");
    return;
  }
  /* A number, then a unit: "38487张", "6 分钟", "80万人", "5kg". */
  const char *p = trimmed + (*trimmed == '-');
  size_t digits = strspn(p, "0123456789.,");
  if (digits && is_digit(*p)) {
    char num[64];
    snprintf(num, sizeof num, "%.*s", (int)(p - trimmed) + (int)digits, trimmed);
    const char *unit = p + digits;
    while (*unit == ' ') unit++;
    double g;
    if (*unit && (plain_number(num, &v) == 0 || data_parse_grouped(num, &g) == 0)) {
      snprintf(why, n, "the value has a unit; write %s and put %s in the axis title", num, unit);
      return;
    }
  }
  snprintf(why, n, "leave the cell empty for a missing value, or set the mark's invalid: filter to leave such rows "
                   "out");
}

/* Why s is not a date, into why (after "not a date: "); field names the
 * field in the pattern to give. */
static void why_not_date(const char *s, const char *field, char *why, size_t n) {
  char hw[256];
  double t;
  if (halfwidth(s, hw, sizeof hw) && timefmt_parse(hw, &t) == 0) {
    snprintf(why, n, "it is written in full-width digits; write %s", hw);
    return;
  }
  /* 2019.11, 2019.9.11, 20190911: patterns timefmt_parse does not guess */
  const char *pat = NULL;
  size_t d1 = strspn(s, "0123456789");
  if (d1 == 4 && s[4] == '.' && is_digit(s[5])) {
    const char *q = s + 5 + strspn(s + 5, "0123456789");
    if (!*q) pat = "%Y.%m";
    else if (*q == '.' && is_digit(q[1]) && !q[1 + strspn(q + 1, "0123456789")]) pat = "%Y.%m.%d";
  } else if (d1 == 8 && !s[8]) {
    pat = "%Y%m%d";
  } else if (d1 == 6 && !s[6]) {
    pat = "%Y%m";
  }
  if (pat) {
    snprintf(why, n, "give its pattern in the data's format: {parse: {%s: \"date:'%s'\"}}", field, pat);
    return;
  }
  snprintf(why, n, "write dates as 2019-09-11, 2019/9/11, 2019-09 or 2019年9月11日, or give their pattern in the "
                   "data's format: {parse: {%s: \"date:'...'\"}}",
           field);
}

/* A number in a temporal field that is surely not milliseconds: a year,
 * 20190911 or 201909.  The fix, into fix; 0 when v looks like a time. */
static int number_as_date(double v, char *fix, size_t n) {
  if (v >= 1000 && v < 3000) {
    if (v == floor(v))
      snprintf(fix, n, "write the year as a string ('%.0f'), or use type: ordinal", v);
    else
      snprintf(fix, n, "write dates as strings, as '2019-09' or '2019年9月'");
    return 1;
  }
  if (v != floor(v)) return 0;
  long x = (long)v;
  if (v >= 19000101 && v <= 29991231 && x / 100 % 100 >= 1 && x / 100 % 100 <= 12 && x % 100 >= 1 && x % 100 <= 31) {
    snprintf(fix, n, "write it as a date string ('%04ld-%02ld-%02ld')", x / 10000, x / 100 % 100, x % 100);
    return 1;
  }
  if (v >= 190001 && v <= 299912 && x % 100 >= 1 && x % 100 <= 12) {
    snprintf(fix, n, "write it as a date string ('%04ld-%02ld')", x / 100, x % 100);
    return 1;
  }
  return 0;
}

/* ---- where a value is written ----------------------------------------------- */

typedef struct where {
  src_loc loc;
  long row;   /* 1-based */
  int source; /* row counts the source's rows (else the transformed table's) */
} where;

static int char_col(const char *from, const char *to) {
  int col = 1;
  while (from < to) next_cp(&from), col++;
  return col;
}

/* The node of a nested row (a.b, a[0]) whose text is s, up to 3 levels. */
static const spec_node *find_str(const spec_node *n, const char *s, int depth) {
  if (!n) return NULL;
  if (n->kind == SPEC_SCALAR) return n->str == s ? n : NULL;
  if (depth >= 3) return NULL;
  for (int i = 0; i < n->n; i++) {
    const spec_node *f = find_str(n->items[i], s, depth + 1);
    if (f) return f;
  }
  return NULL;
}

static where locate(const spec_doc *doc, const spec_node *at, const dtable *t, int r, int col) {
  const cell *c = dtable_row(t, r) + col;
  const data_origin *o = t->origin;
  where w = {spec_loc(doc, at), r + 1, 0};
  if (!o) return w;
  if (o->text && o->csv && o->csv->start && c->str && c->str >= o->text && c->str < o->text + o->len &&
      o->nrows > 0) {
    int lo = 0, hi = o->nrows - 1; /* the last row starting at or before the value */
    while (lo < hi) {
      int mid = lo + (hi - lo + 1) / 2;
      if (csv_row_start(o->csv, o->text, mid) <= c->str) lo = mid;
      else hi = mid - 1;
    }
    w.row = lo + 1;
    w.source = 1;
    /* a quoted field before it on its row may hold line breaks (kept in
     * place: the parser only shortens fields and ends them with a NUL) */
    const char *ls = csv_row_start(o->csv, o->text, lo);
    int line = csv_row_line(o->csv, lo);
    for (const char *q = ls; q < c->str; q++)
      if (*q == '\n' || (*q == '\r' && q[1] != '\n')) line++, ls = q + 1;
    w.loc = o->path ? (src_loc){o->path, line, char_col(ls, c->str)} : spec_loc(o->doc, o->inline_at);
    return w;
  }
  if (!o->rows || o->rows->kind != SPEC_SEQ) return w;
  if (c->str) {
    for (int i = 0; i < o->rows->n; i++) {
      const spec_node *f = find_str(o->rows->items[i], c->str, 0);
      if (f) return (where){spec_loc(o->doc, f), i + 1, 1};
    }
  }
  if (t == o->loaded && r < o->rows->n) { /* a number: the same row of the source */
    const spec_node *row = o->rows->items[r], *f = row->kind == SPEC_MAP ? spec_map_get(row, t->names[col]) : row;
    return (where){spec_loc(o->doc, f ? f : row), r + 1, 1};
  }
  return w;
}

const data_origin *data_origin_transformed(const data_origin *o, arena *a) {
  if (!o || !o->loaded) return o;
  data_origin *n = arena_alloc(a, sizeof *n);
  *n = *o;
  n->loaded = NULL;
  return n;
}

static const char *row_words(const where *w, char *buf, size_t n) {
  snprintf(buf, n, "in row %ld%s", w->row, w->source ? "" : " after the transforms");
  return buf;
}

/* ---- the check -------------------------------------------------------------- */

int data_check_values(const spec_doc *doc, const spec_node *at, const dtable *t, int col, const char *field,
                      data_want want, diag_list *d) {
  if (!t || col < 0 || col >= t->ncols) return 0;
  int first = -1, digits = 0; /* digits: a bad value that is no mere text (a number of sorts, a "-") */
  long bad = 0, good = 0;
  for (int r = 0; r < t->nrows; r++) {
    const cell *c = dtable_row(t, r) + col;
    if (reads(c, want)) {
      good += c->type != EXPR_NULL && !(c->type == EXPR_STR && blank(c->str));
      continue;
    }
    if (first < 0) first = r;
    bad++;
    char hw[256];
    if (c->type == EXPR_STR && (halfwidth(c->str, hw, sizeof hw), strpbrk(hw, "0123456789") || missing_mark(c->str)))
      digits = 1;
  }
  if (first < 0) return 0;
  const cell *c = dtable_row(t, first) + col;
  where w = locate(doc, at, t, first, col);
  char rw[64], more[64] = "", why[600];
  row_words(&w, rw, sizeof rw);
  if (bad > 1) snprintf(more, sizeof more, " (and %ld more row%s)", bad - 1, bad > 2 ? "s" : "");
  if (want == DATA_WANT_NUMBER && !good && !digits && c->type == EXPR_STR) {
    diag_spec_error(d, w.loc, "field '%s' holds text, not numbers ('%s' %s): use type: nominal for categories", field,
                    c->str, rw);
    return -1;
  }
  if (c->type == EXPR_NUM) { /* a number in a temporal field */
    if (c->str) {
      why_not_date(c->str, field, why, sizeof why);
      diag_spec_error(d, w.loc, "field '%s' has '%s' %s, not a date: %s%s", field, c->str, rw, why, more);
    } else {
      number_as_date(c->num, why, sizeof why);
      diag_spec_error(d, w.loc, "field '%s' has the number %s %s, which a temporal field reads as milliseconds "
                      "since 1970: %s%s", field, cell_string(c, t->a), rw, why, more);
    }
    return -1;
  }
  const char *v = c->type == EXPR_BOOL ? (c->boolean ? "true" : "false") : c->str;
  if (want == DATA_WANT_DATE) {
    if (c->type == EXPR_BOOL) snprintf(why, sizeof why, "write dates as 2019-09-11, 2019/9/11 or 2019年9月11日");
    else why_not_date(v, field, why, sizeof why);
    diag_spec_error(d, w.loc, "field '%s' has '%s' %s, not a date: %s%s", field, v, rw, why, more);
  } else {
    why_not_number(v, why, sizeof why);
    diag_spec_error(d, w.loc, "field '%s' has '%s' %s, not a number: %s%s", field, v, rw, why, more);
  }
  return -1;
}

/* ---- fields that are not there ---------------------------------------------- */

/* The name with surrounding spaces gone, full-width ASCII made ASCII and
 * ASCII letters in lower case: names equal so are the same to a reader. */
static void squash_name(const char *s, char *out, size_t n) {
  char hw[256];
  halfwidth(s, hw, sizeof hw);
  const char *b = hw;
  while (*b == ' ' || *b == '\t') b++;
  size_t l = strlen(b);
  while (l && (b[l - 1] == ' ' || b[l - 1] == '\t')) l--;
  if (l >= n) l = n - 1;
  for (size_t i = 0; i < l; i++) out[i] = (char)(b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]);
  out[l] = 0;
}

/* Edit distance over code points (a Chinese name's typo is one character,
 * three bytes), of names up to 32 code points. */
static int cp_distance(const char *a, const char *b) {
  uint32_t x[33], y[33];
  int n = 0, m = 0;
  while (*a && n < 33) x[n++] = next_cp(&a);
  while (*b && m < 33) y[m++] = next_cp(&b);
  if (n > 32 || m > 32) return 99;
  int prev[33], cur[33];
  for (int j = 0; j <= m; j++) prev[j] = j;
  for (int i = 1; i <= n; i++) {
    cur[0] = i;
    for (int j = 1; j <= m; j++) {
      int s = prev[j - 1] + (x[i - 1] != y[j - 1]);
      if (prev[j] + 1 < s) s = prev[j] + 1;
      if (cur[j - 1] + 1 < s) s = cur[j - 1] + 1;
      cur[j] = s;
    }
    memcpy(prev, cur, sizeof cur);
  }
  return prev[m];
}

/* The field a reader most likely meant: the same name but for spaces,
 * case or full-width letters; a key-style suggestion (keys_suggest); a
 * name one character off (two, past four characters); or, for names of
 * two or more characters, one holding the other (床位数 / 床位). */
static const char *suggest_field(const char *name, const char *const *names, int n) {
  char a[256], b[256];
  squash_name(name, a, sizeof a);
  for (int i = 0; i < n; i++) {
    squash_name(names[i], b, sizeof b);
    if (!strcmp(a, b)) return names[i];
  }
  const char *s = keys_suggest(name, names, n);
  if (s) return s;
  int len = cp_count(name), best = 99;
  for (int i = 0; i < n; i++) {
    int l = cp_count(names[i]), dist = cp_distance(name, names[i]);
    if (l < 2 || len < 2) continue;
    if (dist > (len > 4 ? 2 : 1) && !((len > l && strstr(name, names[i])) || (l > len && strstr(names[i], name))))
      continue;
    if (dist < best) best = dist, s = names[i];
  }
  return s;
}

void data_no_field(const spec_doc *doc, const spec_node *at, const dtable *t, const char *name, diag_list *d) {
  src_loc loc = spec_loc(doc, at);
  if (t->ncols == 1) { /* "年份;床位": a file separated by something else */
    static const struct {
      char c;
      const char *how;
    } seps[] = {{';', "{type: dsv, delimiter: ';'}"}, {'\t', "{type: tsv}"}, {'|', "{type: dsv, delimiter: '|'}"}};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
      if (strchr(t->names[0], seps[i].c)) {
        diag_spec_error(d, loc,
                        "no field '%s' in the data: its only field is '%s'; is the file separated by '%s'? read it "
                        "with format: %s",
                        name, t->names[0], seps[i].c == '\t' ? "\\t" : (char[2]){seps[i].c, 0}, seps[i].how);
        return;
      }
  }
  const char *s = suggest_field(name, t->names, t->ncols);
  char a[256], b[256];
  if (s) {
    squash_name(s, a, sizeof a);
    squash_name(name, b, sizeof b);
  }
  if (s && !strcmp(a, b) && strcmp(a, s) && strlen(s) > strlen(a)) { /* '床位 ': spaces an editor does not show */
    diag_spec_error(d, loc, "no field '%s' in the data: the data's field is '%s', with spaces around the name; remove "
                    "them from the header (or write field: '%s')", name, s, s);
    return;
  }
  char list[400];
  size_t o = 0;
  list[0] = 0;
  /* snprintf returns what it would have written: a long name must not
   * carry o past the buffer (found by fuzz_spec: index 475 of 400). */
  for (int i = 0; i < t->ncols && o < sizeof list - 60; i++) {
    int w = snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", t->names[i]);
    o = w < 0 ? o : o + (size_t)w < sizeof list - 6 ? o + (size_t)w : sizeof list - 6;
  }
  if (o >= sizeof list - 60) snprintf(list + o, sizeof list - o, ", ...");
  if (s)
    diag_spec_error(d, loc, "no field '%s' in the data (did you mean '%s'?); fields are: %s", name, s, list);
  else
    diag_spec_error(d, loc, "no field '%s' in the data; fields are: %s", name, list);
}
