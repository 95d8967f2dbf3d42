/* huitu schema: the JSON Schema (draft 2020-12) of the spec language,
 * generated from the parser's key tables (src/model/schema.c). */
#include <stdlib.h>

#include "cli/cli.h"
#include "model/schema.h"

int cmd_schema(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  if (cli_parse(c, argc, argv, &p)) return 2;
  int help = cli_set(c, &p, "help");
  cli_args_free(&p);
  if (help) {
    cli_help(stdout, c);
    return 0;
  }
  char *s = schema_json();
  if (!s) return 1;
  fputs(s, stdout);
  free(s);
  return fflush(stdout) == 0 ? 0 : 1;
}
