/* Delimiter-separated values (CSV, TSV, DSV) as RFC 4180 defines them:
 * a header row names the columns; fields may be quoted with '"', a quote
 * inside a quoted field is doubled, and quoted fields may hold delimiters
 * and line breaks.  Records end with LF, CRLF or a lone CR.  A UTF-8 byte
 * order mark is skipped; empty lines are skipped.  A record with fewer
 * fields than the header gets nulls; extra fields are dropped (as d3-dsv
 * does).  Later duplicate header names overwrite earlier ones.
 *
 * The parser works in place: it unquotes fields inside `text` and writes a
 * NUL after each, so every string cell points into `text`, which must stay
 * alive (and unchanged) as long as the table.  No allocation per cell. */
#ifndef HUITU_DATA_CSV_H
#define HUITU_DATA_CSV_H
#include <stddef.h>

#include "data/data.h"

#define CSV_MAX_COLUMNS 10000

typedef struct csv_error {
  int line, col; /* 1-based, in the text; col counts characters */
  char msg[200];
} csv_error;

/* text[0..len) must be writable, and text[len] too (a NUL goes there).
 * max_rows: most data rows (0: LIMIT_ROWS).
 * Returns a table of string cells (empty fields are empty strings, missing
 * ones null), or NULL with *err filled.  Errors (exact messages):
 *   "unterminated quoted field (the quote opens here)"
 *   "unexpected character after a closing quote: a quote inside a quoted field must be doubled (\"\")"
 *   "a field is longer than 65536 bytes"            (LIMIT_STRING_BYTES)
 *   "too many rows (more than <max_rows>)"
 *   "too many columns (more than 10000)"            (CSV_MAX_COLUMNS) */
dtable *csv_parse(char *text, size_t len, char delim, int max_rows, arena *a, csv_error *err);
#endif
