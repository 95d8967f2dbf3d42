/* The JSON Schema (draft 2020-12) of the spec language, generated from the
 * key tables the parser uses (doc.c, blocks.c, infographic.c), so it is
 * never out of date: `huitu schema` prints it and specs/schema.json is a
 * copy the tests keep in step. */
#ifndef HUITU_MODEL_SCHEMA_H
#define HUITU_MODEL_SCHEMA_H

/* The schema as pretty-printed JSON, NUL-terminated, ending in a newline.
 * malloc'ed: the caller frees it.  NULL when out of memory. */
char *schema_json(void);
#endif
