/* The image block with PNG and SVG files: an SVG (tests/data/icon-bus.svg,
 * 48 x 32) keeps its aspect ratio in the scene, is drawn inside its rect in
 * PNG, stays vector in PDF and is embedded as image/svg+xml in SVG; a
 * broken SVG, a missing size, a wrong extension and a path outside the
 * spec's folder are located errors; an SVG that references an http image
 * renders at once (librsvg never goes to the network). */
#define _GNU_SOURCE
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>

#include "huitu.h"
#include "testing.h"

static char dir[256];

static void write_file(const char *name, const char *text) { testing_write_file(dir, name, text, strlen(text)); }

static void copy_fixture(const char *name) {
  char p[512];
  snprintf(p, sizeof p, "%s/tests/data/%s", HUITU_SOURCE_DIR, name);
  FILE *f = fopen(p, "rb");
  if (!f) {
    perror(p);
    exit(1);
  }
  static char text[65536];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = 0;
  write_file(name, text);
}

/* Loads spec text saved as <dir>/<name>; the first error (formatted) goes
 * to first_error.  Returns the doc (caller frees). */
static huitu_doc *load(huitu_ctx *ctx, const char *name, const char *text, char *first_error, size_t n) {
  char p[512];
  write_file(name, text);
  snprintf(p, sizeof p, "%s/%s", dir, name);
  huitu_doc *doc = huitu_doc_load_file(ctx, p);
  first_error[0] = 0;
  for (int i = 0; doc && i < huitu_doc_diag_count(doc); i++)
    if (huitu_doc_diag(doc, i)->severity == HUITU_SEVERITY_ERROR) {
      huitu_diag_format(huitu_doc_diag(doc, i), first_error, n);
      break;
    }
  return doc;
}

/* The <image> element's x, y, width, height from an SVG rendering. */
static int svg_image_rect(const char *svg, double r[4]) {
  const char *im = strstr(svg, "<image");
  if (!im) return 0;
  const char *keys[4] = {" x=\"", " y=\"", " width=\"", " height=\""};
  for (int i = 0; i < 4; i++) {
    const char *k = strstr(im, keys[i]);
    if (!k) return 0;
    r[i] = atof(k + strlen(keys[i]));
  }
  return 1;
}

static unsigned char *decode(const unsigned char *data, size_t len, int *w, int *h) {
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, data, len)) return NULL;
  img.format = PNG_FORMAT_RGBA;
  unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
  if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
    free(px);
    png_image_free(&img);
    return NULL;
  }
  *w = (int)img.width;
  *h = (int)img.height;
  return px;
}

/* Pixels inside the rect that differ from the page's top-left pixel (the
 * background), and the bus blue (#2f6fb3) found inside it. */
static void count_ink(const unsigned char *px, int w, int h, const double r[4], int *ink, int *blue) {
  *ink = *blue = 0;
  const unsigned char *bg = px;
  for (int y = (int)r[1] + 1; y < (int)(r[1] + r[3]) - 1 && y < h; y++)
    for (int x = (int)r[0] + 1; x < (int)(r[0] + r[2]) - 1 && x < w; x++) {
      const unsigned char *p = px + 4 * ((size_t)y * w + x);
      if (abs(p[0] - bg[0]) + abs(p[1] - bg[1]) + abs(p[2] - bg[2]) > 30) (*ink)++;
      if (abs(p[0] - 0x2f) < 8 && abs(p[1] - 0x6f) < 8 && abs(p[2] - 0xb3) < 8) (*blue)++;
    }
}

static void test_svg_image(huitu_ctx *ctx) {
  char err[1024];
  copy_fixture("icon-bus.svg");
  /* fit: width scales the 48 x 32 icon to the block's width */
  huitu_doc *doc = load(ctx, "bus.yaml",
                        "page: {width: 400}\nblocks:\n  - image: {src: icon-bus.svg, fit: width, caption: 公交}\n", err,
                        sizeof err);
  CHECK(doc && huitu_doc_status(doc) == HUITU_OK);
  CHECK_STR(err, "");
  const unsigned char *out;
  size_t len;
  double r[4] = {0};
  /* SVG output: the file embedded as image/svg+xml; the rect's aspect is 3:2 */
  CHECK(huitu_doc_render(doc, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
  char *svg = strndup((const char *)out, len);
  CHECK(strstr(svg, "xlink:href=\"data:image/svg+xml;base64,") != NULL);
  CHECK(strstr(svg, "data:image/png") == NULL);
  CHECK(svg_image_rect(svg, r));
  CHECK(r[2] > 200); /* scaled up to (nearly) the page's content width */
  CHECK_NEAR(r[2] / r[3], 48.0 / 32.0, 1e-3);
  free(svg);
  /* PNG: the icon's pixels (its blue body) are inside the rect */
  CHECK(huitu_doc_render(doc, HUITU_PNG, NULL, &out, &len) == HUITU_OK);
  int w = 0, h = 0, ink, blue;
  unsigned char *px = decode(out, len, &w, &h);
  CHECK(px != NULL);
  if (px) {
    count_ink(px, w, h, r, &ink, &blue);
    CHECK(ink > 0.5 * r[2] * r[3]);
    CHECK(blue > 0.3 * r[2] * r[3]);
    free(px);
  }
  /* PDF: drawn as vector paths, not a raster image */
  CHECK(huitu_doc_render(doc, HUITU_PDF, NULL, &out, &len) == HUITU_OK);
  CHECK(len > 4 && !memcmp(out, "%PDF", 4));
  CHECK(memmem(out, len, "/Subtype /Image", 15) == NULL);
  huitu_doc_free(doc);

  /* contain keeps the natural size (48 x 32 CSS px); height sets it */
  doc = load(ctx, "bus2.yaml", "blocks:\n  - image: {src: icon-bus.svg}\n  - image: {src: icon-bus.svg, height: 64}\n",
             err, sizeof err);
  CHECK_STR(err, "");
  CHECK(doc && huitu_doc_render(doc, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
  if (doc && len) {
    svg = strndup((const char *)out, len);
    CHECK(svg_image_rect(svg, r));
    CHECK_NEAR(r[2], 48, 1e-6);
    CHECK_NEAR(r[3], 32, 1e-6);
    const char *second = strstr(strstr(svg, "<image") + 1, "<image");
    CHECK(second && svg_image_rect(second, r));
    CHECK_NEAR(r[2], 96, 1e-6);
    CHECK_NEAR(r[3], 64, 1e-6);
    free(svg);
  }
  huitu_doc_free(doc);

  /* no width/height: the viewBox is the size; upper-case extension */
  write_file("box.SVG", "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 30 90'>"
                        "<rect width='30' height='90' fill='#c00'/></svg>");
  doc = load(ctx, "box.yaml", "blocks:\n  - image: {src: box.SVG}\n", err, sizeof err);
  CHECK_STR(err, "");
  CHECK(doc && huitu_doc_render(doc, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
  if (doc && len) {
    svg = strndup((const char *)out, len);
    CHECK(svg_image_rect(svg, r));
    CHECK_NEAR(r[2], 30, 1e-6);
    CHECK_NEAR(r[3], 90, 1e-6);
    free(svg);
  }
  huitu_doc_free(doc);
}

/* An http image inside the SVG is never fetched: the render is immediate
 * (10.255.255.1 is unroutable, so a fetch would hang until a timeout) and
 * the rest of the SVG is drawn. */
static void test_external_reference(huitu_ctx *ctx) {
  char err[1024];
  write_file("remote.svg", "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
                           "width='40' height='40'><rect width='40' height='40' fill='#2f6fb3'/>"
                           "<image xlink:href='http://10.255.255.1/x.png' width='40' height='40'/>"
                           "<image href='https://10.255.255.1/y.svg' width='40' height='40'/>"
                           "<image href='/etc/passwd' width='40' height='40'/></svg>");
  huitu_doc *doc = load(ctx, "remote.yaml", "blocks:\n  - image: {src: remote.svg, fit: width}\n", err, sizeof err);
  CHECK_STR(err, "");
  const unsigned char *out;
  size_t len;
  for (int f = 0; f < HUITU_FORMAT_LAST; f++) CHECK(doc && huitu_doc_render(doc, (huitu_format)f, NULL, &out, &len) == HUITU_OK);
  huitu_doc_free(doc);
}

static void test_errors(huitu_ctx *ctx) {
  char err[1024], want[1024];
  huitu_doc *doc;
  write_file("bad.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect></svg>");
  doc = load(ctx, "bad.yaml", "blocks:\n  - image: {src: bad.svg}\n", err, sizeof err);
  CHECK(huitu_doc_status(doc) == HUITU_ERROR_SPEC);
  snprintf(want, sizeof want,
           "%s/bad.yaml:2:18: error: image 'bad.svg' is not a valid SVG file: "
           "XML parse error: Error domain 1 code 77 on line 1 column 76 of data: Premature end of data in tag svg line 1",
           dir);
  CHECK_STR(err, want);
  huitu_doc_free(doc);

  /* a PNG renamed .svg is not an SVG either */
  write_file("fake.svg", "\x89PNG\r\n\x1a\n");
  doc = load(ctx, "fake.yaml", "blocks:\n  - image: {src: fake.svg}\n", err, sizeof err);
  snprintf(want, sizeof want, "%s/fake.yaml:2:18: error: image 'fake.svg' is not a valid SVG file: ", dir);
  CHECK(!strncmp(err, want, strlen(want)) && strlen(err) > strlen(want));
  huitu_doc_free(doc);

  write_file("nosize.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect width='5' height='5'/></svg>");
  doc = load(ctx, "nosize.yaml", "blocks:\n  - image: {src: nosize.svg}\n", err, sizeof err);
  snprintf(want, sizeof want,
           "%s/nosize.yaml:2:18: error: image 'nosize.svg' is not a valid SVG file: it has no size "
           "(give the <svg> element width and height, or a viewBox)",
           dir);
  CHECK_STR(err, want);
  huitu_doc_free(doc);

  doc = load(ctx, "gif.yaml", "blocks:\n  - image: {src: a.gif}\n", err, sizeof err);
  snprintf(want, sizeof want, "%s/gif.yaml:2:18: error: image 'a.gif': only PNG and SVG images are supported (.png or .svg)",
           dir);
  CHECK_STR(err, want);
  huitu_doc_free(doc);

  /* outside the spec's folder: refused before the file is looked at */
  char sub[300];
  snprintf(sub, sizeof sub, "%s/sub", dir);
  mkdir(sub, 0700);
  doc = load(ctx, "sub/out.yaml", "blocks:\n  - image: {src: ../icon-bus.svg}\n", err, sizeof err);
  CHECK(huitu_doc_status(doc) == HUITU_ERROR_SPEC);
  snprintf(want, sizeof want, "%s/sub/out.yaml:2:18: error: ", dir);
  CHECK(!strncmp(err, want, strlen(want)));
  CHECK(strstr(err, "'../icon-bus.svg' is outside the spec's folder") != NULL);
  huitu_doc_free(doc);
  doc = load(ctx, "abs.yaml", "blocks:\n  - image: {src: /usr/share/pixmaps/debian-logo.svg}\n", err, sizeof err);
  CHECK(huitu_doc_status(doc) == HUITU_ERROR_SPEC);
  CHECK(strstr(err, "error: ") != NULL);
  huitu_doc_free(doc);
  rmdir(sub);
}

/* PNG images are unchanged: header size, embedded as image/png. */
static void test_png_image(huitu_ctx *ctx) {
  char err[1024], p[512];
  snprintf(p, sizeof p, "%s/dot.png", dir);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 20, 10);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.8, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  CHECK(cairo_surface_write_to_png(s, p) == CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  huitu_doc *doc = load(ctx, "png.yaml", "blocks:\n  - image: {src: dot.png}\n", err, sizeof err);
  CHECK_STR(err, "");
  const unsigned char *out;
  size_t len;
  double r[4];
  CHECK(doc && huitu_doc_render(doc, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
  if (doc && len) {
    char *svg = strndup((const char *)out, len);
    CHECK(strstr(svg, "data:image/png;base64,") != NULL);
    CHECK(svg_image_rect(svg, r));
    CHECK_NEAR(r[2], 20, 1e-6);
    CHECK_NEAR(r[3], 10, 1e-6);
    free(svg);
  }
  CHECK(doc && huitu_doc_render(doc, HUITU_PDF, NULL, &out, &len) == HUITU_OK);
  CHECK(doc && memmem(out, len, "/Subtype /Image", 15) != NULL);
  huitu_doc_free(doc);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/huitu-test-image-XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  setenv("HUITU_FONT_PATH", HUITU_SOURCE_DIR "/fonts", 0);
  char err[256];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) {
    fprintf(stderr, "no ctx: %s\n", err);
    return 1;
  }
  test_svg_image(ctx);
  test_external_reference(ctx);
  test_errors(ctx);
  test_png_image(ctx);
  huitu_ctx_free(ctx);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return testing_done("test_image");
}
