#include "data/csv.h"

#include <stdio.h>
#include <string.h>

#include "base/limits.h"

static int char_col(const char *line_start, const char *pos) {
  int col = 1;
  for (const char *q = line_start; q < pos; q++)
    if (((unsigned char)*q & 0xC0) != 0x80) col++;
  return col;
}

static dtable *fail(csv_error *err, int line, const char *ls, const char *pos, const char *msg) {
  err->line = line;
  err->col = char_col(ls, pos);
  snprintf(err->msg, sizeof err->msg, "%s", msg);
  return NULL;
}

/* "85" then "055": the two halves of a number with a thousands separator
 * that was not quoted (1-3 digits, then 3 digits and maybe decimals). */
static int thousands_split(const char *head, const char *tail) {
  const char *p = head + (*head == '-');
  size_t n = strspn(p, "0123456789");
  if (n < 1 || n > 3 || p[n]) return 0;
  if (strspn(tail, "0123456789") != 3) return 0;
  return !tail[3] || (tail[3] == '.' && tail[4] >= '0' && tail[4] <= '9' && !tail[4 + strspn(tail + 4, "0123456789")]);
}

/* Fields after a delimiter at p, up to the end of the record (quotes
 * respected), for the message about a long row. */
static int count_rest(const char *p, const char *end, char delim) {
  int n = 1, q = 0;
  for (; p < end; p++) {
    if (*p == '"') q = !q;
    else if (!q && *p == delim) n++;
    else if (!q && (*p == '\n' || *p == '\r')) break;
  }
  return n;
}

/* The error for a record of nf fields against a header of ncols; split:
 * the first pair of fields that reads as a split number, or NULL. */
static dtable *ragged(csv_error *err, int line, const char *ls, const char *pos, int nf, int ncols, char delim,
                      const char *split_head, const char *split_tail) {
  char msg[300];
  int o = snprintf(msg, sizeof msg, "this row has %d field%s but the header has %d", nf, nf == 1 ? "" : "s", ncols);
  if (split_head && delim == ',')
    snprintf(msg + o, sizeof msg - (size_t)o,
             ": is %s,%s one number? a number with a thousands separator must be quoted (\"%s,%s\") or written "
             "without it (%s%s)",
             split_head, split_tail, split_head, split_tail, split_head, split_tail);
  else if (nf > ncols)
    snprintf(msg + o, sizeof msg - (size_t)o, ": a field that holds '%c' must be quoted", delim);
  else
    snprintf(msg + o, sizeof msg - (size_t)o, ": an empty value is still written with its '%c' (as in 2019%c)", delim, delim);
  return fail(err, line, ls, pos, msg);
}

const char *csv_row_start(const csv_rows *rows, const char *text, int r) { return text + rows->start[r]; }

int csv_row_line(const csv_rows *rows, int r) {
  int lo = 0, hi = rows->njumps - 1; /* the last jump at or before r (the first is at row 0) */
  while (lo < hi) {
    int mid = lo + (hi - lo + 1) / 2;
    if (rows->jump_row[mid] <= r) lo = mid;
    else hi = mid - 1;
  }
  return rows->jump_line[lo] + r - rows->jump_row[lo];
}

dtable *csv_parse(char *text, size_t len, char delim, int max_rows, arena *a, csv_error *err, csv_rows *rows) {
  if (max_rows <= 0) max_rows = LIMIT_ROWS;
  char *p = text, *end = text + len;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
  int line = 1;
  const char *ls = p; /* start of the current line, for columns */
  dtable *t = dtable_new(a);
  int ncols = -1;     /* -1 until the header is read */
  int *colmap = NULL; /* header field index -> table column */
  const char **hdr = NULL;
  int hcap = 0, rcap = 0, jcap = 0, nj = 0;
  uint32_t *start = NULL; /* rows->start, sized once the header is read */
  int *jrow = NULL, *jline = NULL;
  char msg[300];
  if (rows) *rows = (csv_rows){0};

  const char *hdr_ls = p;
  int hdr_line = 1;
  while (p < end) {
    /* A line of spaces is empty too (a blank line an editor left). */
    char *b = p;
    while (b < end && (*b == ' ' || (*b == '\t' && delim != '\t'))) b++;
    if (b == end || *b == '\n' || *b == '\r') p = b;
    if (p == end) break;
    if (*p == '\n' || *p == '\r') { /* empty line */
      if (*p == '\r' && p + 1 < end && p[1] == '\n') p++;
      p++;
      line++;
      ls = p;
      continue;
    }
    cell *row = NULL;
    if (ncols < 0) hdr_ls = ls, hdr_line = line;
    if (ncols >= 0) {
      if (t->nrows >= max_rows) {
        snprintf(msg, sizeof msg, "too many rows (more than %d)", max_rows);
        return fail(err, line, ls, p, msg);
      }
      row = dtable_add_row(t);
      if (start) {
        int r = t->nrows - 1;
        if (r >= rcap) { /* more rows than lines counted: cannot happen, but stay in bounds */
          int nc = rcap ? rcap * 2 : 64;
          start = arena_grow(a, start, (size_t)rcap, (size_t)nc, sizeof *start);
          rcap = nc;
        }
        start[r] = (uint32_t)(p - text);
        if (!nj || line != jline[nj - 1] + r - jrow[nj - 1]) {
          if (nj == jcap) {
            int nc = jcap ? jcap * 2 : 16;
            jrow = arena_grow(a, jrow, (size_t)jcap, (size_t)nc, sizeof *jrow);
            jline = arena_grow(a, jline, (size_t)jcap, (size_t)nc, sizeof *jline);
            jcap = nc;
          }
          jrow[nj] = r;
          jline[nj++] = line;
        }
        *rows = (csv_rows){start, jrow, jline, nj};
      }
    }
    const char *prevf = NULL, *split_head = NULL, *split_tail = NULL;
    for (int fi = 0;; fi++) {
      /* A quoted field's text stays where it is, after its quote (only a
       * doubled quote moves what follows it), so data_check can find a
       * value's line and column from its address. */
      char *fstart = p, *cstart = p, *w;
      int fline = line;
      const char *fls = ls;
      if (p < end && *p == '"') {
        p++;
        cstart = w = p;
        for (;;) {
          if (p >= end) return fail(err, fline, fls, fstart, "unterminated quoted field (the quote opens here)");
          char c = *p;
          if (c == '"') {
            if (p + 1 < end && p[1] == '"') {
              *w++ = '"';
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (c == '\n' || (c == '\r' && !(p + 1 < end && p[1] == '\n'))) {
            line++;
            ls = p + 1;
          }
          *w++ = c;
          p++;
        }
        if (p < end && *p != delim && *p != '\n' && *p != '\r')
          return fail(err, line, ls, p,
                      "unexpected character after a closing quote: a quote inside a quoted field must be "
                      "doubled (\"\")");
      } else {
        while (p < end && *p != delim && *p != '\n' && *p != '\r') p++;
        w = p;
      }
      if (w - cstart > LIMIT_STRING_BYTES) {
        snprintf(msg, sizeof msg, "a field is longer than %d bytes", LIMIT_STRING_BYTES);
        return fail(err, fline, fls, fstart, msg);
      }
      char term = p < end ? *p : 0;
      *w = 0;
      if (ncols < 0) {
        if (fi >= CSV_MAX_COLUMNS) {
          snprintf(msg, sizeof msg, "too many columns (more than %d)", CSV_MAX_COLUMNS);
          return fail(err, fline, fls, fstart, msg);
        }
        if (fi == hcap) {
          int nc = hcap ? hcap * 2 : 16;
          hdr = arena_grow(a, hdr, (size_t)hcap, (size_t)nc, sizeof *hdr);
          hcap = nc;
        }
        hdr[fi] = cstart;
      } else {
        if (prevf && !split_head && thousands_split(prevf, cstart)) split_head = prevf, split_tail = cstart;
        if (fi >= ncols) return ragged(err, fline, fls, fstart, fi + 1 + (term == delim ? count_rest(p + 1, end, delim) : 0), ncols, delim,
                                       split_head, split_tail);
        row[colmap[fi]] = (cell){.type = EXPR_STR, .str = cstart};
        prevf = cstart;
      }
      if (p < end && term == delim) {
        p++;
        continue;
      }
      if (ncols >= 0 && fi + 1 < ncols) return ragged(err, line, ls, p, fi + 1, ncols, delim, NULL, NULL);
      if (term == '\r') {
        p++;
        if (p < end && *p == '\n') p++;
      } else if (term == '\n') {
        p++;
      }
      line++;
      ls = p;
      if (ncols < 0) {
        ncols = fi + 1;
        colmap = arena_alloc_array(a, (size_t)ncols, sizeof *colmap);
        size_t lines = 1;
        for (const char *q = p; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++) lines++;
        dtable_reserve(t, lines > (size_t)max_rows ? max_rows : (int)lines, ncols);
        if (rows && len <= UINT32_MAX) {
          rcap = lines > (size_t)max_rows ? max_rows : (int)lines;
          start = arena_alloc_array(a, (size_t)rcap, sizeof *start);
        }
        for (int i = 0; i < ncols; i++) {
          if (hdr[i][0] && dtable_col(t, hdr[i]) >= 0) {
            int first = 0;
            while (strcmp(hdr[first], hdr[i])) first++;
            snprintf(msg, sizeof msg, "the header names the column '%.200s' twice (columns %d and %d)", hdr[i],
                     first + 1, i + 1);
            return fail(err, hdr_line, hdr_ls, hdr[i], msg);
          }
          colmap[i] = dtable_add_col(t, hdr[i]);
        }
      }
      break;
    }
  }
  return t;
}
