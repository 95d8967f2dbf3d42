/* libFuzzer target: the whole pipeline through the public API, rendering
 * each spec to memory as SVG, PDF and PNG.  Limits are lowered so one input
 * cannot take seconds (small raster, short strings, few rows).
 * Build and run: `make fuzz` (see the README's "Reliability" section). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "huitu.h"

static huitu_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  char err[512];
  ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) {
    fprintf(stderr, "fuzz_render: %s\n", err);
    abort();
  }
  huitu_ctx_set_limit(ctx, HUITU_LIMIT_ROWS, 5000);
  huitu_ctx_set_limit(ctx, HUITU_LIMIT_STRING_BYTES, 4096);
  huitu_ctx_set_limit(ctx, HUITU_LIMIT_PIXELS, 1 << 20);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Data urls resolve against the working folder: the fuzzer runs in a
   * scratch folder (see tests/fuzz/run.sh). */
  huitu_doc *doc = huitu_doc_load_string(ctx, "fuzz.yaml", (const char *)data, size);
  if (huitu_doc_status(doc) == HUITU_OK) {
    huitu_render_opts o = {0};
    o.max_pixels = 1 << 20;
    const unsigned char *out;
    size_t len;
    if (huitu_doc_render(doc, HUITU_SVG, &o, &out, &len) == HUITU_OK) {
      huitu_doc_render(doc, HUITU_PDF, &o, &out, &len);
      o.svg_text_elements = 1;
      huitu_doc_render(doc, HUITU_SVG, &o, &out, &len);
      huitu_doc_render(doc, HUITU_PNG, &o, &out, &len);
    }
  }
  char line[2048];
  for (int i = 0; i < huitu_doc_diag_count(doc); i++) huitu_diag_format(huitu_doc_diag(doc, i), line, sizeof line);
  huitu_doc_free(doc);
  return 0;
}
