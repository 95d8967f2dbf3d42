/* Books: scenes as the pages of one PDF (see book.h). */
#include "render/book.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "render/markers.h"
#include "render/pdf_marks.h"
#include "render/render_internal.h"

struct render_book {
  renderer *r;
  cairo_surface_t *surf; /* created at the first page (its size) */
  buf out;
  double pw, ph, margin; /* fixed page size in pt; 0 = per scene */
  char *title;
  int pages, finished;
  pdf_marks *marks; /* runs of markers of every page, spliced in at the end (pdf_marks.h) */
};

/* PDF user units are points: 72 per inch against CSS's 96 px. */
#define PT_PER_PX (72.0 / 96.0)

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int length) {
  buf_put(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

render_book *render_book_new(renderer *r, double page_w_pt, double page_h_pt, double margin_pt, const char *title) {
  render_book *b = xcalloc(1, sizeof *b);
  b->r = r;
  if (page_w_pt > 0 && page_h_pt > 0) {
    b->pw = page_w_pt;
    b->ph = page_h_pt;
    b->margin = margin_pt > 0 ? margin_pt : 0;
    if (2 * b->margin >= b->pw || 2 * b->margin >= b->ph) b->margin = 0;
  }
  b->title = title ? strdup(title) : NULL;
  return b;
}

int render_book_pages(const render_book *b) { return b->pages; }

int render_book_add(render_book *b, const scene *s, char *err, size_t errlen) {
  if (b->finished) {
    snprintf(err, errlen, "the book is already finished");
    return -1;
  }
  double sw = s->width * PT_PER_PX, sh = s->height * PT_PER_PX;
  double pw = b->pw > 0 ? b->pw : sw, ph = b->ph > 0 ? b->ph : sh;
  if (!(sw > 0) || !(sh > 0)) {
    snprintf(err, errlen, "the figure has no size");
    return -1;
  }
  if (!b->surf) {
    b->surf = cairo_pdf_surface_create_for_stream(write_to_buf, &b->out, pw, ph);
    /* Same specs, same bytes: a fixed creation date instead of "now". */
    cairo_pdf_surface_set_metadata(b->surf, CAIRO_PDF_METADATA_CREATE_DATE, "2019-09-11T00:00:00Z");
    cairo_pdf_surface_set_metadata(b->surf, CAIRO_PDF_METADATA_CREATOR, "huitu " HUITU_VERSION);
    if (b->title) cairo_pdf_surface_set_metadata(b->surf, CAIRO_PDF_METADATA_TITLE, b->title);
  } else {
    /* Must come before anything is drawn on the new page. */
    cairo_pdf_surface_set_size(b->surf, pw, ph);
  }
  cairo_status_t st = cairo_surface_status(b->surf);
  if (st != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cannot write the PDF: %s", cairo_status_to_string(st));
    return -1;
  }
  cairo_t *cr = cairo_create(b->surf);
  double k = PT_PER_PX;
  if (b->pw > 0) {
    /* Fixed page: fit inside the margins, never enlarge, centre. */
    double aw = pw - 2 * b->margin, ah = ph - 2 * b->margin;
    double f = aw / sw < ah / sh ? aw / sw : ah / sh;
    if (f > 1) f = 1;
    cairo_translate(cr, (pw - sw * f) / 2, (ph - sh * f) / 2);
    k *= f;
  }
  cairo_scale(cr, k, k);
  /* A figure's background covers its own area only, not the whole page. */
  cairo_rectangle(cr, 0, 0, s->width, s->height);
  cairo_clip(cr);
  if (marker_worth_stamping(s) && pdf_marks_supported()) {
    if (!b->marks) b->marks = pdf_marks_new();
    render_draw_pdf(b->r, s, cr, b->marks, NULL);
  } else {
    render_draw_cairo(b->r, s, cr);
  }
  cairo_destroy(cr);
  cairo_surface_show_page(b->surf);
  st = cairo_surface_status(b->surf);
  if (st != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cannot write the PDF: %s", cairo_status_to_string(st));
    return -1;
  }
  b->pages++;
  return 0;
}

int render_book_finish(render_book *b, const unsigned char **out, size_t *len, char *err, size_t errlen) {
  if (!b->surf) {
    snprintf(err, errlen, "the book has no pages");
    return -1;
  }
  if (!b->finished) {
    cairo_surface_finish(b->surf);
    b->finished = 1;
    if (cairo_surface_status(b->surf) == CAIRO_STATUS_SUCCESS && pdf_marks_count(b->marks) > 0 &&
        pdf_marks_splice(b->marks, &b->out) != 0)
      b->finished = 2; /* the probe said it would work: should not happen */
    pdf_marks_free(b->marks);
    b->marks = NULL;
  }
  cairo_status_t st = cairo_surface_status(b->surf);
  if (st != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cannot write the PDF: %s", cairo_status_to_string(st));
    return -1;
  }
  if (b->finished == 2) {
    snprintf(err, errlen, "cannot write the PDF: its markers could not be written");
    return -1;
  }
  *out = (const unsigned char *)b->out.data;
  *len = b->out.len;
  return 0;
}

void render_book_free(render_book *b) {
  if (!b) return;
  if (b->surf) cairo_surface_destroy(b->surf);
  pdf_marks_free(b->marks);
  buf_free(&b->out);
  free(b->title);
  free(b);
}
