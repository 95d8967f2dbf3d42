#ifndef HUITU_RENDER_INTERNAL_H
#define HUITU_RENDER_INTERNAL_H
#include <cairo.h>
#include <pthread.h>

#include "render/render.h"

/* The renderer's raster surface, made again only when the size or the
 * format changes (a band's surface, for png_bands.c); NULL with a message
 * in err when cairo cannot make it.  Owned by r. */
cairo_surface_t *render_raster(renderer *r, int w, int h, int opaque, char *err, size_t errlen);
struct png_encoder *render_png_encoder(renderer *r);
/* The k-th (k >= 1) helper of r, made on first use and kept with r: a
 * renderer of its own for another thread (its surface, encoder, marker
 * cache, glyph buffer).  NULL when out of helpers. */
renderer *render_helper(renderer *r, int k);

/* A glyph array reused across text runs and figures. */
cairo_glyph_t *render_glyph_buffer(renderer *r, int n);

/* The renderer's cache of marker sprites (markers.h). */
struct marker_cache *render_marker_cache(renderer *r);

/* Fill and stroke one SC_RECT or SC_PATH item as the scene says. */
void render_draw_shape(cairo_t *cr, const sc_item *it);

/* render_draw_cairo for the PNG backend: cr draws on the image surface
 * surf with user space scaled by `scale` and nothing else; scenes with
 * many markers have them stamped from sprites (markers.h). */
void render_draw_raster(renderer *r, const scene *s, cairo_t *cr, cairo_surface_t *surf, double scale);

/* One band of a PNG drawn on its own surface (png_bands.c): the page's
 * device rows y0 .. y1 - 1, cr translated up by y0 rows, so every pixel
 * comes out as in a whole-page drawing. */
typedef struct render_band_image {
  const unsigned char *data; /* the item's image bytes */
  cairo_surface_t *img;      /* decoded once for all the bands */
} render_band_image;

typedef struct render_band {
  int y0, y1;
  int page_w, page_h;
  /* Per item: the first and last page rows its ink may reach (conservative);
   * items outside [y0, y1) are skipped.  NULL: every item is drawn. */
  const float *ext;
  double scale;          /* device px per user px: for render_item_extent */
  pthread_mutex_t *lock; /* held around text and images; NULL on one thread */
  int markers;           /* marker_worth_stamping(s), worked out once */
  render_band_image *images;
  int nimages, cap_images;
} render_band;

/* Rows [e[0], e[1]] of the page (device px) that item `it` may draw on at
 * `scale`, overestimated: what render_band's ext holds. */
void render_item_extent(const sc_item *it, double scale, float *e);
void render_draw_band(renderer *r, const scene *s, cairo_t *cr, cairo_surface_t *surf, double scale,
                      render_band *band);
/* Frees the images band decoded. */
void render_band_release(render_band *band);

/* render_draw_cairo for a PDF surface: runs of markers become placeholders
 * recorded in pm (pdf_marks.h; NULL: none). */
struct pdf_marks;
struct text_subsets;
/* subs (NULL: none): text in large faces is drawn from subsets of them
 * (text_cairo.h), valid until the caller clears subs after finishing the
 * surface. */
void render_draw_pdf(renderer *r, const scene *s, cairo_t *cr, struct pdf_marks *pm, struct text_subsets *subs);
#endif
