/* The huitu command line.  Options are declared once per subcommand, in
 * the tables below; --help (and later the man page) is generated from them. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fsutil.h"
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
  int (*run)(int argc, char **argv);
} cli_cmd;

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

static int cmd_render(int argc, char **argv);
static int cmd_check(int argc, char **argv);

static const cli_cmd commands[] = {
    {"render", "huitu render SPEC [SPEC...] -o OUT [options]", "render specs to PNG, SVG or PDF", render_opts, cmd_render},
    {"check", "huitu check SPEC [SPEC...]", "parse and validate specs, print every problem (exit 0 ok, 2 invalid)", check_opts, cmd_check},
    {NULL, NULL, NULL, NULL, NULL},
};

static void print_help(FILE *f, const cli_cmd *c) {
  fprintf(f, "usage: %s\n\n%s\n\noptions:\n", c->usage, c->summary);
  for (const cli_opt *o = c->opts; o->name; o++) {
    char left[64];
    if (o->shortname)
      snprintf(left, sizeof left, "-%c, --%s%s%s", o->shortname, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    else
      snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    fprintf(f, "  %-26s %s\n", left, o->help);
  }
  fprintf(f, "\nexit status: 0 success, 2 the spec is wrong, 1 anything else (I/O, fonts)\n");
}

static void print_main_help(FILE *f) {
  fprintf(f, "huitu %s — charts and infographic pages from specs, to PNG, SVG and PDF\n\nusage: huitu COMMAND [options]\n\ncommands:\n",
          huitu_version());
  for (const cli_cmd *c = commands; c->name; c++) fprintf(f, "  %-8s %s\n", c->name, c->summary);
  fprintf(f, "\n'huitu COMMAND --help' shows a command's options; 'huitu --version' the version.\n");
}

/* Parsed options, generic over the tables: values by long name. */
typedef struct parsed {
  const char *val[16];
  int set[16];
  char **args;
  int nargs;
} parsed;

static int parse_args(const cli_cmd *c, int argc, char **argv, parsed *p) {
  memset(p, 0, sizeof *p);
  p->args = calloc((size_t)argc + 1, sizeof *p->args);
  int only_args = 0;
  for (int i = 0; i < argc; i++) {
    char *a = argv[i];
    if (only_args || a[0] != '-' || a[1] == 0) {
      p->args[p->nargs++] = a;
      continue;
    }
    if (!strcmp(a, "--")) {
      only_args = 1;
      continue;
    }
    int idx = -1;
    const char *inline_val = NULL;
    for (int k = 0; c->opts[k].name; k++) {
      const cli_opt *o = &c->opts[k];
      size_t nl = strlen(o->name);
      if (a[1] == '-' && !strncmp(a + 2, o->name, nl) && (a[2 + nl] == 0 || a[2 + nl] == '=')) {
        idx = k;
        if (a[2 + nl] == '=') inline_val = a + 3 + nl;
      } else if (a[1] != '-' && a[1] == o->shortname && o->shortname) {
        idx = k;
        if (a[2]) inline_val = a + 2;
      }
      if (idx >= 0) break;
    }
    if (idx < 0) {
      fprintf(stderr, "huitu %s: unknown option '%s' (see 'huitu %s --help')\n", c->name, a, c->name);
      return -1;
    }
    p->set[idx] = 1;
    if (c->opts[idx].arg) {
      if (inline_val)
        p->val[idx] = inline_val;
      else if (i + 1 < argc)
        p->val[idx] = argv[++i];
      else {
        fprintf(stderr, "huitu %s: option '--%s' needs a value (%s)\n", c->name, c->opts[idx].name, c->opts[idx].arg);
        return -1;
      }
    }
  }
  return 0;
}

static int opt_index(const cli_cmd *c, const char *name) {
  for (int k = 0; c->opts[k].name; k++)
    if (!strcmp(c->opts[k].name, name)) return k;
  return -1;
}

static const char *opt_val(const cli_cmd *c, const parsed *p, const char *name) {
  int k = opt_index(c, name);
  return k >= 0 ? p->val[k] : NULL;
}

static int opt_set(const cli_cmd *c, const parsed *p, const char *name) {
  int k = opt_index(c, name);
  return k >= 0 && p->set[k];
}

/* Print a doc's diagnostics; returns its status. */
static int report(const huitu_doc *doc, int quiet) {
  char line[2048];
  for (int i = 0; i < huitu_doc_diag_count(doc); i++) {
    const huitu_diag *g = huitu_doc_diag(doc, i);
    if (quiet && g->severity != HUITU_SEVERITY_ERROR) continue;
    huitu_diag_format(g, line, sizeof line);
    fprintf(stderr, "%s\n", line);
  }
  return (int)huitu_doc_status(doc);
}

static huitu_ctx *make_ctx(void) {
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) fprintf(stderr, "huitu: error: %s\n", err);
  return ctx;
}

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int worse(int a, int b) { return a == 2 || b == 2 ? 2 : (a ? a : b); }

static int cmd_check(int argc, char **argv) {
  const cli_cmd *c = &commands[1];
  parsed p;
  if (parse_args(c, argc, argv, &p)) return 2;
  if (opt_set(c, &p, "help")) {
    print_help(stdout, c);
    return 0;
  }
  if (!p.nargs) {
    fprintf(stderr, "huitu check: no spec given (see 'huitu check --help')\n");
    return 2;
  }
  huitu_ctx *ctx = make_ctx();
  if (!ctx) return 1;
  int rc = 0;
  for (int i = 0; i < p.nargs; i++) {
    huitu_doc *doc = huitu_doc_load_file(ctx, p.args[i]);
    /* Layout finds problems parsing cannot (overflow, missing glyphs):
     * check runs it too, without writing anything. */
    if (huitu_doc_status(doc) == HUITU_OK) {
      const unsigned char *b;
      size_t n;
      huitu_doc_render(doc, HUITU_SVG, NULL, &b, &n);
    }
    rc = worse(rc, report(doc, opt_set(c, &p, "quiet")));
    huitu_doc_free(doc);
  }
  huitu_ctx_free(ctx);
  free(p.args);
  return rc;
}

static void out_name(char *out, size_t n, const char *dir, const char *spec, const char *ext) {
  const char *base = strrchr(spec, '/');
  base = base ? base + 1 : spec;
  size_t bl = strlen(base);
  const char *suffixes[] = {".vl.json", ".yaml", ".yml", ".json"};
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
    size_t sl = strlen(suffixes[i]);
    if (bl > sl && !strcmp(base + bl - sl, suffixes[i])) {
      bl -= sl;
      break;
    }
  }
  snprintf(out, n, "%s/%.*s.%s", dir, (int)bl, base, ext);
}

static void on_signal(int sig) {
  fs_cleanup_temps();
  signal(sig, SIG_DFL);
  raise(sig);
}

static int cmd_render(int argc, char **argv) {
  const cli_cmd *c = &commands[0];
  parsed p;
  if (parse_args(c, argc, argv, &p)) return 2;
  if (opt_set(c, &p, "help")) {
    print_help(stdout, c);
    return 0;
  }
  const char *out = opt_val(c, &p, "output");
  const char *fmt_name = opt_val(c, &p, "format");
  int quiet = opt_set(c, &p, "quiet");
  if (!p.nargs || !out) {
    fprintf(stderr, "huitu render: %s (see 'huitu render --help')\n", !p.nargs ? "no spec given" : "no output given: use -o OUT");
    free(p.args);
    return 2;
  }
  huitu_render_opts ro = {0};
  const char *v;
  if ((v = opt_val(c, &p, "scale"))) {
    ro.scale = atof(v);
    if (ro.scale <= 0 || ro.scale > 16) {
      fprintf(stderr, "huitu render: --scale must be a number between 0 and 16, found '%s'\n", v);
      return 2;
    }
  }
  if ((v = opt_val(c, &p, "dpi"))) {
    ro.dpi = atof(v);
    if (ro.dpi < 10 || ro.dpi > 2400) {
      fprintf(stderr, "huitu render: --dpi must be between 10 and 2400, found '%s'\n", v);
      return 2;
    }
  }
  if ((v = opt_val(c, &p, "svg-text"))) {
    if (!strcmp(v, "text"))
      ro.svg_text_elements = 1;
    else if (strcmp(v, "paths")) {
      fprintf(stderr, "huitu render: --svg-text must be 'paths' or 'text', found '%s'\n", v);
      return 2;
    }
  }
  int fmt = -1;
  if (fmt_name) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, ".%s", fmt_name);
    fmt = huitu_format_from_path(tmp);
    if (fmt < 0) {
      fprintf(stderr, "huitu render: unknown format '%s' (png, svg or pdf)\n", fmt_name);
      return 2;
    }
  }
  int to_dir = p.nargs > 1 || is_dir(out);
  if (!to_dir && fmt < 0) {
    fmt = strcmp(out, "-") ? huitu_format_from_path(out) : -1;
    if (fmt < 0) {
      fprintf(stderr, "huitu render: cannot tell the format of '%s': give it a .png, .svg or .pdf extension, or -f\n", out);
      return 2;
    }
  }
  if (to_dir && fmt < 0) fmt = HUITU_PNG;
  if (to_dir && !is_dir(out)) {
    fprintf(stderr, "huitu render: with several specs, -o must name an existing folder: '%s' is not one\n", out);
    return 1;
  }
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  huitu_ctx *ctx = make_ctx();
  if (!ctx) return 1;
  int rc = 0;
  static const char *const exts[] = {"png", "svg", "pdf"};
  for (int i = 0; i < p.nargs; i++) {
    huitu_doc *doc = huitu_doc_load_file(ctx, p.args[i]);
    char path[4096];
    if (to_dir)
      out_name(path, sizeof path, out, p.args[i], exts[fmt]);
    else
      snprintf(path, sizeof path, "%s", out);
    if (huitu_doc_status(doc) == HUITU_OK) huitu_doc_render_file(doc, (huitu_format)fmt, &ro, path);
    rc = worse(rc, report(doc, quiet));
    huitu_doc_free(doc);
  }
  huitu_ctx_free(ctx);
  free(p.args);
  return rc;
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
  for (const cli_cmd *c = commands; c->name; c++)
    if (!strcmp(argv[1], c->name)) return c->run(argc - 2, argv + 2);
  fprintf(stderr, "huitu: unknown command '%s' (commands: render, check; see 'huitu --help')\n", argv[1]);
  return 2;
}
