/* Each spec key is declared once, in a table: name, type, default, help,
 * where it lands in the model struct.  Parsing, validation, defaults, the
 * did-you-mean suggestions, `--help`-style docs and the JSON schema all come
 * from these tables (libvips's VIPS_ARG_* idea). */
#ifndef HUITU_SPEC_KEYS_H
#define HUITU_SPEC_KEYS_H
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "spec/node.h"

typedef enum {
  KEY_TEXT,   /* spec_text: a string with its source location */
  KEY_NUMBER, /* double, finite, within [min, max] */
  KEY_INT,    /* int, within [min, max] */
  KEY_BOOL,   /* int 0/1 */
  KEY_LENGTH, /* double px; accepts 12, "12px", "210mm", "10pt"; NAN = auto when KEYF_AUTO */
  KEY_COLOR,  /* uint32_t 0xRRGGBBAA; "#rgb", "#rrggbb", "#rrggbbaa", CSS names, "none" */
  KEY_ENUM,   /* int index into enums[] */
  KEY_OBJECT, /* nested struct at offset, parsed by sub */
  KEY_NODE,   /* const spec_node *: parsed later by the owner (blocks, charts) */
  KEY_LAST
} key_type;

enum {
  KEYF_REQUIRED = 1, /* must be present */
  KEYF_AUTO = 2,     /* KEY_LENGTH: "auto" allowed, stored as NAN */
};

typedef struct spec_text {
  const char *s; /* NULL when absent */
  src_loc loc;
} spec_text;

typedef struct key_table key_table;

typedef struct key_def {
  const char *name;
  key_type type;
  const char *dflt; /* default, written as it would be in a spec; NULL = none */
  const char *help; /* one line, for --help, the schema and the README */
  size_t offset;
  const key_table *sub;       /* KEY_OBJECT */
  const char *const *enums;   /* KEY_ENUM: NULL-terminated */
  double min, max;            /* KEY_NUMBER/INT/LENGTH; both 0 = unbounded */
  int flags;
} key_def;

struct key_table {
  const char *name; /* used in messages: "unknown key 'x' in page" */
  const key_def *keys;
  int n;
  /* Keys that mean something in Vega-Lite or elsewhere but huitu cannot do
   * yet: an error saying "'params' is not supported", never silence. */
  const char *const *unsupported;
};

#define KEY_COUNT(arr) ((int)(sizeof(arr) / sizeof((arr)[0])))

/* Set every default of t into target (which must be zeroed first). */
void keys_defaults(const key_table *t, void *target, const spec_doc *doc, diag_list *d);
/* Fill target from a mapping node: defaults first, then the given keys.
 * Unknown keys get a did-you-mean error; a missing required key is an error
 * at the mapping.  Keys listed in `extra` (NULL-terminated) are skipped:
 * the caller handles them (a block's type key, say). */
void keys_apply(const key_table *t, const spec_node *map, void *target, const spec_doc *doc,
                diag_list *d, const char *const *extra);
/* Parse one value for one key; used by keys_apply and by callers with
 * their own dispatch.  Returns 0 or -1 (an error was added). */
int keys_parse_value(const key_def *k, const spec_node *v, void *target, const spec_doc *doc,
                     diag_list *d);
/* The closest name to `word` among `names` (NULL-terminated or n items),
 * or NULL when nothing is close enough to suggest. */
const char *keys_suggest(const char *word, const char *const *names, int n);
/* Report an unknown key, with a suggestion from the table when one is close. */
void keys_unknown(const key_table *t, const spec_node *key, const spec_doc *doc, diag_list *d,
                  const char *const *extra);

int keys_parse_color(const char *s, uint32_t *out);
/* Lengths: "12", "12px", "210mm", "10pt", "2.5cm", "1in" -> px at 96/in. */
int keys_parse_length(const char *s, size_t len, double *px);
#endif
