/* The huitu command line: the table of commands and main().  Each command
 * lives in its own cmd_*.c with its options table here beside it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const cli_opt render_opts[] = {
    {"output", 'o', "OUT", "output file (format from its extension), a folder when several specs are given, or - for stdout"},
    {"format", 'f', "png|svg|pdf", "output format, when OUT has no extension or is a folder or -"},
    {"scale", 0, "N", "PNG pixel ratio (2 for retina screens)"},
    {"dpi", 0, "N", "PNG resolution in dots per inch, for print (300 for a print shop)"},
    {"svg-text", 0, "paths|text", "SVG text as outlines (default: looks the same everywhere) or editable <text>"},
    {"quiet", 'q', NULL, "print errors only, no warnings"},
    {"help", 'h', NULL, "show this help"},
    {NULL, 0, NULL, NULL},
};

static const cli_opt check_opts[] = {
    {"quiet", 'q', NULL, "print errors only, no warnings"},
    {"help", 'h', NULL, "show this help"},
    {NULL, 0, NULL, NULL},
};

const cli_cmd cli_commands[] = {
    {"render", "huitu render SPEC [SPEC...] -o OUT [options]", "render specs to PNG, SVG or PDF", render_opts, cmd_render},
    {"check", "huitu check SPEC [SPEC...]", "parse and validate specs, print every problem (exit 0 ok, 2 invalid)", check_opts, cmd_check},
    {NULL, NULL, NULL, NULL, NULL},
};

static void print_main_help(FILE *f) {
  fprintf(f, "huitu %s — charts and infographic pages from specs, to PNG, SVG and PDF\n\nusage: huitu COMMAND [options]\n\ncommands:\n",
          huitu_version());
  for (const cli_cmd *c = cli_commands; c->name; c++) fprintf(f, "  %-8s %s\n", c->name, c->summary);
  fprintf(f, "\n'huitu COMMAND --help' shows a command's options; 'huitu --version' the version.\n");
}

int main(int argc, char **argv) {
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
  fprintf(stderr, "huitu: unknown command '%s' (commands: render, check; see 'huitu --help')\n", argv[1]);
  return 2;
}
