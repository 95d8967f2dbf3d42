/* The document is immutable after the model stage: laying it out (charts
 * included: their scales, default titles, categories) allocates only in
 * the render arena, never in the document's.  Checked for every spec of
 * the gallery (specs/, tests/vl/, Vega-Lite's examples, the fidelity
 * corpus): the document arena's used bytes are the same before and after
 * two layouts.  What layout writes into a shared document would race when
 * two threads lay the same document out (test_chart_threads). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_test.h"

static int specs_checked, specs_laid_out;

static int is_spec(const char *name) {
  size_t n = strlen(name);
  return (n > 5 && !strcmp(name + n - 5, ".json")) || (n > 5 && !strcmp(name + n - 5, ".yaml"));
}

static void check_file(const char *path) {
  char *text = read_all(path);
  if (!REQUIRED(text != NULL)) return;
  arena *da = arena_new(), *ra = arena_new();
  diag_list d = {0};
  spec_doc *doc = arena_alloc(da, sizeof *doc);
  doc->arena = da;
  doc->path = path;
  doc->root = spec_parse(da, path, text, strlen(text), &d);
  doc_model *m = doc->root ? doc_build(doc, &d) : NULL;
  specs_checked++;
  if (m && d.errors == 0) {
    size_t before = arena_used(da);
    scene *one = layout_document(m, TE, ra, &d);
    size_t after_one = arena_used(da);
    layout_document(m, TE, ra, &d);
    size_t after_two = arena_used(da);
    specs_laid_out += one != NULL;
    testing_checks++;
    if (after_one != before || after_two != before) {
      testing_failures++;
      fprintf(stderr, "%s: layout allocated in the document's arena (%zu -> %zu -> %zu bytes)\n", path, before,
              after_one, after_two);
    }
  }
  arena_free(ra);
  arena_free(da);
  diag_clear(&d);
  free(text);
}

static void check_folder(const char *rel) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/%s", HUITU_SOURCE_DIR, rel);
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  if (!REQUIRED(n > 0)) return;
  for (int i = 0; i < n; i++) {
    if (is_spec(names[i]->d_name)) {
      char path[2048];
      snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
      check_file(path);
    }
    free(names[i]);
  }
  free(names);
}

int main(void) {
  scene_test_begin();
  check_folder("specs");
  check_folder("tests/vl");
  check_folder("tests/vl/gallery");
  check_folder("tests/vl/fidelity");
  check_folder("tests/vl/maps");
  /* the corpus is there and most of it lays out (the fidelity corpus holds refused specs too) */
  CHECK(specs_checked > 330);
  CHECK(specs_laid_out > 290);
  printf("%d specs, %d laid out\n", specs_checked, specs_laid_out);
  text_engine_free(TE);
  return testing_done("test_chart_immutable");
}
