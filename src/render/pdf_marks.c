/* PDF markers (see pdf_marks.h). */
#define _GNU_SOURCE /* memmem */
#include "render/pdf_marks.h"

#include <cairo-pdf.h>
#include <libdeflate.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/colors.h"
#include "render/markers.h"

/* libdeflate level of a run's content: ~35 bytes a marker of digits and
 * repeated operators.  Measured on the 1M-point scatter: level 1 0.61 s
 * for the whole render and a 5.8 MB file, level 4 0.69 s / 5.8 MB, level 6
 * 0.98 s / 5.1 MB. */
#define LAYER_LEVEL 1
/* Positions beyond this (px) are not markers here: X * 1000 must fit. */
#define MAX_COORD 1e9
/* The placeholder's tag, in its JPEG comment; a run's index follows. */
#define TAG "huitu-pdf-marks-7f3c9e21-"

typedef struct layer {
  unsigned char *z; /* the run's content, zlib-compressed */
  size_t zlen;
  double side; /* the placeholder maps the unit square to (0,0)-(side,side) px */
} layer;

struct pdf_marks {
  marker_key *forms; /* distinct markers, in order of first use: /m0, /m1, ... */
  int nforms, capforms;
  int *slots; /* open addressing over forms: index + 1, 0 = empty */
  size_t nslots;
  int last; /* the previous marker's form: scatter plots repeat it */
  layer *layers;
  int nlayers, caplayers;
  const scene *cur;  /* the scene of the last call, for identity only */
  long last_i;       /* the place (sc_cursor's pos) of the last call */
  long skip_until;   /* places of cur below this start no run */
  int full;          /* PDF_MARKS_MAX_FORMS reached: no more runs */
  buf content;       /* scratch for a run's content */
  struct libdeflate_compressor *comp;
};

pdf_marks *pdf_marks_new(void) {
  pdf_marks *pm = xcalloc(1, sizeof *pm);
  pm->last = -1;
  pm->last_i = -1;
  pm->skip_until = -1;
  return pm;
}

void pdf_marks_free(pdf_marks *pm) {
  if (!pm) return;
  for (int i = 0; i < pm->nlayers; i++) free(pm->layers[i].z);
  free(pm->layers);
  free(pm->forms);
  free(pm->slots);
  buf_free(&pm->content);
  if (pm->comp) libdeflate_free_compressor(pm->comp);
  free(pm);
}

int pdf_marks_count(const pdf_marks *pm) { return pm ? pm->nlayers : 0; }

/* The form of marker k: its index, or -1 when there is no room for one
 * more. */
static int form_get(pdf_marks *pm, const marker_key *k) {
  if (pm->last >= 0 && !memcmp(&pm->forms[pm->last], k, sizeof *k)) return pm->last;
  size_t h = marker_key_hash(k);
  if (pm->nslots) {
    for (size_t j = h & (pm->nslots - 1);; j = (j + 1) & (pm->nslots - 1)) {
      int s = pm->slots[j];
      if (!s) break;
      if (!memcmp(&pm->forms[s - 1], k, sizeof *k)) return pm->last = s - 1;
    }
  }
  if (pm->nforms == PDF_MARKS_MAX_FORMS) return -1;
  if (pm->nforms == pm->capforms) {
    pm->capforms = pm->capforms ? pm->capforms * 2 : 16;
    pm->forms = xrealloc(pm->forms, (size_t)pm->capforms * sizeof *pm->forms);
  }
  if ((size_t)(pm->nforms + 1) * 2 > pm->nslots) {
    size_t ns = pm->nslots ? pm->nslots * 2 : 64;
    free(pm->slots);
    pm->slots = xcalloc(ns, sizeof *pm->slots);
    pm->nslots = ns;
    for (int i = 0; i < pm->nforms; i++) {
      size_t j = marker_key_hash(&pm->forms[i]) & (ns - 1);
      while (pm->slots[j]) j = (j + 1) & (ns - 1);
      pm->slots[j] = i + 1;
    }
  }
  pm->forms[pm->nforms] = *k;
  size_t j = h & (pm->nslots - 1);
  while (pm->slots[j]) j = (j + 1) & (pm->nslots - 1);
  pm->slots[j] = ++pm->nforms;
  return pm->last = pm->nforms - 1;
}

/* Item it as a marker of a run: its key and anchor, 0 when it is not one. */
static int run_item(const sc_item *it, marker_key *k, double *ax, double *ay) {
  if (it->kind != SC_PATH && it->kind != SC_RECT) return 0;
  if (!marker_key_of(it, 1, PDF_MARKS_SHAPE_UNIT, k, ax, ay)) return 0;
  return fabs(*ax) < MAX_COORD && fabs(*ay) < MAX_COORD;
}

/* v / 1000 in decimal, exactly (v in 1/1000 px). */
static char *put_milli(char *w, int64_t v) {
  if (v < 0) {
    *w++ = '-';
    v = -v;
  }
  uint64_t ip = (uint64_t)v / 1000, fp = (uint64_t)v % 1000;
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + ip % 10);
    ip /= 10;
  } while (ip);
  while (n) *w++ = tmp[--n];
  if (fp) {
    *w++ = '.';
    *w++ = (char)('0' + fp / 100);
    fp %= 100;
    if (fp) {
      *w++ = (char)('0' + fp / 10);
      fp %= 10;
      if (fp) *w++ = (char)('0' + fp);
    }
  }
  return w;
}

static int64_t milli(double v) {
  double m = v * PDF_MARKS_UNIT;
  return (int64_t)(m >= 0 ? m + 0.5 : m - 0.5);
}

/* The 1x1 JPEG cairo embeds as is: SOI, a comment with the tag, a
 * baseline frame header (1x1, 3 components), EOI.  cairo reads only the
 * header; no reader ever decodes it, pdf_marks_splice replaces it. */
static size_t placeholder_jpeg(unsigned char *out, int index) {
  char tag[64];
  int tn = snprintf(tag, sizeof tag, TAG "%08d", index);
  size_t n = 0;
  out[n++] = 0xff;
  out[n++] = 0xd8;
  out[n++] = 0xff;
  out[n++] = 0xfe;
  out[n++] = (unsigned char)((tn + 2) >> 8);
  out[n++] = (unsigned char)(tn + 2);
  memcpy(out + n, tag, (size_t)tn);
  n += (size_t)tn;
  static const unsigned char sof[] = {0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01,
                                      0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9};
  memcpy(out + n, sof, sizeof sof);
  return n + sizeof sof;
}

int pdf_marks_place(pdf_marks *pm, const sc_cursor *at, cairo_t *cr) {
  if (!pm || pm->full) return 0;
  const scene *s = at->s;
  long i = at->pos;
  if (s != pm->cur || i <= pm->last_i) pm->skip_until = -1; /* a new scene (a book's next page) */
  pm->cur = s;
  pm->last_i = i;
  if (i < pm->skip_until) return 0;
  marker_key k;
  double ax, ay;
  sc_cursor c = *at;
  const sc_item *it;
  long j = i;
  for (; j - i < PDF_MARKS_RUN_MIN && (it = scene_cursor_item(&c)) && run_item(it, &k, &ax, &ay); j++)
    scene_cursor_skip(&c, 1);
  if (j - i < PDF_MARKS_RUN_MIN) {
    pm->skip_until = j > i ? j : i + 1;
    return 0;
  }
  /* The run's content: each marker in order, placed absolutely. */
  buf *b = &pm->content;
  buf_reset(b);
  long end = i;
  for (c = *at; (it = scene_cursor_item(&c)) && run_item(it, &k, &ax, &ay); end++, scene_cursor_skip(&c, 1)) {
    if (!k.fill && !k.stroke) continue; /* draws nothing */
    int f = form_get(pm, &k);
    if (f < 0) { /* no room for another form: cairo draws the rest */
      pm->full = 1;
      break;
    }
    buf_reserve(b, 80);
    char *w = b->data + b->len, *w0 = w;
    memcpy(w, "q 1 0 0 1 ", 10);
    w = put_milli(w + 10, milli(ax));
    *w++ = ' ';
    w = put_milli(w, milli(ay));
    memcpy(w, " cm /m", 6);
    w = put_milli(w + 6, (int64_t)f * 1000); /* the form's number */
    memcpy(w, " Do Q\n", 6);
    b->len += (size_t)(w + 6 - w0);
  }
  if (end == i) return 0;
  if (!b->len) return (int)(end - i); /* nothing drawn */
  double x1, y1, x2, y2;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  if (!(x2 > x1 && y2 > y1)) return (int)(end - i); /* hidden: cairo would draw nothing either */

  if (pm->nlayers == pm->caplayers) {
    pm->caplayers = pm->caplayers ? pm->caplayers * 2 : 4;
    pm->layers = xrealloc(pm->layers, (size_t)pm->caplayers * sizeof *pm->layers);
  }
  layer *l = &pm->layers[pm->nlayers];
  if (!pm->comp) pm->comp = libdeflate_alloc_compressor(LAYER_LEVEL);
  if (!pm->comp) {
    pm->full = 1;
    return 0;
  }
  size_t bound = libdeflate_zlib_compress_bound(pm->comp, b->len);
  l->z = xmalloc(bound);
  l->zlen = libdeflate_zlib_compress(pm->comp, b->data, b->len, l->z, bound);
  if (!l->zlen) { /* cannot happen with the bound: cairo draws them */
    free(l->z);
    pm->full = 1;
    return 0;
  }
  /* The unit square covers the page: a power of ten, so the layer's matrix
   * is a short exact decimal. */
  double side = 1000;
  while (side < s->width || side < s->height) side *= 10;
  l->side = side;

  unsigned char jpeg[128];
  size_t jn = placeholder_jpeg(jpeg, pm->nlayers);
  unsigned char *copy = xmalloc(jn);
  memcpy(copy, jpeg, jn);
  cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, copy, jn, free, copy);
  cairo_save(cr);
  cairo_scale(cr, side, side);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_FAST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(img);
  pm->nlayers++;
  return (int)(end - i);
}

/* ---- the forms ---- */

static void put_color(buf *o, uint32_t c, const char *op) {
  buf_num(o, color_r(c), 6);
  buf_putc(o, ' ');
  buf_num(o, color_g(c), 6);
  buf_putc(o, ' ');
  buf_num(o, color_b(c), 6);
  buf_printf(o, " %s\n", op);
}

/* Marker k's path, anchored at the origin, as render_draw_shape gives it
 * to cairo (path_of in draw_cairo.c). */
static void put_path(buf *o, const marker_key *k) {
  sc_pt store[MARKER_MAX_PTS], tmp[SC_CIRCLE_NPTS];
  sc_item c = marker_key_item(k, store);
  if (c.kind == SC_RECT) {
    buf_puts(o, "0 0 ");
    buf_num(o, c.w, 8);
    buf_putc(o, ' ');
    buf_num(o, c.h, 8);
    buf_puts(o, " re\n");
    return;
  }
  int n;
  const sc_pt *p = scene_path_points(&c, tmp, &n);
  for (int i = 0; i < n; i++) {
    switch (p[i].op) {
    case SC_MOVE:
    case SC_LINE:
      buf_num(o, p[i].x, 8);
      buf_putc(o, ' ');
      buf_num(o, p[i].y, 8);
      buf_puts(o, p[i].op == SC_MOVE ? " m\n" : " l\n");
      break;
    case SC_CURVE:
      if (i + 2 < n) {
        for (int t = 0; t < 3; t++) {
          buf_num(o, p[i + t].x, 8);
          buf_putc(o, ' ');
          buf_num(o, p[i + t].y, 8);
          buf_putc(o, ' ');
        }
        buf_puts(o, "c\n");
        i += 2;
      }
      break;
    case SC_CLOSE: buf_puts(o, "h\n"); break;
    default: break;
    }
  }
}

/* Object `num`: marker k as a form XObject in px, anchored at its origin.
 * It sets everything render_draw_shape sets for cairo, and the alpha and
 * dash it would inherit from the page at the placeholder (cairo has set
 * them for its image, not for a stroke). */
static void put_form(buf *o, int num, const marker_key *k) {
  double op = k->opacity;
  double fa = k->fill ? color_a(k->fill) * op : 1, sa = k->stroke ? color_a(k->stroke) * op : 1;
  buf body = {0};
  buf_puts(&body, "/a gs\n");
  if (k->fill) {
    put_color(&body, k->fill, "rg");
    put_path(&body, k);
    buf_puts(&body, "f\n");
  }
  if (k->stroke) {
    put_color(&body, k->stroke, "RG");
    buf_num(&body, k->stroke_width, 8);
    buf_puts(&body, k->round_cap ? " w\n1 J\n1 j\n[] 0 d\n" : " w\n0 J\n0 j\n10 M\n[] 0 d\n");
    put_path(&body, k);
    buf_puts(&body, "S\n");
  }
  double e = ceil(marker_key_extent(k)) + 1;
  buf_printf(o, "%d 0 obj\n<< /Type /XObject\n   /Subtype /Form\n   /BBox [ %.0f %.0f %.0f %.0f ]\n", num, -e, -e,
             e, e);
  buf_puts(o, "   /Resources << /ExtGState << /a << /ca ");
  buf_num(o, fa, 6);
  buf_puts(o, " /CA ");
  buf_num(o, sa, 6);
  buf_printf(o, " >> >> >>\n   /Length %zu\n>>\nstream\n", body.len);
  buf_put(o, body.data, body.len);
  buf_puts(o, "endstream\nendobj\n");
  buf_free(&body);
}

/* ---- splicing ---- */

/* The last occurrence of needle in [d, d + n). */
static const char *find_last(const char *d, size_t n, const char *needle) {
  size_t m = strlen(needle);
  if (n < m) return NULL;
  for (size_t i = n - m + 1; i-- > 0;)
    if (!memcmp(d + i, needle, m)) return d + i;
  return NULL;
}

static const char *find_in(const char *d, const char *end, const char *needle) {
  size_t m = strlen(needle);
  if (end - d < (ptrdiff_t)m) return NULL;
  return memmem(d, (size_t)(end - d), needle, m);
}

/* Digits at *p (< end) as a size_t; advances *p. */
static int read_uint(const char **p, const char *end, size_t *v) {
  const char *q = *p;
  size_t x = 0;
  int n = 0;
  while (q < end && *q >= '0' && *q <= '9' && n < 18) {
    x = x * 10 + (size_t)(*q++ - '0');
    n++;
  }
  if (!n || (q < end && *q >= '0' && *q <= '9')) return -1;
  *p = q;
  *v = x;
  return 0;
}

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
  return p;
}

typedef struct splice {
  size_t start, end; /* the placeholder's object, [start, end) */
  size_t num;        /* its object number */
  int layer;
} splice;

static int cmp_splice(const void *a, const void *b) {
  const splice *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

int pdf_marks_splice(pdf_marks *pm, buf *pdf) {
  if (!pm || !pm->nlayers) return 0;
  const char *d = pdf->data, *dend = pdf->data + pdf->len;
  /* startxref N %%EOF at the end; a classic table at N. */
  size_t tail = pdf->len < 1024 ? pdf->len : 1024;
  const char *sx = find_last(dend - tail, tail, "startxref");
  if (!sx) return -1;
  const char *p = skip_ws(sx + 9, dend);
  size_t xref_off, first, nobj;
  if (read_uint(&p, dend, &xref_off) || xref_off >= pdf->len) return -1;
  p = d + xref_off;
  if (dend - p < 5 || memcmp(p, "xref", 4)) return -1;
  p = skip_ws(p + 4, dend);
  if (read_uint(&p, dend, &first) || first != 0 || *p != ' ') return -1;
  p++;
  if (read_uint(&p, dend, &nobj) || nobj < 1 || nobj > 100000000) return -1;
  p = skip_ws(p, dend);
  if ((size_t)(dend - p) < nobj * 20) return -1;
  const char *table = p;
  size_t *off = xmalloc(nobj * sizeof *off);
  splice *sp = xcalloc((size_t)pm->nlayers, sizeof *sp);
  int ok = 0;
  for (size_t k = 0; k < nobj; k++) {
    const char *e = table + 20 * k;
    size_t o, gen;
    const char *q = e;
    if (read_uint(&q, e + 10, &o) || q != e + 10 || e[10] != ' ') goto out;
    q = e + 11;
    if (read_uint(&q, e + 16, &gen) || q != e + 16 || e[16] != ' ') goto out;
    if (e[17] == 'n') {
      if (gen != 0 || o >= xref_off) goto out;
      off[k] = o;
    } else if (e[17] == 'f') {
      off[k] = (size_t)-1;
    } else {
      goto out;
    }
    if (!((e[18] == ' ' && (e[19] == '\n' || e[19] == '\r')) || (e[18] == '\r' && e[19] == '\n'))) goto out;
  }
  p = skip_ws(table + 20 * nobj, dend);
  if (dend - p < 7 || memcmp(p, "trailer", 7)) goto out; /* one subsection only, as cairo writes */
  const char *trailer = p + 7, *trailer_end = find_in(trailer, dend, "startxref");
  if (!trailer_end) goto out;
  const char *size_at = find_in(trailer, trailer_end, "/Size");
  if (!size_at) goto out;
  const char *size_num = skip_ws(size_at + 5, trailer_end), *size_num_end = size_num;
  size_t size_val;
  if (read_uint(&size_num_end, trailer_end, &size_val) || size_val != nobj) goto out;

  /* Each placeholder: the object holding its tag, which must be an image.
   * One pass over the file finds every tag. */
  const char **tag_at = xcalloc((size_t)pm->nlayers, sizeof *tag_at);
  size_t taglen = strlen(TAG);
  for (const char *q = d; (q = find_in(q, d + xref_off, TAG)) != NULL; q += taglen) {
    const char *num = q + taglen;
    size_t idx;
    if (d + xref_off - num < 8 || read_uint(&num, num + 8, &idx) || num != q + taglen + 8) continue;
    if (idx < (size_t)pm->nlayers && !tag_at[idx]) tag_at[idx] = q;
  }
  for (int l = 0; l < pm->nlayers; l++) {
    const char *at = tag_at[l];
    if (!at) {
      free(tag_at);
      goto out;
    }
    size_t pos = (size_t)(at - d), best = (size_t)-1, start = 0;
    for (size_t k = 1; k < nobj; k++)
      if (off[k] != (size_t)-1 && off[k] <= pos && (best == (size_t)-1 || off[k] > start)) {
        best = k;
        start = off[k];
      }
    char head[32];
    int hn = snprintf(head, sizeof head, "%zu 0 obj", best);
    const char *stream = best == (size_t)-1 ? NULL : find_in(d + start, at, "stream");
    const char *eo = find_in(at, d + xref_off, "endobj");
    if (best == (size_t)-1 || (size_t)hn > pos - start || memcmp(d + start, head, (size_t)hn) || !stream ||
        !find_in(d + start, stream, "/Image") || !find_in(d + start, stream, "/DCTDecode") || !eo) {
      free(tag_at);
      goto out;
    }
    eo += 6;
    if (eo < d + xref_off && *eo == '\r') eo++;
    if (eo < d + xref_off && *eo == '\n') eo++;
    sp[l] = (splice){start, (size_t)(eo - d), best, l};
  }
  free(tag_at);
  qsort(sp, (size_t)pm->nlayers, sizeof *sp, cmp_splice);
  for (int l = 1; l < pm->nlayers; l++)
    if (sp[l].start < sp[l - 1].end) goto out;

  /* Write: cairo's objects with the placeholders replaced, the shared
   * resources and the forms appended, a new table. */
  buf o = {0};
  size_t total_z = 0;
  for (int l = 0; l < pm->nlayers; l++) total_z += pm->layers[l].zlen;
  buf_reserve(&o, pdf->len + total_z + (size_t)pm->nforms * 1024 + ((size_t)pm->nforms + nobj) * 24 + 4096);
  size_t res = nobj, nnew = nobj + 1 + (size_t)pm->nforms;
  long long *grow = xmalloc((size_t)pm->nlayers * sizeof *grow); /* new length - old length */
  size_t cur = 0;
  for (int l = 0; l < pm->nlayers; l++) {
    buf_put(&o, d + cur, sp[l].start - cur);
    size_t at = o.len;
    const layer *ly = &pm->layers[sp[l].layer];
    /* Form space is the scene's px; the placeholder's image space was the
     * unit square mapped to (0,0)-(side,side) px, y up. */
    buf_printf(&o, "%zu 0 obj\n<< /Type /XObject\n   /Subtype /Form\n   /BBox [ 0 0 %.0f %.0f ]\n   /Matrix [ ",
               sp[l].num, ly->side, ly->side);
    buf_num(&o, 1 / ly->side, 9);
    buf_puts(&o, " 0 0 ");
    buf_num(&o, -1 / ly->side, 9);
    buf_printf(&o, " 0 1 ]\n   /Resources %zu 0 R\n   /Filter /FlateDecode\n   /Length %zu\n>>\nstream\n", res,
               ly->zlen);
    buf_put(&o, ly->z, ly->zlen);
    buf_puts(&o, "\nendstream\nendobj\n");
    grow[l] = (long long)(o.len - at) - (long long)(sp[l].end - sp[l].start);
    cur = sp[l].end;
  }
  buf_put(&o, d + cur, xref_off - cur);
  size_t *noff = xmalloc(nnew * sizeof *noff);
  for (size_t k = 0; k < nobj; k++) {
    if (off[k] == (size_t)-1) continue;
    long long delta = 0;
    for (int l = 0; l < pm->nlayers && sp[l].end <= off[k]; l++) delta += grow[l];
    noff[k] = (size_t)((long long)off[k] + delta);
  }
  noff[res] = o.len;
  buf_printf(&o, "%zu 0 obj\n<< /XObject <<", res);
  for (int f = 0; f < pm->nforms; f++) buf_printf(&o, "%s/m%d %zu 0 R", f % 8 ? " " : "\n   ", f, res + 1 + (size_t)f);
  buf_puts(&o, "\n   >>\n>>\nendobj\n");
  for (int f = 0; f < pm->nforms; f++) {
    noff[res + 1 + (size_t)f] = o.len;
    put_form(&o, (int)(res + 1 + (size_t)f), &pm->forms[f]);
  }
  size_t xref_new = o.len;
  buf_printf(&o, "xref\n0 %zu\n", nnew);
  for (size_t k = 0; k < nnew; k++) {
    if (k < nobj && off[k] == (size_t)-1)
      buf_put(&o, table + 20 * k, 20); /* a free entry as cairo wrote it */
    else
      buf_printf(&o, "%010zu 00000 n \n", noff[k]);
  }
  buf_puts(&o, "trailer");
  buf_put(&o, trailer, (size_t)(size_num - trailer));
  buf_printf(&o, "%zu", nnew);
  buf_put(&o, size_num_end, (size_t)(trailer_end - size_num_end));
  buf_printf(&o, "startxref\n%zu\n%%%%EOF\n", xref_new);
  free(noff);
  free(grow);
  buf_free(pdf);
  *pdf = o;
  ok = 1;
out:
  free(off);
  free(sp);
  return ok ? 0 : -1;
}

/* ---- whether this cairo's files can be spliced ---- */

static int supported;
static pthread_once_t supported_once = PTHREAD_ONCE_INIT;

static cairo_status_t probe_write(void *closure, const unsigned char *data, unsigned int length) {
  buf_put(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One run of circles on a small page, as render_pdf and books draw it. */
static void probe(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 100, 100, 0xffffffff);
  for (int i = 0; i < PDF_MARKS_RUN_MIN; i++) scene_circle(s, 10 + i, 50, 2, scene_fill(0x000000ff), "probe");
  pdf_marks *pm = pdf_marks_new();
  buf out = {0};
  cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(probe_write, &out, 75, 75);
  cairo_t *cr = cairo_create(surf);
  cairo_scale(cr, 0.75, 0.75);
  sc_cursor at;
  scene_cursor_start(&at, s);
  int run = pdf_marks_place(pm, &at, cr);
  cairo_destroy(cr);
  cairo_surface_finish(surf);
  int ok = cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS && run == s->n && pdf_marks_count(pm) == 1;
  cairo_surface_destroy(surf);
  supported = ok && pdf_marks_splice(pm, &out) == 0;
  buf_free(&out);
  pdf_marks_free(pm);
  arena_free(a);
}

int pdf_marks_supported(void) {
  pthread_once(&supported_once, probe);
  return supported;
}
