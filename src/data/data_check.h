/* A table's values checked against what a chart reads from them, each
 * problem located where the value is written: the line and column in its
 * CSV file, or the value's own line:col in the spec's inline rows or a
 * JSON file.  A value a quantitative field cannot read as a number (or a
 * temporal field as a date) is an error, never a silently blank chart. */
#ifndef HUITU_DATA_DATA_CHECK_H
#define HUITU_DATA_DATA_CHECK_H
#include "base/diag.h"
#include "data/data.h"
#include "spec/node.h"

/* Where a loaded table's cells came from; data_load sets it.  Tables the
 * transforms make keep it (dtable_like, transform_apply): a cell
 * is found again by the address of its text, so a value a transform
 * computed is simply not found, and its message is located at the field. */
typedef struct data_origin {
  const dtable *loaded; /* the table as loaded, its row r source row r (NULL once transformed:
                         * a filter works in place) */
  int nrows;            /* the source's rows */
  /* CSV/TSV text: string cells point into text[0..len); where data row r
   * starts and on which line of `path` it is: csv_row_start and
   * csv_row_line of csv (NULL: not known) (path NULL: inline CSV text in
   * the spec, located at inline_at) */
  const char *text;
  size_t len;
  const char *path;
  const struct csv_rows *csv;
  const spec_node *inline_at;
  /* inline rows or a JSON file: the list of rows, located through doc */
  const spec_doc *doc;
  const spec_node *rows;
} data_origin;

/* What a field reads from its values. */
typedef enum { DATA_WANT_NUMBER, DATA_WANT_DATE } data_want;

/* A cell as a temporal field reads it, in ms since 1970 (UTC): strings
 * parsed as dates (timefmt_parse), numbers as they are, except a number
 * read from a CSV text, which is parsed from that text first ("2012" is
 * the year, as Vega-Lite's implicit date parse reads a CSV's text).  NAN
 * when it is not a date. */
double data_time_value(const cell *c);

/* Column col of t, the field `field` of a chart, read as numbers or dates:
 * the first value that does not read is a located error quoting it, the
 * field and its row, saying what the value looks like (a unit, a
 * thousands separator, full-width digits, a percentage, a date, text, a
 * year written as a number in a temporal field) and how many more there
 * are.  Nulls and empty cells are missing values, not errors.  at: the
 * field's node, for a value whose place is not known.  0, or -1 after the
 * error. */
/* The origin of a table transforms made from one of origin o (a copy
 * without `loaded`, in a), or NULL for NULL. */
const data_origin *data_origin_transformed(const data_origin *o, arena *a);

int data_check_values(const spec_doc *doc, const spec_node *at, const dtable *t, int col, const char *field,
                      data_want want, diag_list *d);

/* A CSV field with thousands separators ("85,055", "-1,234.5": groups of
 * three digits after the first one to three): 0 with *out set, else -1. */
int data_parse_grouped(const char *s, double *out);
#endif
