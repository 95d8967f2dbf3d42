/* The command line: shared option parsing and reporting.  Each command
 * declares its options once, in a table next to its implementation; --help
 * (and the man page) are generated from those tables. */
#ifndef HUITU_CLI_H
#define HUITU_CLI_H
#include <stdio.h>

#include "huitu.h"

typedef struct cli_opt {
  const char *name; /* long name without -- */
  char shortname;
  const char *arg;  /* NULL: a flag */
  const char *help;
} cli_opt;

typedef struct cli_cmd {
  const char *name, *usage, *summary;
  const cli_opt *opts;
  int (*run)(const struct cli_cmd *self, int argc, char **argv);
} cli_cmd;

#define CLI_MAX_OPTS 32

/* Parsed options, generic over the tables: values by long name. */
typedef struct cli_args {
  const char *val[CLI_MAX_OPTS];
  int set[CLI_MAX_OPTS];
  char **args; /* positional arguments (owned: free with cli_args_free) */
  int nargs;
} cli_args;

extern const cli_cmd cli_commands[];

int cli_parse(const cli_cmd *c, int argc, char **argv, cli_args *p);
void cli_args_free(cli_args *p);
/* Every command's first step: parse, and answer --help.  Returns -1 to go
 * on, else the exit code to return (the arguments are then freed). */
int cli_begin(const cli_cmd *c, int argc, char **argv, cli_args *p);
const char *cli_val(const cli_cmd *c, const cli_args *p, const char *name);
int cli_set(const cli_cmd *c, const cli_args *p, const char *name);
void cli_help(FILE *f, const cli_cmd *c);
/* Print a doc's diagnostics to stderr; returns its status (0, 1, 2). */
int cli_report(const huitu_doc *doc, int quiet);
huitu_ctx *cli_make_ctx(void);
/* The --allow-read and --max-* options (when the command has them) onto a
 * ctx and render options (ro may be NULL; ctx NULL only checks them).  0,
 * or 2 after printing what is wrong with a value. */
int cli_apply_limits(const cli_cmd *c, const cli_args *p, huitu_ctx *ctx, huitu_render_opts *ro);
/* s escaped for a message (diag_escape: no terminal escapes, no line
 * breaks), in out; returns out.  Every argument echoed to stderr goes
 * through it. */
const char *cli_esc(const char *s, char *out, size_t n);
/* A numeric option's value v: all of it a plain decimal number (no "2x",
 * "nan", "inf", hex), finite, from lo to hi.  0 with *out set, or 2 after
 * printing "huitu CMD: --NAME must be a number from LO to HI, found 'V'". */
int cli_number(const cli_cmd *c, const char *name, const char *v, double lo, double hi, double *out);
/* Writing OUT, the output of SPEC, must not replace SPEC, a file SPEC reads
 * (its data urls and image srcs) or any of the other nspecs inputs, by
 * whatever spelling, link or symlink (files compared by device and inode):
 * 0, or 2 after printing which.  An OUT that does not exist yet, or "-",
 * is fine. */
int cli_check_output(const cli_cmd *c, const char *out, const char *spec, char *const *specs, int nspecs);
/* The worse of two exit codes (2 beats 1 beats 0). */
int cli_worse(int a, int b);

int cmd_render(const cli_cmd *self, int argc, char **argv);
int cmd_check(const cli_cmd *self, int argc, char **argv);
#endif
