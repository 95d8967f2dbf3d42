/* PDF text in large system faces, subset before cairo sees them
 * (text_cairo.h: text_subsets).
 *
 * cairo 1.16 embeds a CFF font by reading the face's whole CFF table
 * (Noto Serif CJK: ~15 MB a face) and parsing every charstring index, and
 * keeps every local subroutine of the glyphs' font dicts: one serif CJK
 * heading made a 119 MB process and a 1 MB PDF where the PNG needed 37 MB.
 * Here a face of more than SUBSET_MIN_BYTES is first cut down by HarfBuzz's
 * subsetter to the glyphs this figure draws and the layout tables dropped,
 * and cairo draws and embeds that small face instead, with the original
 * pattern's options (hinting, emboldening, vertical layout) and each
 * font's own matrices.  The same glyphs give the same subset, so the PDF
 * is still a function of the spec.
 *
 * The subset's glyphs are numbered afresh (0 .. n), and the scene's glyph
 * ids are mapped to them as they are drawn (text_subsets_glyphs), from
 * HarfBuzz's subset plan.  Keeping the ids instead (RETAIN_GIDS) made a
 * face of every glyph slot (62,745 for Noto Serif CJK: a 770 KB face for
 * 38 glyphs), which took HarfBuzz 18 ms to write and cairo as long again
 * to read back when it embedded it: the PDF cost 2.3x the PNG's
 * instructions.  Without the plan API (experimental in HarfBuzz 6; looked
 * up, not linked) the ids are kept as before.
 *
 * Cached per process (a batch worker renders many figures): each source
 * face's file mapping, its HarfBuzz face and its cmap (which characters
 * each glyph draws, so the subset's cmap keeps PDF text searchable).
 *
 * libharfbuzz-subset is opened with dlopen the first time (not linked: a
 * cold start that writes no PDF never loads it); without it, cairo embeds
 * the whole face as before.  PDF output is serialised by the API lock, so
 * nothing here is shared between threads. */
#include <cairo-ft.h>
#include <dlfcn.h>
#include <fontconfig/fcfreetype.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "text/text_cairo.h"
#include "text/text_internal.h"

#define SUBSET_MIN_BYTES (4 << 20) /* the bundled faces (1.7 MB) go to cairo whole */
#define MAX_SOURCES 32

static struct {
  int tried, ok;
  hb_subset_input_t *(*input_create)(void);
  void (*input_destroy)(hb_subset_input_t *);
  hb_set_t *(*glyph_set)(hb_subset_input_t *);
  hb_set_t *(*unicode_set)(hb_subset_input_t *);
  hb_set_t *(*set)(hb_subset_input_t *, hb_subset_sets_t);
  void (*set_flags)(hb_subset_input_t *, unsigned);
  hb_face_t *(*subset)(hb_face_t *, const hb_subset_input_t *);
  /* the plan API: renumbered glyphs and their mapping; NULL when missing */
  hb_subset_plan_t *(*plan_create)(hb_face_t *, const hb_subset_input_t *);
  hb_face_t *(*plan_execute)(hb_subset_plan_t *);
  void (*plan_destroy)(hb_subset_plan_t *);
  const hb_map_t *(*plan_old_to_new)(const hb_subset_plan_t *);
} hbs;

static int hbs_load(void) {
  if (hbs.tried) return hbs.ok;
  hbs.tried = 1;
  void *h = dlopen("libharfbuzz-subset.so.0", RTLD_LAZY | RTLD_LOCAL);
  if (!h) return 0;
  *(void **)&hbs.input_create = dlsym(h, "hb_subset_input_create_or_fail");
  *(void **)&hbs.input_destroy = dlsym(h, "hb_subset_input_destroy");
  *(void **)&hbs.glyph_set = dlsym(h, "hb_subset_input_glyph_set");
  *(void **)&hbs.unicode_set = dlsym(h, "hb_subset_input_unicode_set");
  *(void **)&hbs.set = dlsym(h, "hb_subset_input_set");
  *(void **)&hbs.set_flags = dlsym(h, "hb_subset_input_set_flags");
  *(void **)&hbs.subset = dlsym(h, "hb_subset_or_fail");
  *(void **)&hbs.plan_create = dlsym(h, "hb_subset_plan_create_or_fail");
  *(void **)&hbs.plan_execute = dlsym(h, "hb_subset_plan_execute_or_fail");
  *(void **)&hbs.plan_destroy = dlsym(h, "hb_subset_plan_destroy");
  *(void **)&hbs.plan_old_to_new = dlsym(h, "hb_subset_plan_old_to_new_glyph_mapping");
  if (!hbs.plan_create || !hbs.plan_execute || !hbs.plan_destroy || !hbs.plan_old_to_new) hbs.plan_create = NULL;
  hbs.ok = hbs.input_create && hbs.input_destroy && hbs.glyph_set && hbs.unicode_set && hbs.set &&
           hbs.set_flags && hbs.subset;
  return hbs.ok; /* the library stays loaded for the process */
}

/* FreeType faces made here live as long as cairo keeps their font faces
 * (its caches outlive any one figure), so their library is never freed. */
static FT_Library ft_lib;
static void ft_init(void) {
  if (FT_Init_FreeType(&ft_lib) != 0) ft_lib = NULL;
}

/* A large face: the file, and what every figure's subset starts from. */
typedef struct source {
  char *file;
  int index;
  hb_blob_t *blob;
  hb_face_t *face;
  uint32_t *cp, *gid; /* its cmap, ncp pairs */
  int ncp;
  /* this figure's */
  hb_set_t *glyphs;
  cairo_font_face_t *sub; /* NULL until asked for; a failed subset stays NULL */
  hb_map_t *ids;          /* the glyphs' ids in sub; NULL: the same ids */
  int tried;
} source;

typedef struct sub_font {
  const text_font *font;
  cairo_scaled_font_t *scaled;
  const hb_map_t *ids; /* scene glyph id -> scaled's; NULL: the same */
} sub_font;

struct text_subsets {
  source src[MAX_SOURCES];
  int nsrc;
  sub_font *fonts;
  int nfonts, capfonts;
};

text_subsets *text_subsets_new(void) { return xcalloc(1, sizeof(text_subsets)); }

/* The cached source for f's face, or NULL when f is drawn as it is. */
static source *source_of(text_subsets *t, const text_font *f) {
  const char *file = text_font_file(f);
  FcPattern *pat = text_font_pattern(f);
  int index = 0;
  FcBool variable = FcFalse;
  if (!file || !*file || !pat) return NULL;
  FcPatternGetInteger(pat, FC_INDEX, 0, &index);
  FcPatternGetBool(pat, FC_VARIABLE, 0, &variable);
  if (variable || index >> 16) return NULL; /* a named instance: not cut down here */
  for (int i = 0; i < t->nsrc; i++)
    if (t->src[i].index == index && !strcmp(t->src[i].file, file)) return t->src[i].face ? &t->src[i] : NULL;
  if (t->nsrc == MAX_SOURCES) return NULL;
  source *s = &t->src[t->nsrc++];
  s->file = strdup(file);
  s->index = index;
  struct stat st;
  if (stat(file, &st) != 0 || st.st_size < SUBSET_MIN_BYTES || !hbs_load()) return NULL;
  s->blob = hb_blob_create_from_file(file); /* mapped, not read */
  s->face = hb_face_create(s->blob, (unsigned)index);
  if (hb_face_get_glyph_count(s->face) == 0) {
    hb_face_destroy(s->face);
    s->face = NULL;
    return NULL;
  }
  hb_font_t *font = hb_font_create(s->face);
  hb_set_t *u = hb_set_create();
  hb_face_collect_unicodes(s->face, u);
  unsigned n = hb_set_get_population(u);
  s->cp = xmalloc((n ? n : 1) * sizeof *s->cp);
  s->gid = xmalloc((n ? n : 1) * sizeof *s->gid);
  for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(u, &c);) {
    hb_codepoint_t g;
    if (hb_font_get_nominal_glyph(font, c, &g)) {
      s->cp[s->ncp] = c;
      s->gid[s->ncp++] = g;
    }
  }
  hb_set_destroy(u);
  hb_font_destroy(font);
  s->glyphs = hb_set_create();
  return s;
}

void text_subsets_add(text_subsets *t, const text_font *f, const text_glyph *g, int n) {
  source *s = source_of(t, f);
  if (!s) return;
  for (int i = 0; i < n; i++) hb_set_add(s->glyphs, g[i].id);
}

typedef struct sub_data {
  FT_Face face;
  hb_blob_t *blob;
} sub_data;

static void sub_data_free(void *p) {
  sub_data *d = p;
  FT_Done_Face(d->face);
  hb_blob_destroy(d->blob);
  free(d);
}

static const cairo_user_data_key_t sub_key;

/* The subset of s's face for this figure's glyphs, as a cairo font face
 * with pattern's options; s->ids set when its glyphs are renumbered. */
static cairo_font_face_t *make_subset(source *s, FcPattern *pattern) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, ft_init);
  if (!ft_lib) return NULL;
  hb_subset_input_t *in = hbs.input_create();
  if (!in) return NULL;
  hb_set_t *gs = hbs.glyph_set(in), *us = hbs.unicode_set(in);
  hb_set_union(gs, s->glyphs);
  for (int i = 0; i < s->ncp; i++)
    if (hb_set_has(s->glyphs, s->gid[i])) hb_set_add(us, s->cp[i]);
  /* layout tables: read when shaping, which is done; dropping them also
   * keeps their closure from adding glyphs (vertical forms, ligatures) */
  static const char drop[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "kern"};
  hb_set_t *dt = hbs.set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
    hb_set_add(dt, HB_TAG(drop[i][0], drop[i][1], drop[i][2], drop[i][3]));
  hb_face_t *out = NULL;
  hb_subset_plan_t *plan = hbs.plan_create ? hbs.plan_create(s->face, in) : NULL;
  if (plan) {
    const hb_map_t *o2n = hbs.plan_old_to_new(plan);
    s->ids = hb_map_create();
    int missing = 0;
    for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(s->glyphs, &g);) {
      hb_codepoint_t to = hb_map_get(o2n, g);
      missing |= to == HB_MAP_VALUE_INVALID;
      hb_map_set(s->ids, g, to);
    }
    out = missing ? NULL : hbs.plan_execute(plan);
    hbs.plan_destroy(plan);
    if (!out) {
      hb_face_destroy(out);
      out = NULL;
    }
  }
  if (!out) { /* no plan API (or it failed): keep the ids */
    if (s->ids) hb_map_destroy(s->ids);
    s->ids = NULL;
    hbs.set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS);
    out = hbs.subset(s->face, in);
  }
  hbs.input_destroy(in);
  if (!out) return NULL;
  sub_data *d = xcalloc(1, sizeof *d);
  d->blob = hb_face_reference_blob(out);
  hb_face_destroy(out);
  unsigned len;
  const char *data = hb_blob_get_data(d->blob, &len);
  if (!len || FT_New_Memory_Face(ft_lib, (const FT_Byte *)data, (FT_Long)len, 0, &d->face) != 0) {
    hb_blob_destroy(d->blob);
    free(d);
    return NULL;
  }
  FcPattern *p = FcPatternDuplicate(pattern);
  FcPatternDel(p, FC_FT_FACE);
  FcPatternAddFTFace(p, FC_FT_FACE, d->face);
  cairo_font_face_t *ff = cairo_ft_font_face_create_for_pattern(p);
  FcPatternDestroy(p);
  if (cairo_font_face_status(ff) != CAIRO_STATUS_SUCCESS ||
      cairo_font_face_set_user_data(ff, &sub_key, d, sub_data_free) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(ff);
    sub_data_free(d);
    return NULL;
  }
  return ff;
}

cairo_scaled_font_t *text_subsets_font(text_subsets *t, const text_font *f) {
  cairo_scaled_font_t *orig = text_font_cairo(f);
  for (int i = 0; i < t->nfonts; i++)
    if (t->fonts[i].font == f) return t->fonts[i].scaled;
  source *s = source_of(t, f);
  cairo_scaled_font_t *sf = orig;
  if (s && !s->tried) {
    s->tried = 1;
    s->sub = make_subset(s, text_font_pattern(f));
  }
  if (s && s->sub) {
    cairo_matrix_t fm, ctm;
    cairo_scaled_font_get_font_matrix(orig, &fm);
    cairo_scaled_font_get_ctm(orig, &ctm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_scaled_font_get_font_options(orig, fo);
    sf = cairo_scaled_font_create(s->sub, &fm, &ctm, fo);
    cairo_font_options_destroy(fo);
    if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
      cairo_scaled_font_destroy(sf);
      sf = orig;
    }
  }
  if (t->nfonts == t->capfonts) {
    t->capfonts = t->capfonts ? 2 * t->capfonts : 8;
    t->fonts = xrealloc(t->fonts, (size_t)t->capfonts * sizeof *t->fonts);
  }
  t->fonts[t->nfonts++] = (sub_font){f, sf == orig ? cairo_scaled_font_reference(orig) : sf, sf == orig ? NULL : s->ids};
  return t->fonts[t->nfonts - 1].scaled;
}

void text_subsets_glyphs(text_subsets *t, const text_font *f, cairo_glyph_t *g, int n) {
  for (int i = 0; i < t->nfonts; i++) {
    if (t->fonts[i].font != f) continue;
    const hb_map_t *ids = t->fonts[i].ids;
    if (ids)
      for (int j = 0; j < n; j++) g[j].index = hb_map_get(ids, (hb_codepoint_t)g[j].index);
    return;
  }
}

void text_subsets_clear(text_subsets *t) {
  for (int i = 0; i < t->nfonts; i++) cairo_scaled_font_destroy(t->fonts[i].scaled);
  t->nfonts = 0;
  for (int i = 0; i < t->nsrc; i++) {
    source *s = &t->src[i];
    if (s->sub) cairo_font_face_destroy(s->sub);
    s->sub = NULL;
    if (s->ids) hb_map_destroy(s->ids);
    s->ids = NULL;
    s->tried = 0;
    if (s->glyphs) hb_set_clear(s->glyphs);
  }
}

void text_subsets_free(text_subsets *t) {
  if (!t) return;
  text_subsets_clear(t);
  for (int i = 0; i < t->nsrc; i++) {
    source *s = &t->src[i];
    free(s->file);
    free(s->cp);
    free(s->gid);
    if (s->glyphs) hb_set_destroy(s->glyphs);
    if (s->face) hb_face_destroy(s->face);
    if (s->blob) hb_blob_destroy(s->blob);
  }
  free(t->fonts);
  free(t);
}
