/* rsvg_lib: the few librsvg calls huitu uses, opened with dlopen the first
 * time a spec has an SVG image (librsvg pulls in libxml2, gdk-pixbuf, gio
 * and their dependencies: a fifth of a cold start's instructions went to
 * relocating them when it was linked).  Declared here with the ABI librsvg
 * >= 2.52 and GLib have kept (RsvgRectangle, RsvgLength and GError are
 * public structs), so building needs no librsvg headers.
 *
 * This is a binding, not a drawing module: base/svg_file.c checks and
 * measures SVG images with it at load time, render/svg_image.c draws them
 * on a cairo context (passed through as void *, so base needs no cairo).
 * Thread-safe: the table is filled once; every use opens its own handle. */
#ifndef HUITU_BASE_RSVG_LIB_H
#define HUITU_BASE_RSVG_LIB_H
#include <stddef.h>
#include <stdint.h>

typedef struct { double x, y, width, height; } rsvg_rect;
typedef struct { double length; int unit; } rsvg_length;
typedef struct { uint32_t domain; int code; char *message; } g_error;
typedef void *rsvg_handle;

typedef struct {
  void *(*stream_new)(const void *data, ptrdiff_t len, void (*destroy)(void *));
  rsvg_handle (*handle_new)(void *stream, void *base_file, int flags, void *cancellable, g_error **err);
  void (*set_dpi)(rsvg_handle h, double dpi);
  int (*size_in_pixels)(rsvg_handle h, double *w, double *hh);
  void (*dimensions)(rsvg_handle h, int *has_w, rsvg_length *w, int *has_h, rsvg_length *hh, int *has_vb,
                     rsvg_rect *vb);
  int (*render_document)(rsvg_handle h, void *cairo_context, const rsvg_rect *viewport, g_error **err);
  void (*object_unref)(void *obj);
  void (*error_free)(g_error *err);
} rsvg_api;

/* The loaded table, or NULL with why librsvg is unusable in err (the rest
 * of a sentence whose subject is the image: "cannot be read: ..."). */
const rsvg_api *rsvg_lib(char *err, size_t errlen);
/* The SVG in data[0..len) parsed with no base URL, so librsvg resolves no
 * relative or file reference, only data: URLs (see base/svg_file.h), at
 * 96 dpi.  NULL with "is not a valid SVG file: ..." (or rsvg_lib's reason)
 * in err.  Release with api->object_unref. */
rsvg_handle rsvg_lib_open(const rsvg_api *api, const void *data, size_t len, char *err, size_t errlen);
/* fn is called once, before librsvg is first loaded (librsvg draws an SVG
 * image's text with fontconfig's current configuration: the text module
 * makes it the full one).  Call before any SVG image is read. */
void rsvg_lib_before_load(void (*fn)(void));
#endif
