/* Delimiter-separated values (CSV, TSV, DSV) as RFC 4180 defines them:
 * a header row names the columns; fields may be quoted with '"', a quote
 * inside a quoted field is doubled, and quoted fields may hold delimiters
 * and line breaks.  Records end with LF, CRLF or a lone CR.  A UTF-8 byte
 * order mark is skipped; empty lines are skipped.  Every record must have
 * as many fields as the header, and header names must differ: d3-dsv
 * fills a short record with nulls, drops a long record's extra fields and
 * lets a later column of a name replace the earlier one, so an unquoted
 * "85,055" silently became 85 -- here each is an error.
 *
 * The parser works in place: it unquotes fields inside `text` and writes a
 * NUL after each, so every string cell points into `text`, which must stay
 * alive (and unchanged) as long as the table.  No allocation per cell.  A
 * field's text starts where it is written (after a quote), and line breaks
 * in quoted fields stay in place, so a cell's address tells its line and
 * column (csv_rows, data_check.h). */
#ifndef HUITU_DATA_CSV_H
#define HUITU_DATA_CSV_H
#include <stddef.h>
#include <stdint.h>

#include "data/data.h"

#define CSV_MAX_COLUMNS 10000

typedef struct csv_error {
  int line, col; /* 1-based, in the text; col counts characters */
  char msg[300];
} csv_error;

/* Where each data row starts in the text and on which line (1-based),
 * for messages about a value (data_check.h), in 4 bytes a row: the start
 * as an offset into the text (arena array of nrows; NULL for a text of
 * 4 GB or more), the line as the row's number plus the last jump before it
 * (a blank line or a quoted line break moves the rows after it down). */
typedef struct csv_rows {
  const uint32_t *start;
  const int *jump_row, *jump_line; /* from row jump_row[k] on, row r is on line jump_line[k] + r - jump_row[k] */
  int njumps;
} csv_rows;
/* Start and line of data row r (0 <= r < the table's rows). */
const char *csv_row_start(const csv_rows *rows, const char *text, int r);
int csv_row_line(const csv_rows *rows, int r);

/* text[0..len) must be writable, and text[len] too (a NUL goes there).
 * max_rows: most data rows (0: LIMIT_ROWS).  rows: filled when not NULL.
 * Returns a table of string cells (empty fields are empty strings, missing
 * ones null), or NULL with *err filled.  Errors (exact messages):
 *   "unterminated quoted field (the quote opens here)"
 *   "unexpected character after a closing quote: a quote inside a quoted field must be doubled (\"\")"
 *   "a field is longer than 65536 bytes"            (LIMIT_STRING_BYTES)
 *   "too many rows (more than <max_rows>)"
 *   "too many columns (more than 10000)"            (CSV_MAX_COLUMNS)
 *   "this row has <n> fields but the header has <h>" + a hint: at the
 *      first extra field, or at the end of a short row
 *   "the header names the column '<name>' twice (columns <i> and <j>)"
 *      at the second (empty names may repeat: nothing can refer to them) */
dtable *csv_parse(char *text, size_t len, char delim, int max_rows, arena *a, csv_error *err, csv_rows *rows);
#endif
