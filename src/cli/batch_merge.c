/* Batch reports read back and merged (batch_merge.h). */
#include "cli/batch_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "spec/node.h"

/* A report is at most one record a figure: 256 MiB is millions of them. */
#define REPORT_MAX_BYTES (256u << 20)

static const char *str_of(const spec_node *n) { return n && n->kind == SPEC_SCALAR ? n->str : NULL; }

/* "OUT/sub/name.svg" -> "sub/name", the output's name below OUTDIR (the
 * report's outputs are OUTDIR/NAME.EXT; OUTDIR is the merge's). */
static char *name_of_output(const char *out, const char *outdir) {
  size_t dl = strlen(outdir);
  if (!strncmp(out, outdir, dl) && out[dl] == '/') out += dl + 1;
  const char *dot = strrchr(out, '.');
  return strndup(out, dot && !strchr(dot, '/') ? (size_t)(dot - out) : strlen(out));
}

static int ext_bit(const char *out) {
  static const char *const exts[] = {".png", ".svg", ".pdf"};
  size_t l = strlen(out);
  for (int k = 0; k < 3; k++)
    if (l > 4 && !strcmp(out + l - 4, exts[k])) return 1 << k;
  return 0;
}

static void add_msgs(merged_figure *f, const spec_node *list) {
  for (int i = 0; list && list->kind == SPEC_SEQ && i < list->n; i++) {
    const char *s = str_of(list->items[i]);
    if (!s) continue;
    f->msgs = xrealloc(f->msgs, (size_t)(f->nmsgs + 1) * sizeof *f->msgs);
    f->msgs[f->nmsgs++] = strdup(s);
  }
}

static void free_one(merged_figure *f) {
  free(f->input);
  free(f->name);
  free(f->status);
  for (int m = 0; m < f->nmsgs; m++) free(f->msgs[m]);
  free(f->msgs);
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const merged_figure *)a)->name, ((const merged_figure *)b)->name);
}

/* One report's figures onto *v; outdir: the folder its outputs are in. */
static int read_one(const char *file, const char *outdir, merged_figure **v, int *n, int *cap, char *err,
                    size_t errlen) {
  buf b = {0};
  char e[300];
  if (fs_read_file(file, &b, REPORT_MAX_BYTES, e, sizeof e) != 0) {
    snprintf(err, errlen, "%s", e);
    return -1;
  }
  arena *a = arena_new();
  diag_list d = {0};
  const spec_node *root = spec_parse(a, file, b.data ? b.data : "", b.len, &d);
  const spec_node *figs = root ? spec_map_get(root, "figures") : NULL;
  int rc = 0;
  if (d.n) {
    diag_format(&d.items[0], err, errlen);
    rc = -1;
  } else if (!root || !spec_map_get(root, "huitu") || !figs || figs->kind != SPEC_SEQ) {
    snprintf(err, errlen, "%s: not a huitu batch report (no \"huitu\" and \"figures\")", file);
    rc = -1;
  }
  for (int i = 0; rc == 0 && i < figs->n; i++) {
    const spec_node *x = figs->items[i];
    const char *input = str_of(spec_map_get(x, "input")), *status = str_of(spec_map_get(x, "status"));
    const char *name = str_of(spec_map_get(x, "name"));
    const spec_node *outs = spec_map_get(x, "outputs");
    if (!input || !status) {
      src_loc l = spec_loc(&(spec_doc){a, file, (spec_node *)root, NULL}, x);
      snprintf(err, errlen, "%s:%d:%d: a figure without \"input\" and \"status\"", file, l.line, l.col);
      rc = -1;
      break;
    }
    merged_figure f = {.input = strdup(input), .status = strdup(status)};
    for (int k = 0; outs && outs->kind == SPEC_SEQ && k < outs->n; k++)
      if (str_of(outs->items[k])) f.formats |= ext_bit(str_of(outs->items[k]));
    if (name) f.name = strdup(name);
    else if (outs && outs->kind == SPEC_SEQ && outs->n && str_of(outs->items[0]))
      f.name = name_of_output(str_of(outs->items[0]), outdir);
    else /* a failed figure of an older report: its spec's name */
      f.name = name_of_output(strrchr(input, '/') ? strrchr(input, '/') + 1 : input, "");
    add_msgs(&f, spec_map_get(x, "errors"));
    f.nerrors = f.nmsgs;
    add_msgs(&f, spec_map_get(x, "warnings"));
    const spec_node *ms = spec_map_get(x, "ms");
    double t = 0;
    if (ms && ms->kind == SPEC_SCALAR && spec_scalar_number(ms->str, ms->len, &t) == 0) f.ms = t;
    int j = 0;
    while (j < *n && strcmp((*v)[j].name, f.name)) j++;
    if (j < *n) { /* in two reports: the later one, unless it did not run it */
      if (!strcmp(f.status, "not-run")) {
        free_one(&f);
        continue;
      }
      free_one(&(*v)[j]);
      (*v)[j] = f;
      continue;
    }
    if (*n == *cap) {
      *cap = *cap ? *cap * 2 : 64;
      *v = xrealloc(*v, (size_t)*cap * sizeof **v);
    }
    (*v)[(*n)++] = f;
  }
  diag_clear(&d);
  arena_free(a);
  buf_free(&b);
  return rc;
}

int batch_read_reports(char *const *files, int n, const char *outdir, merged_figure **out, int *nout, char *err,
                       size_t errlen) {
  merged_figure *v = NULL;
  int nv = 0, cap = 0;
  *out = NULL;
  *nout = 0;
  for (int i = 0; i < n; i++) {
    if (read_one(files[i], outdir, &v, &nv, &cap, err, errlen) != 0) {
      batch_merged_free(v, nv);
      return -1;
    }
  }
  if (nv > 1) qsort(v, (size_t)nv, sizeof *v, by_name);
  *out = v;
  *nout = nv;
  return 0;
}

void batch_merged_free(merged_figure *f, int n) {
  for (int i = 0; i < n; i++) free_one(&f[i]);
  free(f);
}
