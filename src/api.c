/* The public API: ties the pipeline stages together. */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fsutil.h"
#include "base/limits.h"
#include "data/data.h"
#include "huitu.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "render/book.h"
#include "render/render.h"
#include "spec/node.h"
#include "api_internal.h"

/* Every public call that can reach cairo, Pango or FreeType runs under one
 * process-wide lock.  cairo 1.16 keeps one cache of FreeType faces for the
 * whole process and opens, closes and reads them without a lock that
 * covers it (FT_New_Face/FT_Done_Face on a shared FT_Library, a face
 * closed while another thread is about to use it), so two threads with two
 * huitu_ctx still crash inside cairo_surface_finish or lose a face from a
 * PDF.  Serialising is the only fix that covers every path (glyph loads,
 * font subsetting, font destruction when a doc is freed); for parallel
 * speed, use processes, as huitu batch does.  Recursive: a public call may
 * make another (huitu_doc_render_file renders). */
static pthread_mutex_t api_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static void api_unlock(int *held) {
  (void)held;
  pthread_mutex_unlock(&api_lock);
}
static int api_enter(void) {
  pthread_mutex_lock(&api_lock);
  return 1;
}
#define API_SERIALIZED int api_held_ __attribute__((cleanup(api_unlock), unused)) = api_enter()

struct huitu_ctx {
  text_engine *te;
  renderer *r;
  double limits[HUITU_LIMIT_LAST]; /* 0 = default */
  char **allow_read;               /* NULL-terminated, owned */
  data_opts data;                  /* what data loading sees (points into the above) */
  /* The text cache grows with every distinct string (about 10 KB per
   * figure); a long batch empties it every CTX_FLUSH_EVERY docs, and any
   * layout empties it first when it is over its cap (text_engine_trim).
   * Either is safe with other docs alive: their scenes own copies of
   * their text (scene_text). */
  int docs_since_flush;
  int strict; /* huitu_ctx_set_strict */
};
#define CTX_FLUSH_EVERY 500

struct huitu_doc {
  huitu_ctx *ctx;
  arena *arena;     /* spec tree and model */
  arena *render_arena; /* scene of the last render */
  scene *laid;         /* that scene, reused by every render of this doc:
                        * layout does not depend on the format or the render
                        * options.  It owns its text (in render_arena); only
                        * its fonts are the ctx's, which live as long as it. */
  spec_doc spec;
  doc_model *model;
  diag_list diags;
  int stored;       /* diagnostics converted to public records */
  /* Those records, each allocated once in the doc's arena: huitu.h
   * promises a record keeps its address until huitu_doc_free, so only this
   * array of pointers grows. */
  huitu_diag **pub;
  char *path;
  mem_budget budget; /* charged by arena and render_arena: --max-memory */
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
  API_SERIALIZED;
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

static void free_allow(huitu_ctx *ctx) {
  for (char **p = ctx->allow_read; p && *p; p++) free(*p);
  free(ctx->allow_read);
  ctx->allow_read = NULL;
  ctx->data.allow_dirs = NULL;
}

void huitu_ctx_set_allow_read(huitu_ctx *ctx, const char *const *dirs) {
  free_allow(ctx);
  size_t n = 0;
  while (dirs && dirs[n]) n++;
  if (!n) return;
  ctx->allow_read = xcalloc(n + 1, sizeof *ctx->allow_read);
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(dirs[i]);
    ctx->allow_read[i] = memcpy(xmalloc(l + 1), dirs[i], l + 1);
  }
  ctx->data.allow_dirs = (const char *const *)ctx->allow_read;
}

int huitu_ctx_set_limit(huitu_ctx *ctx, huitu_limit which, double value) {
  if ((int)which < 0 || which >= HUITU_LIMIT_LAST || !(value >= 0) || value > 1e15) return -1;
  if (which == HUITU_LIMIT_DEPTH && value > LIMIT_DEPTH_MAX) return -1;
  if (ctx) ctx->limits[which] = value;
  return 0;
}

double huitu_ctx_get_limit(const huitu_ctx *ctx, huitu_limit which) {
  static const double defaults[HUITU_LIMIT_LAST] = {
      [HUITU_LIMIT_SPEC_BYTES] = LIMIT_SPEC_BYTES, [HUITU_LIMIT_DEPTH] = LIMIT_DEPTH,
      [HUITU_LIMIT_STRING_BYTES] = LIMIT_STRING_BYTES, [HUITU_LIMIT_ROWS] = LIMIT_ROWS,
      [HUITU_LIMIT_PIXELS] = (double)LIMIT_PAGE_PIXELS, [HUITU_LIMIT_IMAGE_PIXELS] = (double)LIMIT_IMAGE_PIXELS,
      [HUITU_LIMIT_MEMORY] = LIMIT_MEMORY_MB};
  if ((int)which < 0 || which >= HUITU_LIMIT_LAST) return 0;
  return ctx->limits[which] > 0 ? ctx->limits[which] : defaults[which];
}

void huitu_ctx_set_strict(huitu_ctx *ctx, int on) {
  API_SERIALIZED;
  if (ctx) ctx->strict = on != 0;
}

void huitu_ctx_free(huitu_ctx *ctx) {
  API_SERIALIZED;
  if (!ctx) return;
  free_allow(ctx);
  text_engine_free(ctx->te);
  renderer_free(ctx->r);
  free(ctx);
}

static huitu_doc *doc_new(huitu_ctx *ctx, const char *name) {
  huitu_doc *d = xcalloc(1, sizeof *d);
  d->ctx = ctx;
  ctx->docs_since_flush++;
  d->arena = arena_new();
  double mb = huitu_ctx_get_limit(ctx, HUITU_LIMIT_MEMORY);
  d->budget.limit = mb < (double)(SIZE_MAX >> 21) ? (size_t)mb << 20 : SIZE_MAX >> 1;
  arena_set_budget(d->arena, &d->budget);
  d->path = arena_strdup(d->arena, name ? name : "-");
  d->spec.arena = d->arena;
  d->spec.path = d->path;
  ctx->data.max_rows = (long)huitu_ctx_get_limit(ctx, HUITU_LIMIT_ROWS);
  ctx->data.max_image_pixels = huitu_ctx_get_limit(ctx, HUITU_LIMIT_IMAGE_PIXELS);
  d->spec.data_opts = &ctx->data;
  d->diags.strict = ctx->strict;
  return d;
}

/* A document past its memory budget whose error no stage has reported
 * (the stages report it where they can name the key that grew): one error
 * for the whole figure, so it never renders. */
static void budget_check(huitu_doc *d) {
  if (d->budget.over && !d->budget.reported)
    data_budget_error(&d->spec, d->spec.root, d->arena, 0, "this figure", &d->diags);
}

static void doc_parse(huitu_doc *d, const char *text, size_t len) {
  spec_limits sl = {(int)huitu_ctx_get_limit(d->ctx, HUITU_LIMIT_DEPTH),
                    (size_t)huitu_ctx_get_limit(d->ctx, HUITU_LIMIT_STRING_BYTES)};
  d->spec.root = spec_parse_ex(d->arena, d->path, text, len, &sl, &d->diags);
  if (d->spec.root) d->model = doc_build(&d->spec, &d->diags);
  budget_check(d);
}

huitu_doc *huitu_doc_load_string(huitu_ctx *ctx, const char *name, const char *text, size_t len) {
  API_SERIALIZED;
  huitu_doc *d = doc_new(ctx, name);
  double maxb = huitu_ctx_get_limit(ctx, HUITU_LIMIT_SPEC_BYTES);
  if ((double)len > maxb)
    diag_spec_error(&d->diags, (src_loc){d->path, 0, 0}, "the spec is larger than %.0f bytes (raise the limit with --max-spec-bytes)", maxb);
  else
    doc_parse(d, text, len);
  return d;
}

huitu_doc *huitu_doc_load_file(huitu_ctx *ctx, const char *path) {
  API_SERIALIZED;
  huitu_doc *d = doc_new(ctx, path);
  buf b = {0};
  char err[256];
  double maxb = huitu_ctx_get_limit(ctx, HUITU_LIMIT_SPEC_BYTES);
  int r = fs_read_file(path, &b, (size_t)maxb, err, sizeof err);
  if (r == -2) {
    /* Too large is the spec's problem (or the limit's), not the system's. */
    diag_spec_error(&d->diags, (src_loc){d->path, 0, 0},
                    "the spec is larger than %.0f bytes (raise the limit with --max-spec-bytes)", maxb);
  } else if (r != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){d->path, 0, 0}, "%s", err);
  } else {
    doc_parse(d, b.data ? b.data : "", b.len);
  }
  buf_free(&b);
  return d;
}

void huitu_doc_free(huitu_doc *d) {
  API_SERIALIZED;
  if (!d) return;
  huitu_ctx *ctx = d->ctx;
  diag_clear(&d->diags);
  arena_free(d->arena);
  arena_free(d->render_arena);
  free(d->pub);
  free(d);
  if (ctx->docs_since_flush >= CTX_FLUSH_EVERY) {
    text_engine_flush(ctx->te);
    ctx->docs_since_flush = 0;
  }
}

huitu_status huitu_doc_status(const huitu_doc *d) { return (huitu_status)diag_exit_code(&d->diags); }

static void sync_pub(huitu_doc *d) {
  if (d->stored >= d->diags.n) return;
  d->pub = xrealloc(d->pub, (size_t)d->diags.n * sizeof *d->pub);
  for (int i = d->stored; i < d->diags.n; i++) {
    const diag *g = &d->diags.items[i];
    huitu_diag *p = arena_alloc(d->arena, sizeof *p);
    /* The message is the list's own copy, freed only by diag_clear. */
    *p = (huitu_diag){(huitu_severity)g->severity, (huitu_status)g->code, g->loc.file ? g->loc.file : d->path,
                      g->loc.line, g->loc.col, g->message};
    d->pub[i] = p;
  }
  d->stored = d->diags.n;
}

int huitu_doc_diag_count(const huitu_doc *d) { return d->diags.n; }

const huitu_diag *huitu_doc_diag(const huitu_doc *d, int i) {
  if (i < 0 || i >= d->diags.n) return NULL;
  sync_pub((huitu_doc *)d);
  return d->pub[i];
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

/* The doc laid out, once: rendering it to several formats (batch -f
 * png,svg,pdf, a book) lays it out, and reports its warnings, only once.
 * NULL on errors (in d->diags). */
static scene *doc_scene(huitu_doc *d) {
  if (d->laid) return d->laid;
  if (d->diags.errors || !d->model) return NULL;
  arena_free(d->render_arena);
  d->render_arena = arena_new();
  text_engine_trim(d->ctx->te); /* between layouts: nothing holds cached boxes */
  arena_set_budget(d->render_arena, &d->budget);
  scene *s = layout_document(d->model, d->ctx->te, d->render_arena, &d->diags);
  budget_check(d);
  if (!s || d->diags.errors) return NULL;
  d->laid = s;
  return s;
}

huitu_status huitu_doc_check(huitu_doc *d) {
  API_SERIALIZED;
  doc_scene(d);
  return huitu_doc_status(d);
}

/* The doc's scene and the options it renders with, checked: HUITU_OK, or
 * the error (added to the doc's diagnostics). */
static huitu_status render_setup(huitu_doc *d, huitu_format fmt, const huitu_render_opts *o, scene **sp,
                                 render_opts *rop) {
  scene *s = doc_scene(d);
  if (!s) return huitu_doc_status(d) ? huitu_doc_status(d) : HUITU_ERROR_SPEC;
  render_opts ro = {0};
  if (o) {
    ro.scale = o->scale;
    ro.dpi = o->dpi;
    ro.svg_text_elements = o->svg_text_elements;
    ro.max_pixels = o->max_pixels;
  }
  /* What the CLI accepts (cli_number): 0 for the default, else scale 0.1-16
   * and dpi 10-2400.  NaN, infinities and 1e-9 made 0x0 or absurd rasters. */
  if (!(ro.scale == 0 || (ro.scale >= 0.1 && ro.scale <= 16)) || !(ro.dpi == 0 || (ro.dpi >= 10 && ro.dpi <= 2400))) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){0},
             "render options: scale must be 0 (the default) or from 0.1 to 16 and dpi 0 or from 10 to 2400, found scale %g, dpi %g",
             ro.scale, ro.dpi);
    return HUITU_ERROR_ENV;
  }
  if (ro.max_pixels <= 0) ro.max_pixels = huitu_ctx_get_limit(d->ctx, HUITU_LIMIT_PIXELS);
  if (fmt == HUITU_PNG) {
    /* The raster's size comes from the spec: too large is a spec error,
     * located at the page settings (or the top of the spec). */
    double sc = ro.dpi > 0 ? ro.dpi / 96.0 : (ro.scale > 0 ? ro.scale : 1.0);
    double wpx = ceil(s->width * sc - 1e-6), hpx = ceil(s->height * sc - 1e-6);
    if (wpx * hpx > ro.max_pixels || wpx > 4 * LIMIT_PAGE_SIDE || hpx > 4 * LIMIT_PAGE_SIDE) {
      const spec_node *page = d->spec.root ? spec_map_get(d->spec.root, "page") : NULL;
      src_loc loc = page ? spec_loc(&d->spec, page) : (src_loc){d->path, 1, 1};
      diag_spec_error(&d->diags, loc,
                      "the PNG would be %.0f x %.0f = %.0f pixels, more than the limit of %.0f (make the page "
                      "smaller, lower --scale or --dpi, or raise --max-pixels)",
                      wpx, hpx, wpx * hpx, ro.max_pixels);
      return HUITU_ERROR_SPEC;
    }
  }
  *sp = s;
  *rop = ro;
  return HUITU_OK;
}

huitu_status huitu_doc_render(huitu_doc *d, huitu_format fmt, const huitu_render_opts *o,
                              const unsigned char **out, size_t *len) {
  API_SERIALIZED;
  scene *s;
  render_opts ro;
  huitu_status st = render_setup(d, fmt, o, &s, &ro);
  if (st != HUITU_OK) return st;
  char err[512];
  if (render_scene(d->ctx->r, s, (render_format)fmt, &ro, out, len, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){d->path, 0, 0}, "%s", err);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}

static int sink_to_file(void *ctx, const void *data, size_t len) { return fs_atomic_write(ctx, data, len); }

/* The output goes into the temporary file as it is made (a large PNG band
 * by band, never whole in memory), renamed over path once complete. */
huitu_status huitu_doc_render_file(huitu_doc *d, huitu_format fmt, const huitu_render_opts *o, const char *path) {
  API_SERIALIZED;
  scene *s;
  render_opts ro;
  huitu_status st = render_setup(d, fmt, o, &s, &ro);
  if (st != HUITU_OK) return st;
  char err[600], werr[600] = "";
  fs_atomic a;
  if (fs_atomic_open(&a, path, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){0}, "%s", err);
    return HUITU_ERROR_ENV;
  }
  ro.sink = sink_to_file;
  ro.sink_ctx = &a;
  const unsigned char *out;
  size_t len;
  if (render_scene(d->ctx->r, s, (render_format)fmt, &ro, &out, &len, err, sizeof err) != 0) {
    fs_atomic_abort(&a, werr, sizeof werr);
    /* a failed write says why; otherwise the render's own message */
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, werr[0] ? (src_loc){0} : (src_loc){d->path, 0, 0}, "%s",
             werr[0] ? werr : err);
    return HUITU_ERROR_ENV;
  }
  if (fs_atomic_commit(&a, 0, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){0}, "%s", err);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}

/* ---- books ---- */

struct huitu_book {
  huitu_ctx *ctx;
  render_book *rb;
};

huitu_book *huitu_book_new(huitu_ctx *ctx, const huitu_book_opts *o) {
  API_SERIALIZED;
  huitu_book *b = xcalloc(1, sizeof *b);
  b->ctx = ctx;
  const double pt_per_mm = 72.0 / 25.4;
  double pw = 0, ph = 0, margin = 0;
  if (o && o->page_width_mm > 0 && o->page_height_mm > 0) {
    pw = o->page_width_mm * pt_per_mm;
    ph = o->page_height_mm * pt_per_mm;
    margin = o->margin_mm > 0 ? o->margin_mm * pt_per_mm : 0;
  }
  b->rb = render_book_new(ctx->r, pw, ph, margin, o ? o->title : NULL);
  return b;
}

huitu_status huitu_book_add(huitu_book *b, huitu_doc *d) {
  API_SERIALIZED;
  if (d->ctx != b->ctx) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){d->path, 0, 0}, "the doc and the book belong to different contexts");
    return HUITU_ERROR_ENV;
  }
  scene *s = doc_scene(d);
  if (!s) return huitu_doc_status(d) ? huitu_doc_status(d) : HUITU_ERROR_SPEC;
  char err[512];
  if (render_book_add(b->rb, s, err, sizeof err) != 0) {
    diag_add(&d->diags, DIAG_ERROR, DIAG_ENV, (src_loc){d->path, 0, 0}, "%s", err);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}

int huitu_book_page_count(const huitu_book *b) { return render_book_pages(b->rb); }

huitu_status huitu_book_finish(huitu_book *b, const unsigned char **out, size_t *len, char *err, size_t errlen) {
  API_SERIALIZED;
  char e[512];
  if (render_book_finish(b->rb, out, len, e, sizeof e) != 0) {
    if (err && errlen) snprintf(err, errlen, "%s", e);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}

huitu_status huitu_book_write_file(huitu_book *b, const char *path, char *err, size_t errlen) {
  API_SERIALIZED;
  const unsigned char *bytes;
  size_t len;
  huitu_status st = huitu_book_finish(b, &bytes, &len, err, errlen);
  if (st != HUITU_OK) return st;
  char e[600];
  if (fs_write_atomic(path, bytes, len, e, sizeof e) != 0) {
    if (err && errlen) snprintf(err, errlen, "%s", e);
    return HUITU_ERROR_ENV;
  }
  return HUITU_OK;
}

void huitu_book_free(huitu_book *b) {
  API_SERIALIZED;
  if (!b) return;
  render_book_free(b->rb);
  free(b);
}

typedef struct font_report_bridge {
  huitu_font_fn fn;
  void *user;
} font_report_bridge;

static void font_report_cb(void *ud, uint32_t ch, const char *lang, const char *family, const char *file,
                           text_font_status status) {
  font_report_bridge *b = ud;
  b->fn(b->user, ch, lang, family, file, (int)status);
}

int huitu_doc_font_report(huitu_doc *d, huitu_font_fn fn, void *user) {
  API_SERIALIZED;
  if (d->diags.errors || !d->model) return -1;
  text_engine *te = d->ctx->te;
  /* The census lays every string out afresh, bypassing the text cache
   * (and leaving it as it is); this doc's scene is laid out again and
   * kept for later renders.  Other docs' scenes own their text, so
   * nothing here can reach them. */
  text_engine_trim(te);
  text_engine_census_start(te);
  d->laid = NULL;
  arena_free(d->render_arena);
  d->render_arena = arena_new();
  arena_set_budget(d->render_arena, &d->budget);
  scene *s = layout_document(d->model, te, d->render_arena, &d->diags);
  budget_check(d);
  if (s && !d->diags.errors) d->laid = s;
  font_report_bridge b = {fn, user};
  int n = text_engine_census_report(te, font_report_cb, &b);
  text_engine_census_stop(te);
  return n;
}

const scene *huitu_internal_doc_scene(huitu_doc *d) {
  API_SERIALIZED;
  return d ? doc_scene(d) : NULL;
}
