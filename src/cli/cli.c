/* Option parsing and reporting shared by every command. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "base/fsutil.h"
#include "cli/batch_util.h"
#include "cli/cli.h"

/* The files a spec larger than this reads are not checked before writing
 * its output (the spec itself still is): twice the default spec limit. */
#define LIMIT_SPEC_BYTES_FOR_DEPS (64UL * 1024 * 1024)

const char *cli_esc(const char *s, char *out, size_t n) {
  diag_escape(s, out, n);
  return out;
}

int cli_number(const cli_cmd *c, const char *name, const char *v, double lo, double hi, double *out) {
  char *end;
  double x = v && *v ? strtod(v, &end) : NAN;
  /* strtod alone takes "nan", "inf", hex and leading blanks and stops at
   * "2x": the whole value must be a plain decimal number. */
  int plain = v && *v && strspn(v, "0123456789.eE+-") == strlen(v);
  if (!plain || *end || !isfinite(x) || x < lo || x > hi) {
    char e[256];
    fprintf(stderr, "huitu %s: --%s must be a number from %g to %g, found '%s'\n", c->name, name, lo, hi,
            cli_esc(v ? v : "", e, sizeof e));
    return 2;
  }
  *out = x;
  return 0;
}

void cli_help(FILE *f, const cli_cmd *c) {
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

int cli_parse(const cli_cmd *c, int argc, char **argv, cli_args *p) {
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
    for (int k = 0; c->opts[k].name && k < CLI_MAX_OPTS; k++) {
      const cli_opt *o = &c->opts[k];
      size_t nl = strlen(o->name);
      if (a[1] == '-' && !strncmp(a + 2, o->name, nl) && (a[2 + nl] == 0 || a[2 + nl] == '=')) {
        idx = k;
        if (a[2 + nl] == '=') inline_val = a + 3 + nl;
      } else if (a[1] != '-' && o->shortname && a[1] == o->shortname) {
        idx = k;
        if (a[2]) inline_val = a + 2;
      }
      if (idx >= 0) break;
    }
    if (idx < 0) {
      char e[256];
      fprintf(stderr, "huitu %s: unknown option '%s' (see 'huitu %s --help')\n", c->name, cli_esc(a, e, sizeof e),
              c->name);
      cli_args_free(p);
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
        cli_args_free(p);
        return -1;
      }
    }
  }
  return 0;
}

int cli_begin(const cli_cmd *c, int argc, char **argv, cli_args *p) {
  if (cli_parse(c, argc, argv, p)) {
    cli_args_free(p);
    return 2;
  }
  if (cli_set(c, p, "help")) {
    cli_help(stdout, c);
    cli_args_free(p);
    return 0;
  }
  return -1;
}

void cli_args_free(cli_args *p) {
  free(p->args);
  p->args = NULL;
}

static int opt_index(const cli_cmd *c, const char *name) {
  for (int k = 0; c->opts[k].name; k++)
    if (!strcmp(c->opts[k].name, name)) return k;
  return -1;
}

const char *cli_val(const cli_cmd *c, const cli_args *p, const char *name) {
  int k = opt_index(c, name);
  return k >= 0 ? p->val[k] : NULL;
}

int cli_set(const cli_cmd *c, const cli_args *p, const char *name) {
  int k = opt_index(c, name);
  return k >= 0 && p->set[k];
}

int cli_report(const huitu_doc *doc, int quiet) {
  char line[2048];
  for (int i = 0; i < huitu_doc_diag_count(doc); i++) {
    const huitu_diag *g = huitu_doc_diag(doc, i);
    if (quiet && g->severity != HUITU_SEVERITY_ERROR) continue;
    huitu_diag_format(g, line, sizeof line);
    fprintf(stderr, "%s\n", line);
  }
  return (int)huitu_doc_status(doc);
}

huitu_ctx *cli_make_ctx(void) {
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) fprintf(stderr, "huitu: error: %s\n", err);
  return ctx;
}

/* Same file: device and inode, so another spelling of the path, a symlink
 * or a hard link is the same file too. */
static int same_inode(const struct stat *a, const char *path) {
  struct stat b;
  return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

int cli_check_output(const cli_cmd *c, const char *out, const char *spec, char *const *specs, int nspecs) {
  struct stat o;
  if (!strcmp(out, "-") || stat(out, &o) != 0 || !S_ISREG(o.st_mode)) return 0;
  char e1[1024], e2[1024];
  for (int i = -1; i < nspecs; i++) {
    const char *in = i < 0 ? spec : specs[i];
    if (strcmp(in, "-") && same_inode(&o, in)) {
      fprintf(stderr, "huitu %s: error: the output '%s' is the spec '%s': give -o another file (nothing was written)\n",
              c->name, cli_esc(out, e1, sizeof e1), cli_esc(in, e2, sizeof e2));
      return 2;
    }
  }
  if (!strcmp(spec, "-")) return 0;
  /* The files the spec reads (data urls, image srcs): a render must not
   * replace its own input either. */
  buf b = {0};
  char err[256], **deps = NULL;
  int n = fs_read_file(spec, &b, LIMIT_SPEC_BYTES_FOR_DEPS, err, sizeof err) == 0 && b.data
              ? spec_deps(spec, b.data, b.len, &deps)
              : 0;
  int rc = 0;
  for (int i = 0; i < n && !rc; i++)
    if (same_inode(&o, deps[i])) {
      char e3[1024];
      fprintf(stderr, "huitu %s: error: the output '%s' is '%s', a file the spec '%s' reads: give -o another file (nothing was written)\n",
              c->name, cli_esc(out, e1, sizeof e1), cli_esc(deps[i], e3, sizeof e3), cli_esc(spec, e2, sizeof e2));
      rc = 2;
    }
  spec_deps_free(deps, n);
  buf_free(&b);
  return rc;
}

int cli_worse(int a, int b) { return a == 2 || b == 2 ? 2 : (a ? a : b); }

int cli_apply_limits(const cli_cmd *c, const cli_args *p, huitu_ctx *ctx, huitu_render_opts *ro) {
  static const struct {
    const char *opt;
    huitu_limit which;
  } lims[] = {{"max-pixels", HUITU_LIMIT_PIXELS}, {"max-rows", HUITU_LIMIT_ROWS}, {"max-depth", HUITU_LIMIT_DEPTH},
              {"max-string-bytes", HUITU_LIMIT_STRING_BYTES}, {"max-spec-bytes", HUITU_LIMIT_SPEC_BYTES},
              {"max-image-pixels", HUITU_LIMIT_IMAGE_PIXELS},
              {"max-memory", HUITU_LIMIT_MEMORY}};
  for (size_t i = 0; i < sizeof lims / sizeof lims[0]; i++) {
    const char *v = cli_val(c, p, lims[i].opt);
    if (!v) continue;
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= 1) || x > 1e15 || x != (double)(long long)x) {
      char e[256];
      fprintf(stderr, "huitu %s: --%s must be a whole number of at least 1, found '%s'\n", c->name, lims[i].opt,
              cli_esc(v, e, sizeof e));
      return 2;
    }
    if (huitu_ctx_set_limit(ctx, lims[i].which, x) != 0) {
      char e[256];
      fprintf(stderr, "huitu %s: --%s %s is more than huitu can allow (at most 10000 for --max-depth)\n", c->name,
              lims[i].opt, cli_esc(v, e, sizeof e));
      return 2;
    }
    if (ro && lims[i].which == HUITU_LIMIT_PIXELS) ro->max_pixels = x;
  }
  if (ctx && cli_set(c, p, "strict")) huitu_ctx_set_strict(ctx, 1);
  const char *allow = cli_val(c, p, "allow-read");
  if (allow) {
    /* DIR[:DIR...]; each must be an existing folder. */
    size_t n = 1;
    for (const char *s = allow; *s; s++) n += *s == ':';
    char *copy = strdup(allow);
    const char **dirs = calloc(n + 1, sizeof *dirs);
    size_t k = 0;
    int bad = 0;
    for (char *tok = strtok(copy, ":"); tok; tok = strtok(NULL, ":")) {
      struct stat st;
      if (stat(tok, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char e[1024];
        fprintf(stderr, "huitu %s: --allow-read: '%s' is not a folder\n", c->name, cli_esc(tok, e, sizeof e));
        bad = 1;
      }
      dirs[k++] = tok;
    }
    if (!bad && ctx) huitu_ctx_set_allow_read(ctx, dirs);
    free(dirs);
    free(copy);
    if (bad) return 2;
  }
  return 0;
}
