/* text_subsets (src/text/font_subset.c): a PDF whose text is in a large
 * system face (Noto Serif CJK, 26 MB, where installed) embeds a subset of
 * it made by HarfBuzz, not cairo's cut of the whole face: the file is a
 * fraction of the size, the same twice, and draws the same pixels and text
 * (pdftoppm, pdftotext) as the PDF cairo makes from the whole face.
 * Skipped without the face or the poppler tools. */
#include <cairo-pdf.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fsutil.h"
#include "render/render.h"
#include "render/render_internal.h"
#include "scene_test.h"
#include "text/text_cairo.h"

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length) {
  buf_put(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The scene as a PDF, text drawn from subsets when subs is set. */
static void pdf_of(renderer *r, const scene *s, text_subsets *subs, buf *out) {
  cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(to_buf, out, s->width * 0.75, s->height * 0.75);
  cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "2019-09-11T00:00:00Z");
  cairo_t *cr = cairo_create(surf);
  cairo_scale(cr, 0.75, 0.75);
  render_draw_pdf(r, s, cr, NULL, subs);
  cairo_destroy(cr);
  cairo_surface_finish(surf);
  cairo_surface_destroy(surf);
  if (subs) text_subsets_clear(subs);
}

/* Runs cmd on the PDF in p (written to a temporary file) into out. */
static int tool(const char *cmd, const buf *pdf, const char *ext, buf *out) {
  char in[] = "/tmp/huitu_test_subset_XXXXXX", sh[512], res[64], err[256];
  int fd = mkstemp(in);
  if (fd < 0) return -1;
  close(fd);
  snprintf(res, sizeof res, "%s.%s", in, ext);
  int ok = fs_write_atomic(in, pdf->data, pdf->len, err, sizeof err) == 0;
  snprintf(sh, sizeof sh, cmd, in, in);
  ok = ok && system(sh) == 0 && fs_read_file(res, out, 1 << 26, err, sizeof err) == 0;
  unlink(in);
  unlink(res);
  return ok ? 0 : -1;
}

int main(void) {
  struct stat st;
  if (stat("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", &st) != 0 ||
      system("command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null") != 0) {
    printf("test_font_subset: no Noto Serif CJK or no poppler tools: skipped\n");
    return TESTING_SKIP;
  }
  scene_test_begin();
  char path[4096];
  snprintf(path, sizeof path, "%s/specs/serif-headings-report.yaml", HUITU_SOURCE_DIR);
  buf text = {0};
  char err[512];
  REQUIRED(fs_read_file(path, &text, 1 << 20, err, sizeof err) == 0);
  run rn = go(path, text.data ? text.data : "");
  if (!REQUIRED(rn.sc)) return testing_done("test_font_subset");
  renderer *r = renderer_new();
  text_subsets *subs = text_subsets_new();
  buf whole = {0}, sub = {0}, again = {0};
  pdf_of(r, rn.sc, NULL, &whole);
  pdf_of(r, rn.sc, subs, &sub);
  pdf_of(r, rn.sc, subs, &again); /* the cached source faces, a new subset */
  printf("PDF with cairo's cut of the whole face %zu bytes, with subsets %zu\n", whole.len, sub.len);
  CHECK(sub.len > 0 && sub.len * 2 < whole.len);
  CHECK(sub.len == again.len && memcmp(sub.data, again.data, sub.len) == 0);
  buf pa = {0}, pb = {0}, ta = {0}, tb = {0};
  const char *ppm = "pdftoppm -r 72 -singlefile -png %s %s";
  const char *txt = "pdftotext %s %s.txt";
  if (REQUIRED(tool(ppm, &whole, "png", &pa) == 0 && tool(ppm, &sub, "png", &pb) == 0))
    CHECK(pa.len == pb.len && memcmp(pa.data, pb.data, pa.len) == 0);
  if (REQUIRED(tool(txt, &whole, "txt", &ta) == 0 && tool(txt, &sub, "txt", &tb) == 0)) {
    CHECK(ta.len > 20 && ta.len == tb.len && memcmp(ta.data, tb.data, ta.len) == 0);
  }
  buf_free(&pa);
  buf_free(&pb);
  buf_free(&ta);
  buf_free(&tb);
  buf_free(&whole);
  buf_free(&sub);
  buf_free(&again);
  buf_free(&text);
  text_subsets_free(subs);
  renderer_free(r);
  run_free(&rn);
  text_engine_free(TE);
  return testing_done("test_font_subset");
}
