/* huitu (绘图) — charts and infographic pages from declarative specs, to
 * PNG, SVG and PDF, with CJK text shaped and broken correctly.
 *
 * Lifetimes, in one place:
 *  - huitu_ctx: fonts, font configuration, shaped-text cache and the
 *    renderer's reusable buffers.  Create one per thread; a batch reuses it
 *    for every figure.  Not thread-safe: never share one between threads.
 *    Threads with a ctx each are safe, but their calls run one at a time:
 *    cairo's FreeType face cache is process-wide and not thread-safe, so
 *    every call that may reach it holds one process-wide lock.  For
 *    parallel speed use processes (huitu batch forks one per core).
 *  - huitu_doc: one parsed spec and everything it produced (diagnostics,
 *    the last rendered bytes).  Belongs to the ctx it was loaded with and
 *    must be freed before that ctx.
 *  - Pointers returned by huitu_doc_* (diagnostics, output bytes) stay valid
 *    until the doc is freed (output bytes: until the next render call too).
 *  - *_free(NULL) is a no-op.
 *
 * Out of memory: huitu aborts the process, as GLib (under Pango) does, so
 * no function returns NULL for it.  What a spec may make huitu allocate is
 * bounded beforehand instead (HUITU_LIMIT_MEMORY and the other limits
 * below): a spec that would need more fails with a located error.
 */
#ifndef HUITU_H
#define HUITU_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define HUITU_API __attribute__((visibility("default")))
#else
#define HUITU_API
#endif

typedef struct huitu_ctx huitu_ctx;
typedef struct huitu_doc huitu_doc;

typedef enum {
  HUITU_OK = 0,
  HUITU_ERROR_ENV = 1,  /* I/O, fonts, resources: not the spec's fault */
  HUITU_ERROR_SPEC = 2, /* the spec is wrong: the user must fix it */
  HUITU_STATUS_LAST
} huitu_status;

typedef enum { HUITU_PNG, HUITU_SVG, HUITU_PDF, HUITU_FORMAT_LAST } huitu_format;

typedef enum { HUITU_SEVERITY_ERROR, HUITU_SEVERITY_WARNING, HUITU_SEVERITY_NOTE, HUITU_SEVERITY_LAST } huitu_severity;

/* One diagnostic.  Strings are owned by the doc. */
typedef struct huitu_diag {
  huitu_severity severity;
  huitu_status code; /* HUITU_ERROR_SPEC or HUITU_ERROR_ENV */
  const char *file;  /* as given when loading; "-" for stdin */
  int line, column;  /* 1-based; 0 when unknown */
  const char *message;
} huitu_diag;

typedef struct huitu_render_opts {
  double scale;          /* PNG pixel ratio (2 = retina); 0 = 1 */
  double dpi;            /* PNG: pixels per inch for print; overrides scale */
  int svg_text_elements; /* SVG: editable <text> instead of outlined glyphs */
  /* Limits (README "Limits"); 0 = the default.  Raise them for trusted
   * input only: they bound memory and time for any spec. */
  double max_pixels;     /* PNG pixels (width x height after scale); default 2^28 */
} huitu_render_opts;

/* Limits that bound memory and time for any input (README "Limits").  Set
 * on a ctx, they apply to every doc loaded or rendered with it afterwards. */
typedef enum {
  HUITU_LIMIT_SPEC_BYTES,   /* spec file size; default 32 MiB */
  HUITU_LIMIT_DEPTH,        /* nesting depth of the spec; default 200, at most 10,000 */
  HUITU_LIMIT_STRING_BYTES, /* one string in the spec; default 64 KiB */
  HUITU_LIMIT_ROWS,         /* data rows of one table; default 2,000,000 */
  HUITU_LIMIT_PIXELS,       /* PNG pixels after scale; default 2^28 (render_opts.max_pixels overrides) */
  HUITU_LIMIT_IMAGE_PIXELS, /* pixels of one input image (image block), from its header; default 2^26 */
  HUITU_LIMIT_MEMORY,       /* MiB one document's data, charts and layout may hold; default 2048 */
  HUITU_LIMIT_LAST
} huitu_limit;

/* Static strings: never freed, valid for the life of the process. */
HUITU_API const char *huitu_version(void);
HUITU_API const char *huitu_status_string(huitu_status s);

/* NULL on failure; when err is not NULL it receives a message. */
HUITU_API huitu_ctx *huitu_ctx_new(char *err, size_t errlen);
HUITU_API void huitu_ctx_free(huitu_ctx *ctx);
/* Raise (or lower) a limit; value 0 restores the default.  Returns 0, or
 * -1 for an unknown limit or a value out of range.  With ctx NULL it only
 * checks the value (no context, so no font threads: a program that forks
 * can check its limits before it does). */
HUITU_API int huitu_ctx_set_limit(huitu_ctx *ctx, huitu_limit which, double value);
HUITU_API double huitu_ctx_get_limit(const huitu_ctx *ctx, huitu_limit which);
/* Extra folders data `url`s may read from, besides the spec's folder and
 * below (NULL-terminated list, copied; NULL = none).  Paths with '..',
 * absolute paths and symlinks that leave every allowed folder are refused. */
HUITU_API void huitu_ctx_set_allow_read(huitu_ctx *ctx, const char *const *dirs);
/* on != 0: docs loaded from now on record every warning as an error (its
 * message ends in " [--strict]"), so they fail and nothing is written --
 * for CI, which should not pass a figure with a fallback font or a field
 * left out.  Off by default. */
HUITU_API void huitu_ctx_set_strict(huitu_ctx *ctx, int on);

/* Parse and validate a spec ("-" reads stdin).  Always returns a doc
 * (never NULL); check huitu_doc_status. */
HUITU_API huitu_doc *huitu_doc_load_file(huitu_ctx *ctx, const char *path);
/* name is used in messages (e.g. the file it came from).  text and name
 * are copied: the caller may free them as soon as this returns. */
HUITU_API huitu_doc *huitu_doc_load_string(huitu_ctx *ctx, const char *name, const char *text, size_t len);
HUITU_API void huitu_doc_free(huitu_doc *doc);

/* HUITU_OK when no errors so far; otherwise the most serious error's code. */
HUITU_API huitu_status huitu_doc_status(const huitu_doc *doc);
HUITU_API int huitu_doc_diag_count(const huitu_doc *doc);
/* The i-th diagnostic (0-based), NULL when out of range.  The record and
 * its strings belong to the doc: valid until huitu_doc_free. */
HUITU_API const huitu_diag *huitu_doc_diag(const huitu_doc *doc, int i);
/* "file:line:col: error: message", into out. */
HUITU_API void huitu_diag_format(const huitu_diag *d, char *out, size_t outlen);

/* Lay out and render.  On success *out and *len point at bytes owned by the
 * doc, valid until the next render of this doc or huitu_doc_free. */
HUITU_API huitu_status huitu_doc_render(huitu_doc *doc, huitu_format fmt, const huitu_render_opts *opts,
                                        const unsigned char **out, size_t *len);
/* Render straight to a file, atomically (temp file + rename): on failure
 * the previous file at path is untouched.  "-" writes to stdout. */
HUITU_API huitu_status huitu_doc_render_file(huitu_doc *doc, huitu_format fmt, const huitu_render_opts *opts,
                                             const char *path);
/* Format from a file name's extension (.png, .svg, .pdf); -1 if none. */
HUITU_API int huitu_format_from_path(const char *path);

/* Which font draws each character of a doc (`huitu check --fonts`).  The
 * callback gets every distinct character once per language, with the font
 * family and file that draw it (NULL when none does) and a status:
 * 0 = the language's own font, 1 = a fallback font, 2 = no font (tofu).
 * Lays the doc out (nothing is written).  Returns the number of characters
 * that are not status 0, or -1 when the doc has errors. */
typedef void (*huitu_font_fn)(void *user, unsigned int codepoint, const char *lang, const char *family,
                              const char *file, int status);
HUITU_API int huitu_doc_font_report(huitu_doc *doc, huitu_font_fn fn, void *user);
/* Lay the doc out, as a render would, and draw nothing: afterwards the
 * doc's diagnostics hold every problem a render would report (a block that
 * does not fit, a character no font has).  Returns huitu_doc_status. */
HUITU_API huitu_status huitu_doc_check(huitu_doc *doc);


/* ---- Books: several figures as the pages of one PDF ----
 * Lifetimes: a book belongs to the ctx it was made with (same thread, free
 * it before the ctx).  huitu_book_add lays out the doc and draws it as the
 * next page at once, so the doc may be freed, or rendered again, right
 * after.  Fonts are embedded once for the whole book (one subset per font
 * over every page) when it is finished.  The bytes from huitu_book_finish
 * stay valid until huitu_book_free. */
typedef struct huitu_book huitu_book;

typedef struct huitu_book_opts {
  /* Fixed page size in millimetres (210 x 297 for A4): each figure is
   * scaled down to fit inside the margin and centred.  0 x 0: every page
   * is its figure's own size (CSS px at 96 per inch, so a spec with
   * page: {size: A4} makes an A4 page). */
  double page_width_mm, page_height_mm;
  double margin_mm; /* with a fixed page size; 0 = none */
  const char *title; /* PDF metadata; NULL = none (copied) */
} huitu_book_opts;

/* Never NULL.  opts may be NULL (pages sized from each figure). */
HUITU_API huitu_book *huitu_book_new(huitu_ctx *ctx, const huitu_book_opts *opts);
/* Add doc (loaded with the book's ctx) as the next page.  Layout problems
 * are added to the doc's diagnostics, like huitu_doc_render does. */
HUITU_API huitu_status huitu_book_add(huitu_book *book, huitu_doc *doc);
HUITU_API int huitu_book_page_count(const huitu_book *book);
/* Finish the PDF (no page may be added after).  On success *out and *len
 * point at bytes owned by the book.  On failure err receives a message. */
HUITU_API huitu_status huitu_book_finish(huitu_book *book, const unsigned char **out, size_t *len, char *err,
                                         size_t errlen);
/* Finish and write atomically to path ("-": stdout). */
HUITU_API huitu_status huitu_book_write_file(huitu_book *book, const char *path, char *err, size_t errlen);
HUITU_API void huitu_book_free(huitu_book *book);

#ifdef __cplusplus
}
#endif
#endif
