/* Block types: each is declared once here (name, kind, content keys). */
#ifndef HUITU_MODEL_BLOCKS_H
#define HUITU_MODEL_BLOCKS_H
#include "model/doc.h"

typedef struct block_type {
  const char *name;
  block_kind kind;
  const key_table *keys; /* content keys; NULL = content is not a mapping */
  size_t content_size;
  const char *string_key; /* a plain string value fills this key (text: content) */
  const char *help;
} block_type;

extern const block_type block_types[];
extern const int block_type_count;

/* Build a list of blocks (blocks:, a group's items:) into *out. */
void blocks_build_list(const spec_node *list, const char *lang, const spec_doc *spec, diag_list *d,
                       block_model **out, int *n);
void blocks_build(doc_model *m, const spec_node *list, const spec_doc *spec, diag_list *d);
#endif
