/* Data tables for charts: named columns of cells, row-major.  A cell is an
 * expr_value so filter/calculate expressions read rows directly.  Tables
 * live in an arena (the render's or the doc's) and are never freed alone. */
#ifndef HUITU_DATA_DATA_H
#define HUITU_DATA_DATA_H
#include "base/arena.h"
#include "base/diag.h"
#include "data/expr.h"
#include "spec/node.h"

typedef expr_value cell;

struct data_origin;

typedef struct dtable {
  arena *a;
  int ncols;
  const char **names; /* column names, arena strings */
  int nrows, caprows, capcols;
  cell *cells;        /* nrows x capcols, row-major; unused cells are null */
  struct strmap *colidx; /* name -> column once there are many columns (a pivot's
                          * 100,000 keys made dtable_col quadratic); NULL: scan */
  const struct data_origin *origin; /* where the cells were read (data_check.h); NULL: unknown */
  int shared; /* cells, names and colidx are another table's (dtable_share): the first change copies them */
} dtable;

dtable *dtable_new(arena *a);
int dtable_col(const dtable *t, const char *name);      /* -1 when absent */
/* A field name as Vega-Lite writes it: "a\\.b" is the column "a.b" (s itself
 * when it has no backslash). */
const char *data_unescape_field(arena *a, const char *s);
int dtable_add_col(dtable *t, const char *name);        /* index (existing or new) */
cell *dtable_add_row(dtable *t);                        /* a row of nulls */
static inline cell *dtable_row(const dtable *t, int r) { return t->cells + (size_t)r * (size_t)t->capcols; }
/* A table that reads t's cells without copying them (a million rows are
 * tens of MB): adding a row or a column, or reserving, first gives it cells
 * of its own, so t never changes through it.  Writes go only to columns
 * dtable_add_col returned (which owns the cells first, even for a column
 * t already has).  t must not change while the share is used. */
dtable *dtable_share(const dtable *t, arena *a);
/* Copy of t's structure with no rows (same columns and origin). */
dtable *dtable_like(const dtable *t, arena *a);
/* Field lookup for expr_eval: row is a dtable_rowref. */
typedef struct dtable_rowref {
  const dtable *t;
  int r;
} dtable_rowref;
int dtable_lookup(void *rowref, const char *field, size_t len, expr_value *out);
/* Number of a cell the way Vega-Lite reads a quantitative field: numbers
 * as they are, numeric strings parsed, everything else NaN. */
double cell_number(const cell *c);
/* The cell as a string for nominal fields and labels (numbers printed
 * shortest, like JavaScript's String(x)); arena-allocated when needed. */
const char *cell_string(const cell *c, arena *a);
int cell_is_null(const cell *c);

/* Cells from spec nodes: numbers stay numbers, quoted strings strings,
 * true/false booleans, null null. */
cell cell_from_node(const spec_node *n);

/* Make room for `rows` rows and `cols` columns, so a loader that knows
 * its size does not grow the table repeatedly.  Columns are exact when the
 * table has no rows yet (a 3-column CSV uses 3 cells per row, not 8). */
void dtable_reserve(dtable *t, int rows, int cols);
/* Bytes dtable_add_col would allocate now for a new column (0 when the
 * rows have room), for checking the memory budget first. */
double dtable_add_col_cost(const dtable *t);

/* The memory budget's located error (base/arena.h), written once per
 * document (later calls only return): "<what> would need about <N> MB,
 * over the memory limit of <M> MB (--max-memory)".  need: the bytes the
 * document would hold in all (0: what the budget holds now). */
void data_budget_error(const spec_doc *doc, const spec_node *at, const arena *a, double need, const char *what,
                       diag_list *d);
/* In a loop that makes `total` things (rows, views, cells), `done` made,
 * the budget holding `used0` bytes when it began: 0 to go on, -1 after the
 * located error (data_budget_error, what and at as there).  It looks every
 * `every` items (a power of two); from a sixteenth of the loop on, it
 * projects what the whole loop will hold from what the items so far took,
 * so a loop that cannot fit stops early instead of at the limit (about:
 * items that differ a lot in size make the projection rough). */
int data_budget_step(const spec_doc *doc, const spec_node *at, const arena *a, size_t used0, long done, long total,
                     long every, const char *what, diag_list *d);
/* The bytes a's budget holds now (0 without one). */
size_t data_budget_used(const arena *a);

/* Options for data loading.  No global state: every caller passes these. */
typedef struct data_opts {
  /* Extra folders that `url`s may read from, besides the spec's folder and
   * below (NULL-terminated; NULL = none).  See chart/path_guard.h. */
  const char *const *allow_dirs;
  /* Largest data file read, in bytes (0 = DATA_MAX_FILE_BYTES). */
  size_t max_file_bytes;
  /* Most rows in one table (0 = LIMIT_ROWS); set from --max-rows. */
  long max_rows;
  /* Most pixels in one image block's file (0 = LIMIT_IMAGE_PIXELS); set
   * from --max-image-pixels. */
  double max_image_pixels;
} data_opts;

#define DATA_MAX_FILE_BYTES (256L * 1024 * 1024)

/* data: {values: [...]} / {url: file.csv, format: {...}} / {sequence: ...}.
 * Inline values are a list of mappings (or of scalars, which become a
 * column named "data"), or a string of CSV/TSV/JSON text with format.type.
 * base_dir is the spec's folder, for urls (NULL: the folder of doc->path).
 * data_load uses doc->data_opts (NULL there = the defaults).
 * The table and its strings live in `a`.  NULL (and located errors in d)
 * on failure.  The messages are listed at the top of data.c. */
/* "no field 'name' in the data", located at `at`, with a did-you-mean or
 * the table's field names (cut with ", ..." when long). */
void data_no_field(const spec_doc *doc, const spec_node *at, const dtable *t, const char *name, diag_list *d);
dtable *data_load(const spec_doc *doc, const spec_node *data, const char *base_dir, arena *a, diag_list *d);
/* Same, with options (opts NULL: doc->data_opts, then the defaults). */
dtable *data_load_ex(const spec_doc *doc, const spec_node *data, const char *base_dir, const data_opts *opts,
                     arena *a, diag_list *d);

/* Parse a date to milliseconds since 1970-01-01T00:00:00Z.  fmt NULL:
 * ISO 8601 ("2019", "2019-09", "2019-09-11", "2019-09-11T10:20:30.5Z",
 * "2019-09-11 10:20", offsets "+08:00") and "2019/09/11"; times without an
 * offset are UTC (huitu renders every date in UTC).  fmt: a d3-time-format
 * pattern (%Y %y %m %d %e %j %H %I %p %M %S %L %f %b %B %a %A %Z %Q %s %%,
 * with the - _ 0 padding flags).  0 on success, -1 if s does not parse.
 * Without fmt this is timefmt_parse (which also reads "2019年9月11日"). */
int data_parse_date(const char *s, const char *fmt, double *ms);
#endif
