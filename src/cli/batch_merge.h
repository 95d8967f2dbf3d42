/* Reading batch reports back (--report FILE.json), to merge the reports of
 * a sharded batch into one report and one index.html (batch
 * --merge-reports).  Every string is malloc'ed and freed by
 * batch_merged_free. */
#ifndef HUITU_CLI_BATCH_MERGE_H
#define HUITU_CLI_BATCH_MERGE_H
#include <stddef.h>

typedef struct merged_figure {
  char *input;  /* the spec as the shard found it */
  char *name;   /* the output name (OUTDIR/NAME.png), from "name" or the first output */
  char *status; /* ok, unchanged, spec-error, env-error, not-run */
  char **msgs;  /* errors first, then warnings, formatted "file:line:col: error: ..." */
  int nmsgs, nerrors;
  double ms;
  int formats; /* bit k: an output with exts[k] (png, svg, pdf) was listed */
} merged_figure;

/* The figures of every report in files[0..n), sorted by name; a name in
 * several reports (a figure rendered by two runs) is the later report's,
 * unless that one only says not-run.  outdir: the folder the outputs are
 * in, for a report without names (an older huitu's: NAME is an output's
 * path below it).  0, or -1 with a message in err (a file that cannot be
 * read or is not a huitu report, located). */
int batch_read_reports(char *const *files, int n, const char *outdir, merged_figure **out, int *nout, char *err,
                       size_t errlen);
void batch_merged_free(merged_figure *f, int n);
#endif
