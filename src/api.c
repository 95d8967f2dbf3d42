/* The public API: ties the pipeline stages together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fsutil.h"
#include "base/limits.h"
#include "chart/data.h"
#include "huitu.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "render/render.h"
#include "spec/node.h"

struct huitu_ctx {
  text_engine *te;
  renderer *r;
};

struct huitu_doc {
  huitu_ctx *ctx;
  arena *arena;     /* spec tree and model */
  arena *render_arena; /* scene of the last render */
  spec_doc spec;
  doc_model *model;
  diag_list diags;
  int stored;       /* diagnostics converted to public records */
  huitu_diag *pub;
  char *path;
};

const char *huitu_version(void) { return HUITU_VERSION; }

const char *huitu_status_string(huitu_status s) {
  switch (s) {
  case HUITU_OK: return "success";
  case HUITU_ERROR_ENV: return "environment error (I/O, fonts, resources)";
  case HUITU_ERROR_SPEC: return "the spec is invalid";
  default: return "unknown status";
  }
}

huitu_ctx *huitu_ctx_new(char *err, size_t errlen) {
  char e[512] = "";
  huitu_ctx *c = xcalloc(1, sizeof *c);
  c->te = text_engine_new(NULL, e, sizeof e);
  c->r = renderer_new();
  if (!c->te || !c->r) {
    if (err && errlen) snprintf(err, errlen, "%s", e[0] ? e : "out of memory");
    text_engine_free(c->te);
    renderer_free(c->r);
    free(c);
    return NULL;
  }
  return c;
}

void huitu_ctx_free(huitu_ctx *ctx) {
  if (!ctx) return;
  text_engine_free(ctx->te);
  renderer_free(ctx->r);
  free(ctx);
}

static huitu_doc *doc_new(huitu_ctx *ctx, const char *name) {
  huitu_doc *d = xcalloc(1, sizeof *d);
  d->ctx = ctx;
  d->arena = arena_new();
  d->path = arena_strdup(d->arena, name ? name : "-");
  d->spec.arena = d->arena;
  d->spec.path = d->path;
  return d;
}

static void doc_parse(huitu_doc *d, const char *text, size_t len) {
  d->spec.root = spec_parse(d->arena, d->path, text, len, &d->diags);
  if (d->spec.root) d->model = doc_build(&d->spec, &d->diags);
}

huitu_doc *huitu_doc_load_string(huitu_ctx *ctx, const char *name, const char *text, size_t len) {
  huitu_doc *d = doc_new(ctx, name);
  if (len > LIMIT_SPEC_BYTES)
    diag_spec_error(&d->diags, (src_loc){d->path, 0, 0}, "the spec is larger than %ld bytes", LIMIT_SPEC_BYTES);
  else
    doc_parse(d, text, len);
  return d;
}

huitu_doc *huitu_doc_load_file(huitu_ctx *ctx, const char *path) {
  huitu_doc *d = doc_new(ctx, path);
  buf b = {0};
  char err[256];
  if (fs_read_file(path, &b, LIMIT_SPEC_BYTES, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){d->path, 0, 0}, "%s", err);
  } else {
    doc_parse(d, b.data ? b.data : "", b.len);
  }
  buf_free(&b);
  return d;
}

void huitu_doc_free(huitu_doc *d) {
  if (!d) return;
  diag_clear(&d->diags);
  arena_free(d->arena);
  arena_free(d->render_arena);
  free(d->pub);
  free(d);
}

huitu_status huitu_doc_status(const huitu_doc *d) { return (huitu_status)diag_exit_code(&d->diags); }

static void sync_pub(huitu_doc *d) {
  if (d->stored == d->diags.n) return;
  d->pub = xrealloc(d->pub, (size_t)(d->diags.n ? d->diags.n : 1) * sizeof *d->pub);
  for (int i = 0; i < d->diags.n; i++) {
    const diag *g = &d->diags.items[i];
    d->pub[i] = (huitu_diag){(huitu_severity)g->severity, (huitu_status)g->code, g->loc.file ? g->loc.file : d->path,
                             g->loc.line, g->loc.col, g->message};
  }
  d->stored = d->diags.n;
}

int huitu_doc_diag_count(const huitu_doc *d) { return d->diags.n; }

const huitu_diag *huitu_doc_diag(const huitu_doc *d, int i) {
  if (i < 0 || i >= d->diags.n) return NULL;
  sync_pub((huitu_doc *)d);
  return &d->pub[i];
}

void huitu_diag_format(const huitu_diag *g, char *out, size_t outlen) {
  diag tmp = {(diag_severity)g->severity, (diag_code)g->code, {g->file, g->line, g->column}, (char *)g->message};
  diag_format(&tmp, out, outlen);
}

int huitu_format_from_path(const char *path) {
  const char *dot = strrchr(path, '.');
  if (!dot || strchr(dot, '/')) return -1;
  return render_format_from_name(dot + 1);
}

huitu_status huitu_doc_render(huitu_doc *d, huitu_format fmt, const huitu_render_opts *o,
                              const unsigned char **out, size_t *len) {
  if (d->diags.errors || !d->model) return huitu_doc_status(d) ? huitu_doc_status(d) : HUITU_ERROR_SPEC;
  arena_free(d->render_arena);
  d->render_arena = arena_new();
  /* Data urls are read during layout: pass the allowed folders down. */
  data_opts dopts = {0};
  if (o) dopts.allow_dirs = o->allow_read;
  d->spec.data_opts = &dopts;
  scene *s = layout_document(d->model, d->ctx->te, d->render_arena, &d->diags);
  d->spec.data_opts = NULL;
  if (!s || d->diags.errors) return huitu_doc_status(d) ? huitu_doc_status(d) : HUITU_ERROR_SPEC;
  render_opts ro = {0};
  if (o) {
    ro.scale = o->scale;
    ro.dpi = o->dpi;
    ro.svg_text_elements = o->svg_text_elements;
    ro.max_pixels = o->max_pixels;
  }
  char err[512];
  if (render_scene(d->ctx->r, s, (render_format)fmt, &ro, out, len, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){d->path, 0, 0}, "%s", err);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}

huitu_status huitu_doc_render_file(huitu_doc *d, huitu_format fmt, const huitu_render_opts *o, const char *path) {
  const unsigned char *bytes;
  size_t len;
  huitu_status st = huitu_doc_render(d, fmt, o, &bytes, &len);
  if (st != HUITU_OK) return st;
  char err[600];
  if (fs_write_atomic(path, bytes, len, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){0}, "%s", err);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}
