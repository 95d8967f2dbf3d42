/* The huitu command line: the table of commands and main().  Each command
 * lives in its own cmd_*.c with its options table here beside it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"

/* Option rows several commands share, declared once. */
#define LIMIT_OPTS                                                                                                   \
  {"allow-read", 0, "DIR[:DIR...]", "also let data urls read files in these folders (default: only the spec's folder and below)"}, \
  {"max-pixels", 0, "N", "largest PNG, in pixels after --scale/--dpi (default 268435456 = 2^28)"},                   \
  {"max-image-pixels", 0, "N", "largest input image, in pixels from its header (default 67108864 = 2^26)"},          \
  {"max-rows", 0, "N", "most rows in one data table (default 2000000)"},                                               \
  {"max-depth", 0, "N", "deepest nesting of the spec (default 200, at most 10000)"},                                   \
  {"max-string-bytes", 0, "N", "longest string in the spec (default 65536)"},                                          \
  {"max-spec-bytes", 0, "N", "largest spec file (default 33554432 = 32 MiB)"},                                   \
  {"max-memory", 0, "MB", "most memory one figure's data, charts and layout may hold, in MiB (default 2048)"},
#define STRICT_OPT {"strict", 0, NULL, "treat every warning as an error (exit 2, nothing written): for CI"},
#define QUIET_HELP_END                                                                                               \
  {"quiet", 'q', NULL, "print errors only, no warnings"}, {"help", 'h', NULL, "show this help"}, {NULL, 0, NULL, NULL},

static const cli_opt render_opts[] = {
    {"output", 'o', "OUT", "output file (format from its extension), a folder when several specs are given, or - for stdout"},
    {"format", 'f', "png|svg|pdf", "output format, when OUT has no extension or is a folder or -"},
    {"scale", 0, "N", "PNG pixel ratio (2 for retina screens)"},
    {"dpi", 0, "N", "PNG resolution in dots per inch, for print (300 for a print shop)"},
    {"svg-text", 0, "paths|text", "SVG text as outlines (default: looks the same everywhere) or editable <text>"},
    LIMIT_OPTS
    STRICT_OPT
    QUIET_HELP_END
};

static const cli_opt check_opts[] = {
    {"fonts", 0, NULL, "list every character with the font that draws it; flag fallback and missing ones"},
    {"json", 0, NULL, "print the problems as one JSON array on stdout (file, line, column, severity, message)"},
    LIMIT_OPTS
    STRICT_OPT
    QUIET_HELP_END
};

static const cli_opt help_only_opts[] = {
    {"help", 'h', NULL, "show this help"},
    {NULL, 0, NULL, NULL},
};
int cmd_schema(const cli_cmd *self, int argc, char **argv); /* cmd_schema.c */
int cmd_man(const cli_cmd *self, int argc, char **argv);    /* cmd_man.c */

static const cli_opt fonts_opts[] = {
    {"dir", 0, "DIR", "install into DIR (default: $XDG_DATA_HOME/fonts/huitu or ~/.local/share/fonts/huitu)"},
    {"help", 'h', NULL, "show this help"},
    {NULL, 0, NULL, NULL},
};
int cmd_fonts(const cli_cmd *self, int argc, char **argv); /* cmd_fonts.c */

static const cli_opt batch_opts[] = {
    {"output", 'o', "OUTDIR", "output folder (created); outputs are OUTDIR/NAME.png|svg|pdf, plus OUTDIR/index.html"},
    {"format", 'f', "png,svg,pdf", "formats to write, separated by commas (default: png)"},
    {"jobs", 'j', "N", "worker processes (default: the number of cores)"},
    {"force", 0, NULL, "render every spec, even those unchanged since the last run"},
    {"report", 0, "FILE.json", "write one JSON record per figure (input, outputs, status, errors, ms)"},
    {"shard", 0, "I/N", "render only slice I of N (I from 0): figure k of the sorted inputs goes to shard k mod N; auto[/N] reads I (and N) from Slurm, Kubernetes or GNU parallel"},
    {"book", 0, "FILE.pdf", "also put every figure into one multi-page PDF (fonts embedded once)"},
    {"page", 0, "A4", "book page size: A3, A4, A5, B5, Letter, Legal (-landscape) or WxH mm (default: each figure's size)"},
    {"dpi", 0, "N", "PNG resolution in dots per inch, for print (300 for a print shop)"},
    {"scale", 0, "N", "PNG pixel ratio (2 for retina screens)"},
    {"svg-text", 0, "paths|text", "SVG text as outlines (default) or editable <text>"},
    {"fsync", 0, NULL, "sync every file to disk before renaming it (default: one sync at the end)"},
    {"no-progress", 0, NULL, "no progress bar on a terminal: one line per figure instead"},
    {"merge-reports", 0, NULL, "the arguments are shards' --report files: write one index.html in OUTDIR (and with --report one report) from them, rendering nothing"},
    LIMIT_OPTS
    STRICT_OPT
    {"quiet", 'q', NULL, "print failures and the summary only"},
    {"help", 'h', NULL, "show this help"},
    {NULL, 0, NULL, NULL},
};
int cmd_batch(const cli_cmd *self, int argc, char **argv); /* cmd_batch.c */

static const cli_opt watch_opts[] = {
    {"output", 'o', "OUT", "output file (format from its extension)"},
    {"format", 'f', "png|svg|pdf", "output format, when OUT has no extension"},
    {"scale", 0, "N", "PNG pixel ratio (2 for retina screens)"},
    {"dpi", 0, "N", "PNG resolution in dots per inch"},
    {"poll", 0, NULL, "poll modification times every 200 ms instead of using inotify"},
    QUIET_HELP_END
};
int cmd_watch(const cli_cmd *self, int argc, char **argv); /* cmd_watch.c */

const cli_cmd cli_commands[] = {
    {"render", "huitu render SPEC [SPEC...] -o OUT [options]", "render specs to PNG, SVG or PDF", render_opts, cmd_render},
    {"check", "huitu check SPEC [SPEC...]", "parse and validate specs, print every problem (exit 0 ok, 2 invalid)", check_opts, cmd_check},
    {"schema", "huitu schema", "print the JSON Schema (draft 2020-12) of the spec language, for editors", help_only_opts, cmd_schema},
    {"man", "huitu man", "print the manual page huitu(1) in troff (man -l <(huitu man))", help_only_opts, cmd_man},
    {"batch", "huitu batch SPEC_OR_DIR... -o OUTDIR [-f png,svg,pdf] [-j N] [options]",
     "render many specs with worker processes: only what changed, with a report, shards, a PDF book and an index.html",
     batch_opts, cmd_batch},
    {"watch", "huitu watch SPEC -o OUT [options]", "render SPEC again whenever it or its data files change (Ctrl-C stops)",
     watch_opts, cmd_watch},
    {"fonts", "huitu fonts install [--dir DIR]",
     "install the bundled fonts (Huitu Sans SC) for this user, so editable SVG text looks the same in office suites",
     fonts_opts, cmd_fonts},
    {NULL, NULL, NULL, NULL, NULL},
};

static void print_main_help(FILE *f) {
  fprintf(f, "huitu %s — charts and infographic pages from specs, to PNG, SVG and PDF\n\nusage: huitu COMMAND [options]\n\ncommands:\n",
          huitu_version());
  for (const cli_cmd *c = cli_commands; c->name; c++) fprintf(f, "  %-8s %s\n", c->name, c->summary);
  fprintf(f, "\n'huitu COMMAND --help' shows a command's options; 'huitu --version' the version.\n");
}

int main(int argc, char **argv) {
  text_fonts_claim_process(); /* the CLI owns its process: see text.h */
  if (argc < 2) {
    print_main_help(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
    printf("huitu %s\n", huitu_version());
    return 0;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    print_main_help(stdout);
    return 0;
  }
  for (const cli_cmd *c = cli_commands; c->name; c++)
    if (!strcmp(argv[1], c->name)) return c->run(c, argc - 2, argv + 2);
  char esc[256];
  fprintf(stderr, "huitu: unknown command '%s' (commands:", cli_esc(argv[1], esc, sizeof esc));
  for (const cli_cmd *c = cli_commands; c->name; c++) fprintf(stderr, "%s %s", c == cli_commands ? "" : ",", c->name);
  fprintf(stderr, "; see 'huitu --help')\n");
  return 2;
}
