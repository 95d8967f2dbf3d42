/* svg_image: see svg_image.h. */
#include "render/svg_image.h"

#include "base/rsvg_lib.h"

int svg_image_draw(const void *data, size_t len, cairo_t *cr, double x, double y, double w, double h) {
  char err[512];
  const rsvg_api *rsvg = rsvg_lib(err, sizeof err);
  if (!rsvg) return -1;
  rsvg_handle r = rsvg_lib_open(rsvg, data, len, err, sizeof err);
  if (!r) return -1;
  rsvg_rect vp = {x, y, w, h};
  g_error *ge = NULL;
  cairo_save(cr); /* librsvg may leave the context's state changed */
  int ok = rsvg->render_document(r, cr, &vp, &ge);
  cairo_restore(cr);
  if (ge) rsvg->error_free(ge);
  rsvg->object_unref(r);
  return ok ? 0 : -1;
}
