/* image: a PNG or SVG placed and scaled.  Layout reads only the PNG header
 * for the pixel size (never decodes or draws); an SVG's intrinsic size was
 * measured with librsvg when the spec was loaded.  The backend draws the
 * SC_IMAGE item. */
#include <stdint.h>

#include "layout/block_info.h"
#include "model/infographic.h"

/* Width and height from the IHDR chunk; 0 on failure. */
static int png_size(const char *path, double *w, double *h) {
  unsigned char hd[24];
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  size_t n = fread(hd, 1, sizeof hd, f);
  fclose(f);
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (n < 24 || memcmp(hd, sig, 8) || memcmp(hd + 12, "IHDR", 4)) return 0;
  uint32_t W = (uint32_t)hd[16] << 24 | (uint32_t)hd[17] << 16 | (uint32_t)hd[18] << 8 | hd[19];
  uint32_t H = (uint32_t)hd[20] << 24 | (uint32_t)hd[21] << 16 | (uint32_t)hd[22] << 8 | hd[23];
  if (!W || !H) return 0;
  *w = W;
  *h = H;
  return 1;
}

static double image_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const image_content *im = b->content;
  const theme_model *th = &c->doc->theme;
  double pw, ph;
  if (im->is_svg && im->path) {
    pw = im->svg_w;
    ph = im->svg_h;
  } else if (!im->path || !png_size(im->path, &pw, &ph)) {
    if (emit && im->path) diag_spec_error(c->d, im->src.loc, "image '%s' is not a readable PNG file", im->src.s);
    return 0;
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
    if (it) it->image_svg = im->is_svg;
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
