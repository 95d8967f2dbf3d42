/* libFuzzer target: spec text -> spec tree -> document model (internal API).
 * Build and run: `make fuzz` (see the README's "Reliability" section). */
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"
#include "spec/node.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  arena *a = arena_new();
  diag_list d = {0};
  spec_doc doc = {0};
  doc.arena = a;
  doc.path = "fuzz.yaml";
  doc.root = spec_parse(a, doc.path, (const char *)data, size, &d);
  if (doc.root) {
    doc_model *m = doc_build(&doc, &d);
    (void)m;
  }
  /* Every diagnostic formats (locations and messages are well formed). */
  char line[2048];
  for (int i = 0; i < d.n; i++) diag_format(&d.items[i], line, sizeof line);
  diag_clear(&d);
  arena_free(a);
  return 0;
}
