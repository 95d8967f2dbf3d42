/* Backends: scene -> bytes.  They draw exactly what the scene says and make
 * no layout decisions.  A renderer keeps the buffers that are expensive to
 * make (raster surface, PNG encoder, output buffer) and reuses them for
 * every figure of a batch; one renderer per thread. */
#ifndef HUITU_RENDER_RENDER_H
#define HUITU_RENDER_RENDER_H
#include <stddef.h>

#include "scene/scene.h"

typedef enum { RENDER_PNG, RENDER_SVG, RENDER_PDF, RENDER_FORMAT_LAST } render_format;

/* Takes the next len bytes of the output; returns 0, or -1 to stop the
 * render (the sink keeps its own reason). */
typedef int (*render_sink)(void *ctx, const void *data, size_t len);

typedef struct render_opts {
  double scale;  /* PNG pixels per CSS px (2 = retina); 0 = 1 */
  double dpi;    /* PNG: when > 0, pixels per inch (overrides scale: scale = dpi/96) */
  int svg_text_elements; /* SVG: real <text> instead of outlines */
  double max_pixels;     /* 0 = LIMIT_PAGE_PIXELS */
  /* PNG images of more than RENDER_BAND_MIN_PIXELS pixels are drawn and
   * encoded in bands (png_bands.h), always RGB or RGBA.  band_rows: 0 =
   * that, -1 = never in bands, n > 0 = always, n rows a band (tests).
   * threads: for the bands, 0 = one per core. */
  int band_rows;
  int threads;
  /* When set, the output goes to sink as it is made, a band at a time for
   * a PNG in bands, and render_scene's *out is NULL (*len the total). */
  render_sink sink;
  void *sink_ctx;
} render_opts;

/* 8 M pixels (32 MB drawn whole): a 300-dpi A4 page or a 1x poster and up. */
#define RENDER_BAND_MIN_PIXELS (8.0 * 1024 * 1024)

typedef struct renderer renderer;

renderer *renderer_new(void);
void renderer_free(renderer *r); /* NULL is a no-op */
/* Render s.  On success returns 0 and points *out at bytes owned by the
 * renderer, valid until the next render_scene or renderer_free.  On
 * failure returns -1 with a message in err. */
int render_scene(renderer *r, const scene *s, render_format fmt, const render_opts *opt,
                 const unsigned char **out, size_t *len, char *err, size_t errlen);
/* Draw the scene on a cairo context (user space = CSS px).  Declared with
 * a void pointer so callers outside render/ need no cairo header. */
void render_draw_cairo(renderer *r, const scene *s, void *cairo_context);
const char *render_format_name(render_format f);
int render_format_from_name(const char *name); /* -1 when unknown */
#endif
