/* The spec as a tree of nodes with source marks.  Built from libyaml's
 * document loader (which keeps a mark for every node); lives in the
 * document's arena and is immutable once loaded.
 *
 * Invariants the loader guarantees, so later stages need not re-check:
 *  - map keys are scalars and no key appears twice in one map;
 *  - depth <= LIMIT_DEPTH and node count (after alias expansion) <= LIMIT_NODES
 *    (SPEC_DATA_MAX_NODES for a data file);
 *  - no YAML tag was dropped: an explicit tag is honoured (!!str, !!int,
 *    !!float, !!bool, !!null, !!seq, !!map, !) or reported as an error;
 *  - every scalar is valid UTF-8 and NUL-terminated. */
#ifndef HUITU_SPEC_NODE_H
#define HUITU_SPEC_NODE_H
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum { SPEC_SCALAR, SPEC_SEQ, SPEC_MAP, SPEC_KIND_LAST } spec_kind;

typedef struct spec_node {
  spec_kind kind;
  int line, col; /* 1-based, columns in characters */
  int quoted;    /* scalar was quoted or a block scalar: never a number/null */
  const char *str;
  size_t len;
  int n;                    /* items (seq) or pairs (map) */
  struct spec_node **items; /* seq items, or map values */
  struct spec_node **keys;  /* map keys */
} spec_node;

typedef struct spec_doc {
  arena *arena;
  const char *path; /* as given by the user: used in every message */
  spec_node *root;  /* NULL when the file could not be parsed */
  /* Data loading options for this render (chart/data.h: allowed folders,
   * limits); NULL = the defaults.  Set by the API before layout. */
  const struct data_opts *data_opts;
} spec_doc;

/* Parse text (YAML or JSON) into a doc whose nodes live in `a`.  Errors go
 * to d, located at path:line:col.  Returns NULL root on a syntax error. */
spec_node *spec_parse(arena *a, const char *path, const char *text, size_t len, diag_list *d);
/* Limits for one parse; a 0 field means the default from base/limits.h. */
typedef struct spec_limits {
  int max_depth;           /* LIMIT_DEPTH */
  size_t max_string_bytes; /* LIMIT_STRING_BYTES */
  /* Nodes, an alias counted as the size of what it stands for: LIMIT_NODES
   * for a spec, SPEC_DATA_MAX_NODES for a data file. */
  long max_nodes;
  /* The text is a data file (a JSON url), not a spec: its own node limit
   * and messages that say "the data". */
  int data;
} spec_limits;
/* Values in one JSON/YAML data file: 2,000,000 rows (LIMIT_ROWS) of two
 * fields are 10,000,000 nodes (a row mapping, two keys, two values), so
 * the row limit is the one such a table meets first.  About 80 bytes a
 * node while the file is read. */
#define SPEC_DATA_MAX_NODES 10000000L
spec_node *spec_parse_ex(arena *a, const char *path, const char *text, size_t len, const spec_limits *lim,
                         diag_list *d);

/* Typed access.  The *_get helpers add a located error to d and return -1
 * when the node has the wrong type, saying what was expected and found. */
src_loc spec_loc(const spec_doc *doc, const spec_node *n);
spec_node *spec_map_get(const spec_node *map, const char *key);
int spec_is_null(const spec_node *n);
int spec_is_number(const spec_node *n);
/* A short description of what a node is, for messages: "a list",
 * "a mapping", "the string 'abc'", "the number 12". */
const char *spec_describe(arena *a, const spec_node *n);
int spec_get_number(const spec_doc *doc, const spec_node *n, double *out, diag_list *d);
int spec_get_bool(const spec_doc *doc, const spec_node *n, int *out, diag_list *d);
int spec_get_string(const spec_doc *doc, const spec_node *n, const char **out, diag_list *d);
/* Parse a plain scalar as a number; 0 on success (finite or not). */
int spec_scalar_number(const char *s, size_t len, double *out);
#endif
