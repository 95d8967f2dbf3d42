/* svg_file: SVG images (the `image` block): checked and measured here when
 * the spec is loaded, drawn by render/svg_image.h.  Both take the file's
 * bytes, read once by the caller from a confined descriptor
 * (data/path_guard.h); nothing here opens a file by name.
 *
 * External resources: the bytes are handed to librsvg with no base URL, so
 * it loads nothing but data: URLs: no file next to the SVG (a FIFO there
 * would block the render for ever, and the SVG output embeds the SVG as a
 * data: URL where relative files would not resolve anyway), no network.
 * A reference that is refused is simply not drawn.
 *
 * XML entities: librsvg's parser (libxml2) expands internal entities and
 * leaks their values (valgrind: "definitely lost" in xmlParseEntityValue),
 * and nested ones are the "billion laughs".  An SVG that declares any
 * (<!ENTITY, also inside a data: URL image) is refused before librsvg sees
 * it, and so is one whose bytes are not ASCII-compatible (UTF-16/32, UTF-7,
 * EBCDIC), where that check could be dodged.
 * librsvg is not linked: it is opened (dlopen, base/rsvg_lib.h) at the
 * first call, so specs without SVG images never load it and its
 * dependencies.  When it cannot be loaded, svg_file_check fails with
 * "cannot be read: SVG images need librsvg ..." (a located error for the
 * spec) and render/svg_image.h draws nothing.
 * Thread-safe: every call uses its own librsvg handle. */
#ifndef HUITU_BASE_SVG_FILE_H
#define HUITU_BASE_SVG_FILE_H
#include <stddef.h>

/* 1 when path ends in ".svg" (any case). */
int svg_file_has_ext(const char *path);
/* Check the SVG in data[0..len) and give its intrinsic size in CSS px (96
 * dpi): width/height when both are absolute, otherwise the viewBox.
 * Images it embeds as data: URLs (PNG, JPEG, GIF, SVG) are sized from
 * their headers first and refused over max_pixels, as are nested SVGs
 * that declare entities.  Returns 0, or -1 with the reason in err, the
 * rest of a sentence whose subject is the image ("image 'a.svg' " + err):
 * "is not a valid SVG file: ...", "declares XML entities ...".  data is
 * only read during the call. */
int svg_file_check(const void *data, size_t len, double max_pixels, double *w, double *h, char *err, size_t errlen);
#endif
