/* Backends: scene -> bytes.  They draw exactly what the scene says and make
 * no layout decisions.  A renderer keeps the buffers that are expensive to
 * make (raster surface, PNG encoder, output buffer) and reuses them for
 * every figure of a batch; one renderer per thread. */
#ifndef HUITU_RENDER_RENDER_H
#define HUITU_RENDER_RENDER_H
#include <stddef.h>

#include "scene/scene.h"

typedef enum { RENDER_PNG, RENDER_SVG, RENDER_PDF, RENDER_FORMAT_LAST } render_format;

typedef struct render_opts {
  double scale;  /* PNG pixels per CSS px (2 = retina); 0 = 1 */
  double dpi;    /* PNG: when > 0, pixels per inch (overrides scale: scale = dpi/96) */
  int svg_text_elements; /* SVG: real <text> instead of outlines */
  double max_pixels;     /* 0 = LIMIT_PAGE_PIXELS */
} render_opts;

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
