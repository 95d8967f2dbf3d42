/* render and check: one spec at a time through the public API. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fsutil.h"
#include "cli/cli.h"

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* One line per character: "U+4F4E 低 zh-CN Huitu Sans SC", flagged when a
 * fallback font or no font draws it. */
static void print_font_line(void *user, unsigned int cp, const char *lang, const char *family, const char *file,
                            int status) {
  char ch[8] = {0};
  if (cp < 0x80) ch[0] = (char)cp;
  else if (cp < 0x800) { ch[0] = (char)(0xC0 | cp >> 6); ch[1] = (char)(0x80 | (cp & 63)); }
  else if (cp < 0x10000) { ch[0] = (char)(0xE0 | cp >> 12); ch[1] = (char)(0x80 | (cp >> 6 & 63)); ch[2] = (char)(0x80 | (cp & 63)); }
  else { ch[0] = (char)(0xF0 | cp >> 18); ch[1] = (char)(0x80 | (cp >> 12 & 63)); ch[2] = (char)(0x80 | (cp >> 6 & 63)); ch[3] = (char)(0x80 | (cp & 63)); }
  static const char *const flags[] = {"", "  fallback", "  MISSING"};
  printf("  U+%04X %s %s %s%s\n", cp, ch, lang ? lang : "-", family ? family : "(no font)",
         flags[status >= 0 && status <= 2 ? status : 0]);
  (void)user;
  (void)file;
}

/* --json: one array for all specs, for editors and CI annotations. */
static void json_string(const char *s) {
  putchar('"');
  for (const unsigned char *u = (const unsigned char *)(s ? s : ""); *u; u++) {
    if (*u == '"' || *u == '\\') printf("\\%c", *u);
    else if (*u < 0x20) printf("\\u%04x", *u);
    else putchar(*u);
  }
  putchar('"');
}

static int json_report(const huitu_doc *doc, int quiet, int *first) {
  static const char *const sev[] = {"error", "warning", "note"};
  for (int i = 0; i < huitu_doc_diag_count(doc); i++) {
    const huitu_diag *g = huitu_doc_diag(doc, i);
    if (quiet && g->severity != HUITU_SEVERITY_ERROR) continue;
    char file[1024]; /* the message is escaped already (diag_escape); the file name is the user's */
    printf("%s\n  {\"file\": ", *first ? "" : ",");
    json_string(cli_esc(g->file, file, sizeof file));
    printf(", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"message\": ", g->line, g->column,
           sev[g->severity < HUITU_SEVERITY_LAST ? g->severity : 0]);
    json_string(g->message);
    putchar('}');
    *first = 0;
  }
  return (int)huitu_doc_status(doc);
}

int cmd_check(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  int rc0 = cli_begin(c, argc, argv, &p);
  if (rc0 >= 0) return rc0;
  if (!p.nargs) {
    fprintf(stderr, "huitu check: no spec given (see 'huitu check --help')\n");
    cli_args_free(&p);
    return 2;
  }
  huitu_ctx *ctx = cli_make_ctx();
  if (!ctx) {
    cli_args_free(&p);
    return 1;
  }
  if (cli_apply_limits(c, &p, ctx, NULL)) {
    huitu_ctx_free(ctx);
    cli_args_free(&p);
    return 2;
  }
  int rc = 0, json = cli_set(c, &p, "json"), first = 1;
  if (json) putchar('[');
  for (int i = 0; i < p.nargs; i++) {
    huitu_doc *doc = huitu_doc_load_file(ctx, p.args[i]);
    /* Layout finds problems parsing cannot (overflow, missing glyphs):
     * check runs it too, and draws nothing (it rendered a whole SVG). */
    if (huitu_doc_status(doc) == HUITU_OK) {
      if (cli_set(c, &p, "fonts") && !json) { /* lays the doc out too */
        printf("%s:\n", p.args[i]);
        huitu_doc_font_report(doc, print_font_line, NULL);
      } else {
        huitu_doc_check(doc);
      }
    }
    int quiet = cli_set(c, &p, "quiet");
    rc = cli_worse(rc, json ? json_report(doc, quiet, &first) : cli_report(doc, quiet));
    huitu_doc_free(doc);
  }
  if (json) printf("%s]\n", first ? "" : "\n");
  huitu_ctx_free(ctx);
  cli_args_free(&p);
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

int cmd_render(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  int rc0 = cli_begin(c, argc, argv, &p);
  if (rc0 >= 0) return rc0;
  const char *out = cli_val(c, &p, "output");
  const char *fmt_name = cli_val(c, &p, "format");
  int quiet = cli_set(c, &p, "quiet");
  if (!p.nargs || !out) {
    fprintf(stderr, "huitu render: %s (see 'huitu render --help')\n", !p.nargs ? "no spec given" : "no output given: use -o OUT");
    cli_args_free(&p);
    return 2;
  }
  huitu_render_opts ro = {0};
  const char *v;
  /* Below 0.1 a page rounds to a few pixels (1e-9 gave a "1 x -0" PNG);
   * the dpi range is the same 0.1x to 25x. */
  if (((v = cli_val(c, &p, "scale")) && cli_number(c, "scale", v, 0.1, 16, &ro.scale)) ||
      ((v = cli_val(c, &p, "dpi")) && cli_number(c, "dpi", v, 10, 2400, &ro.dpi))) {
    cli_args_free(&p);
    return 2;
  }
  if ((v = cli_val(c, &p, "svg-text"))) {
    if (!strcmp(v, "text"))
      ro.svg_text_elements = 1;
    else if (strcmp(v, "paths")) {
      char e[256];
      fprintf(stderr, "huitu render: --svg-text must be 'paths' or 'text', found '%s'\n", cli_esc(v, e, sizeof e));
      cli_args_free(&p);
      return 2;
    }
  }
  int fmt = -1;
  if (fmt_name) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, ".%s", fmt_name);
    fmt = huitu_format_from_path(tmp);
    if (fmt < 0) {
      char e[256];
      fprintf(stderr, "huitu render: unknown format '%s' (png, svg or pdf)\n", cli_esc(fmt_name, e, sizeof e));
      cli_args_free(&p);
      return 2;
    }
  }
  int to_dir = p.nargs > 1 || is_dir(out);
  if (!to_dir && fmt < 0) {
    fmt = strcmp(out, "-") ? huitu_format_from_path(out) : -1;
    if (fmt < 0) {
      char e[1024];
      fprintf(stderr, "huitu render: cannot tell the format of '%s': give it a .png, .svg or .pdf extension, or -f\n",
              cli_esc(out, e, sizeof e));
      cli_args_free(&p);
      return 2;
    }
  }
  if (to_dir && fmt < 0) fmt = HUITU_PNG;
  if (to_dir && !is_dir(out)) {
    char e[1024];
    fprintf(stderr, "huitu render: with several specs, -o must name an existing folder: '%s' is not one\n",
            cli_esc(out, e, sizeof e));
    cli_args_free(&p);
    return 1;
  }
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  huitu_ctx *ctx = cli_make_ctx();
  if (!ctx) {
    cli_args_free(&p);
    return 1;
  }
  if (cli_apply_limits(c, &p, ctx, &ro)) {
    huitu_ctx_free(ctx);
    cli_args_free(&p);
    return 2;
  }
  static const char *const exts[] = {"png", "svg", "pdf"};
  /* Before anything is written: no output may replace an input
   * (`render s.yaml -o s.yaml -f png` wrote the PNG over the spec). */
  int refused = 0;
  for (int i = 0; i < p.nargs && !refused; i++) {
    char path[4096];
    if (to_dir)
      out_name(path, sizeof path, out, p.args[i], exts[fmt]);
    else
      snprintf(path, sizeof path, "%s", out);
    refused = cli_check_output(c, path, p.args[i], p.args, p.nargs);
  }
  int rc = refused;
  for (int i = 0; i < p.nargs && !refused; i++) {
    huitu_doc *doc = huitu_doc_load_file(ctx, p.args[i]);
    char path[4096];
    if (to_dir)
      out_name(path, sizeof path, out, p.args[i], exts[fmt]);
    else
      snprintf(path, sizeof path, "%s", out);
    if (huitu_doc_status(doc) == HUITU_OK) huitu_doc_render_file(doc, (huitu_format)fmt, &ro, path);
    rc = cli_worse(rc, cli_report(doc, quiet));
    huitu_doc_free(doc);
  }
  huitu_ctx_free(ctx);
  cli_args_free(&p);
  return rc;
}

