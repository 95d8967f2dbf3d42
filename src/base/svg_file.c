/* svg_file: see svg_file.h for what librsvg may and may not load. */
#include "base/svg_file.h"

#include <cairo.h>
#include <gio/gio.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "base/limits.h"

int svg_file_has_ext(const char *path) {
  size_t n = path ? strlen(path) : 0;
  return n >= 4 && !strcasecmp(path + n - 4, ".svg");
}

/* The file's bytes (at most LIMIT_SPEC_BYTES) parsed with the file itself
 * as base URL, so relative references resolve next to it and nowhere else. */
static RsvgHandle *open_svg(const char *path, char *err, size_t errlen) {
  buf data = {0};
  if (fs_read_file(path, &data, LIMIT_SPEC_BYTES, err, errlen) != 0) {
    buf_free(&data);
    return NULL;
  }
  GInputStream *in = g_memory_input_stream_new_from_data(data.data, (gssize)data.len, NULL);
  GFile *base = g_file_new_for_path(path);
  GError *ge = NULL;
  RsvgHandle *h = rsvg_handle_new_from_stream_sync(in, base, RSVG_HANDLE_FLAGS_NONE, NULL, &ge);
  g_object_unref(base);
  g_object_unref(in);
  buf_free(&data);
  if (!h) {
    snprintf(err, errlen, "%s", ge && ge->message ? ge->message : "unknown librsvg error");
    /* librsvg's messages may end in a newline */
    size_t n = strlen(err);
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' ')) err[--n] = 0;
    if (ge) g_error_free(ge);
    return NULL;
  }
  rsvg_handle_set_dpi(h, 96); /* mm, pt, in -> CSS px */
  return h;
}

int svg_file_size(const char *path, double *w, double *h, char *err, size_t errlen) {
  RsvgHandle *r = open_svg(path, err, errlen);
  if (!r) return -1;
  double iw = 0, ih = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(r, &iw, &ih) || !(iw > 0) || !(ih > 0)) {
    /* width/height missing or relative (100%): the viewBox gives the size */
    gboolean has_w, has_h, has_vb;
    RsvgLength lw, lh;
    RsvgRectangle vb;
    rsvg_handle_get_intrinsic_dimensions(r, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (!has_vb || !(vb.width > 0) || !(vb.height > 0)) {
      g_object_unref(r);
      snprintf(err, errlen, "it has no size (give the <svg> element width and height, or a viewBox)");
      return -1;
    }
    iw = vb.width;
    ih = vb.height;
  }
  g_object_unref(r);
  *w = iw;
  *h = ih;
  return 0;
}

int svg_file_draw(const char *path, void *cairo_context, double x, double y, double w, double h) {
  char err[512];
  RsvgHandle *r = open_svg(path, err, sizeof err);
  if (!r) return -1;
  cairo_t *cr = cairo_context;
  RsvgRectangle vp = {x, y, w, h};
  GError *ge = NULL;
  cairo_save(cr);
  gboolean ok = rsvg_handle_render_document(r, cr, &vp, &ge);
  cairo_restore(cr);
  if (ge) g_error_free(ge);
  g_object_unref(r);
  return ok ? 0 : -1;
}
