/* huitu schema: the JSON Schema (draft 2020-12) of the spec language,
 * generated from the parser's key tables (src/model/schema.c). */
#include <stdlib.h>

#include "cli/cli.h"
#include "model/schema.h"

int cmd_schema(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  int rc0 = cli_begin(c, argc, argv, &p);
  if (rc0 >= 0) return rc0;
  cli_args_free(&p);
  char *s = schema_json();
  if (!s) return 1;
  fputs(s, stdout);
  free(s);
  return fflush(stdout) == 0 ? 0 : 1;
}
