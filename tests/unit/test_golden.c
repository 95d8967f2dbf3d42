/* Golden images: render tests/golden/<case>.yaml to PNG and compare with
 * tests/golden/<case>.png, pixel by pixel with a tolerance (antialiasing
 * may differ by a level or two between cairo/pixman/freetype builds).
 * HUITU_UPDATE_GOLDEN=1 rewrites the references: look at them first. */
#include <png.h>
#include <stdlib.h>

#include "huitu.h"
#include "testing.h"

#define CHANNEL_TOLERANCE 48   /* a pixel "differs" beyond this on any channel */
#define MAX_DIFF_FRACTION 0.002 /* at most 0.2% of pixels may differ */

static unsigned char *decode(const void *data, size_t len, int *w, int *h) {
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, data, len)) return NULL;
  img.format = PNG_FORMAT_RGBA;
  unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
  if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
    free(px);
    return NULL;
  }
  *w = (int)img.width;
  *h = (int)img.height;
  return px;
}

static void check_case(huitu_ctx *ctx, const char *name) {
  char spec[1024], ref[1024];
  snprintf(spec, sizeof spec, "%s/tests/golden/%s.yaml", HUITU_SOURCE_DIR, name);
  snprintf(ref, sizeof ref, "%s/tests/golden/%s.png", HUITU_SOURCE_DIR, name);
  huitu_doc *doc = huitu_doc_load_file(ctx, spec);
  const unsigned char *out = NULL;
  size_t len = 0;
  /* A failed render leaves out unset: nothing to compare (or to write). */
  if (!REQUIRED(huitu_doc_render(doc, HUITU_PNG, NULL, &out, &len) == HUITU_OK)) {
    huitu_doc_free(doc);
    return;
  }
  if (getenv("HUITU_UPDATE_GOLDEN")) {
    FILE *f = fopen(ref, "wb");
    fwrite(out, 1, len, f);
    fclose(f);
    printf("updated %s\n", ref);
  }
  FILE *f = fopen(ref, "rb");
  CHECK(f != NULL);
  if (!f) {
    huitu_doc_free(doc);
    return;
  }
  static unsigned char refbytes[8 << 20];
  size_t rlen = fread(refbytes, 1, sizeof refbytes, f);
  fclose(f);
  int w1, h1, w2, h2;
  unsigned char *a = decode(out, len, &w1, &h1), *b = decode(refbytes, rlen, &w2, &h2);
  CHECK(a && b && w1 == w2 && h1 == h2);
  if (a && b && w1 == w2 && h1 == h2) {
    long differ = 0;
    for (long i = 0; i < (long)w1 * h1; i++) {
      for (int c = 0; c < 4; c++)
        if (abs(a[i * 4 + c] - b[i * 4 + c]) > CHANNEL_TOLERANCE) {
          differ++;
          break;
        }
    }
    double frac = (double)differ / ((double)w1 * h1);
    if (frac > MAX_DIFF_FRACTION) fprintf(stderr, "%s: %ld pixels differ (%.3f%%)\n", name, differ, frac * 100);
    CHECK(frac <= MAX_DIFF_FRACTION);
  }
  free(a);
  free(b);
  huitu_doc_free(doc);
}

int main(void) {
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  CHECK(ctx != NULL);
  if (!ctx) return testing_done("test_golden");
  check_case(ctx, "kpi-row");
  check_case(ctx, "text-panel");
  huitu_ctx_free(ctx);
  return testing_done("test_golden");
}
