/* Books: several scenes as the pages of one PDF.  One cairo PDF surface
 * for the whole book, so every font is embedded once (subset over all
 * pages) instead of once per figure. */
#ifndef HUITU_RENDER_BOOK_H
#define HUITU_RENDER_BOOK_H
#include <stddef.h>

#include "render/render.h"

typedef struct render_book render_book;

/* page_w_pt/page_h_pt: a fixed page size in points, each scene scaled
 * down to fit inside margin_pt and centred; 0 x 0: every page is its
 * scene's own size (CSS px * 0.75 pt).  title: PDF metadata (NULL: none).
 * The book draws with r (its glyph buffer): free the book before r. */
render_book *render_book_new(renderer *r, double page_w_pt, double page_h_pt, double margin_pt, const char *title);
/* Draw s as the next page, at once: s (and the text it points at) may be
 * freed as soon as this returns.  0, or -1 with a message in err. */
int render_book_add(render_book *b, const scene *s, char *err, size_t errlen);
int render_book_pages(const render_book *b);
/* Finish the PDF.  On success *out and *len point at bytes owned by the book,
 * valid until render_book_free.  No page at all is an error. */
int render_book_finish(render_book *b, const unsigned char **out, size_t *len, char *err, size_t errlen);
void render_book_free(render_book *b); /* NULL is a no-op */
#endif
