/* Embedding huitu: render a spec string to SVG in memory, print problems
 * with their line and column.  Build against an installed huitu:
 *   cc embed.c $(pkg-config --cflags --libs huitu) -o embed
 * or in CMake: find_package(huitu) and link huitu::huitu. */
#include <huitu.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *spec = argc > 1 ? argv[1]
                              : "title: 低保标准\n"
                                "blocks:\n"
                                "  - kpi: {value: 995, unit: 元/月, label: 2019年}\n";
  char err[256];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err); /* fonts: once per thread */
  if (!ctx) return fprintf(stderr, "huitu: %s\n", err), 1;
  huitu_doc *doc = huitu_doc_load_string(ctx, "inline.yaml", spec, strlen(spec));
  const unsigned char *svg = NULL;
  size_t len = 0;
  huitu_status st = huitu_doc_status(doc);
  if (st == HUITU_OK) st = huitu_doc_render(doc, HUITU_SVG, NULL, &svg, &len);
  for (int i = 0; i < huitu_doc_diag_count(doc); i++) { /* owned by doc */
    const huitu_diag *d = huitu_doc_diag(doc, i);
    fprintf(stderr, "%s:%d:%d: %s\n", d->file, d->line, d->column, d->message);
  }
  if (st == HUITU_OK) fwrite(svg, 1, len, stdout); /* bytes owned by doc */
  huitu_doc_free(doc);                              /* before its ctx */
  huitu_ctx_free(ctx);
  return (int)st;
}
