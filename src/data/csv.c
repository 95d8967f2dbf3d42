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

dtable *csv_parse(char *text, size_t len, char delim, int max_rows, arena *a, csv_error *err) {
  if (max_rows <= 0) max_rows = LIMIT_ROWS;
  char *p = text, *end = text + len;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
  int line = 1;
  const char *ls = p; /* start of the current line, for columns */
  dtable *t = dtable_new(a);
  int ncols = -1;     /* -1 until the header is read */
  int *colmap = NULL; /* header field index -> table column */
  const char **hdr = NULL;
  int hcap = 0;
  char msg[120];

  while (p < end) {
    if (*p == '\n' || *p == '\r') { /* empty line */
      if (*p == '\r' && p + 1 < end && p[1] == '\n') p++;
      p++;
      line++;
      ls = p;
      continue;
    }
    cell *row = NULL;
    if (ncols >= 0) {
      if (t->nrows >= max_rows) {
        snprintf(msg, sizeof msg, "too many rows (more than %d)", max_rows);
        return fail(err, line, ls, p, msg);
      }
      row = dtable_add_row(t);
    }
    for (int fi = 0;; fi++) {
      char *fstart = p, *w;
      int fline = line;
      const char *fls = ls;
      if (p < end && *p == '"') {
        p++;
        w = fstart;
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
      if (w - fstart > LIMIT_STRING_BYTES) {
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
        hdr[fi] = fstart;
      } else if (fi < ncols) {
        row[colmap[fi]] = (cell){.type = EXPR_STR, .str = fstart};
      }
      if (p < end && term == delim) {
        p++;
        continue;
      }
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
        for (int i = 0; i < ncols; i++) colmap[i] = dtable_add_col(t, hdr[i]);
      }
      break;
    }
  }
  return t;
}
