/* Render options through the public API are checked as the CLI checks
 * them (issue 12, item 9): NaN, infinities and tiny or huge scales are an
 * error with a message, not a 0x0 or absurd raster. */
#include <math.h>

#include "huitu.h"
#include "testing.h"

static huitu_status render_with(huitu_ctx *ctx, double scale, double dpi, size_t *len) {
  huitu_doc *d = huitu_doc_load_string(ctx, "opts.yaml", "title: 低保标准\n", strlen("title: 低保标准\n"));
  huitu_render_opts o = {0};
  o.scale = scale;
  o.dpi = dpi;
  const unsigned char *bytes = NULL;
  *len = 0;
  huitu_status st = huitu_doc_render(d, HUITU_PNG, &o, &bytes, len);
  if (st != HUITU_OK) {
    int found = 0;
    for (int i = 0; i < huitu_doc_diag_count(d); i++)
      found |= strstr(huitu_doc_diag(d, i)->message, "render options: scale must be") != NULL;
    CHECK(found);
  }
  huitu_doc_free(d);
  return st;
}

int main(void) {
  char err[256];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  CHECK(ctx != NULL);
  if (!ctx) return testing_done("test_api_opts");
  size_t len;
  CHECK(render_with(ctx, 0, 0, &len) == HUITU_OK && len > 100);
  CHECK(render_with(ctx, 2, 0, &len) == HUITU_OK && len > 100);
  CHECK(render_with(ctx, 0, 300, &len) == HUITU_OK && len > 100);
  CHECK(render_with(ctx, NAN, 0, &len) == HUITU_ERROR_ENV);
  CHECK(render_with(ctx, INFINITY, 0, &len) == HUITU_ERROR_ENV);
  CHECK(render_with(ctx, 1e-9, 0, &len) == HUITU_ERROR_ENV);
  CHECK(render_with(ctx, -1, 0, &len) == HUITU_ERROR_ENV);
  CHECK(render_with(ctx, 17, 0, &len) == HUITU_ERROR_ENV);
  CHECK(render_with(ctx, 0, NAN, &len) == HUITU_ERROR_ENV);
  CHECK(render_with(ctx, 0, 5, &len) == HUITU_ERROR_ENV);
  huitu_ctx_free(ctx);
  return testing_done("test_api_opts");
}
