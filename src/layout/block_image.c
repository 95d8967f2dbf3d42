/* image: a PNG or SVG placed and scaled.  The file was read and checked
 * when the spec was loaded (model/infographic.c): a PNG's pixel size comes
 * from its checked header, an SVG's intrinsic size was measured with
 * librsvg.  Layout never opens the file; the backend draws the SC_IMAGE
 * item from the same bytes. */
#include <stdint.h>

#include "layout/block_info.h"
#include "model/infographic.h"

static double image_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const image_content *im = b->content;
  const theme_model *th = &c->doc->theme;
  double pw, ph;
  if (im->is_svg && im->path) {
    pw = im->svg_w;
    ph = im->svg_h;
  } else if (im->data && im->png_w && im->png_h) {
    pw = im->png_w;
    ph = im->png_h;
  } else {
    return 0; /* not loaded: the error was reported then */
  }
  /* CSS px: a PNG's pixels are px, an SVG's size is in px at 96 dpi;
   * contain never upscales past natural size */
  double dw = im->fit == FIT_WIDTH ? w : (pw < w ? pw : w);
  double dh = dw * ph / pw;
  if (!isnan(im->height)) {
    dh = im->height;
    double k = dh / ph;
    dw = pw * k;
    if (dw > w) {
      dw = w;
      dh = dw * ph / pw;
    }
  }
  double ix = x;
  if (im->align == ALIGN_CENTER) ix = x + (w - dw) / 2;
  else if (im->align == ALIGN_RIGHT) ix = x + w - dw;
  if (emit) {
    sc_item *it = scene_image(c->sc, im->path, ix, y, dw, dh, "image");
    if (it) {
      it->image_svg = im->is_svg;
      it->image_data = im->data;
      it->image_len = im->len;
    }
  }
  double hh = dh;
  const text_box *cap = info_spec_text(c, b, &im->caption, th->small_size, 0, th->muted, w, TEXT_LEFT, 1);
  if (cap) {
    if (emit) scene_text(c->sc, cap, x, y + dh + 8, "image.caption");
    hh += 8 + cap->height;
  }
  return hh;
}

double image_measure(layout_ctx *c, const block_model *b, double w) { return image_do(c, b, 0, 0, w, 0); }
void image_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) { image_do(c, b, x, y, w, 1); }
