/* Inside the Vega-Lite spec parser (vl_spec.c, vl_spec_values.c,
 * vl_spec_channel.c, vl_spec_guides.c, vl_spec_mark.c, vl_spec_config.c):
 * the value readers they all use and the functions by which one part reads
 * another's.  Not for other modules: they call vl_parse, vl_parse_config
 * and vl_parse_autosize (vl.h).  What is wrong goes into d as an error
 * located at its node, and parsing goes on, so one run reports it all. */
#ifndef HUITU_CHART_VL_SPEC_INTERNAL_H
#define HUITU_CHART_VL_SPEC_INTERNAL_H
#include <stdint.h>

#include "chart/vl.h"
#include "spec/vl_keys.h"

/* CHN, E and L are on nearly every line of these files, hence the short
 * names.  The key tables are in vl_keys.c: `huitu schema` describes the
 * same ones. */
#define CHN(k) (vl_encoding_table.keys[k].name)

/* The enum names of a table's key. */
static inline const char *const *E(const vl_table *t, const char *key) { return vl_table_key(t, key)->enums; }

static inline src_loc L(chart *c, const spec_node *n) { return spec_loc(c->doc, n); }

/* ---- values (vl_spec_values.c); the int ones: -1 after an error ---- */
/* The index of n's name in names (an "" entry is never matched). */
int vls_enum_index(chart *c, const spec_node *n, const char *const *names, const char *what, diag_list *d);
int vls_get_num(chart *c, const spec_node *n, double *out, diag_list *d);
int vls_get_bool(chart *c, const spec_node *n, int *out, diag_list *d);
int vls_get_columns(chart *c, const spec_node *n, int *out, diag_list *d);
int vls_get_color(chart *c, const spec_node *n, uint32_t *out, diag_list *d);
int vls_get_weight(chart *c, const spec_node *x, int *out, const char *what, diag_list *d);
int vls_check_test(chart *c, const spec_node *t, const char *what, diag_list *d);
void vls_get_unit(chart *c, const spec_node *v, double *out, const char *what, diag_list *d);
/* A title: a string, or a list of lines; null sets *is_null. */
void vls_get_text(chart *c, const spec_node *n, spec_text *t, int *is_null, diag_list *d);
/* A font family or a CSS-like list of them (config.font, labelFont, ...):
 * c's entry for the node (one per key, however often a repeat reads it). */
int vls_get_font(chart *c, const spec_node *n, const vl_font **out, diag_list *d);
/* A d3 format; checked as a number format unless time or it has a '%'. */
void vls_check_format(chart *c, const spec_node *n, const char **out, int time, diag_list *d);

/* ---- scales and channels (vl_spec_channel.c) ---- */
int vls_check_scheme(chart *c, const spec_node *name, diag_list *d);
/* Encoding channel k (CH_*) from its definition n into ch. */
void vls_parse_channel(chart *c, int k, const spec_node *n, vl_channel *ch, diag_list *d);

/* ---- guides (vl_spec_guides.c); t: the channel's table or config's ---- */
void vls_axis_defaults(vl_axis_spec *a);
void vls_parse_axis(chart *c, const spec_node *n, vl_axis_spec *a, const vl_table *t, const char *what,
                    diag_list *d);
void vls_legend_defaults(vl_legend_spec *l);
void vls_parse_legend(chart *c, const spec_node *n, vl_legend_spec *l, const vl_table *t, diag_list *d);
/* Read key k's value v into the field of dst its row in f names (RD_*):
 * 1 when a row reads k, 0 when the caller reads k by hand. */
int vls_read_field(chart *c, const vl_field *f, int n, const char *k, const spec_node *v, void *dst, diag_list *d);
/* The header properties a facet channel's header and config.header* share:
 * read and merged by this table (labelAngle by hand, null as hidden). */
extern const vl_field vl_header_fields[];
extern const int vl_nheader_fields;
void vls_header_defaults(vl_header_spec *h);
void vls_parse_header(chart *c, const spec_node *n, vl_header_spec *h, const vl_table *t, diag_list *d);
void vls_check_header_orient(chart *c, const spec_node *n, int row, diag_list *d);
void vls_title_style_init(vl_title_style *t);
void vls_parse_title_style(chart *c, const spec_node *n, vl_title_style *t, diag_list *d);
/* A view's title: a string, or {text, subtitle, style...}. */
void vls_parse_title(chart *c, const spec_node *n, vl_view *v, diag_list *d);

/* ---- marks (vl_spec_mark.c) ---- */
void vls_mark_init(vl_mark *m);
/* Reads c->cfg, so config is parsed first. */
void vls_parse_mark(chart *c, const spec_node *n, vl_mark *m, diag_list *d);
void vls_parse_mark_props(chart *c, const spec_node *n, vl_mark *m, diag_list *d);

/* ---- made views (vl_spec_build.c, vl_composite.c) ---- */
/* Nodes in c's arena located at `at` (NULL: nowhere): an empty mapping or
 * list, a string, a number. */
spec_node *vlb_map(chart *c, const spec_node *at);
spec_node *vlb_seq(chart *c, const spec_node *at);
spec_node *vlb_str(chart *c, const spec_node *at, const char *s);
spec_node *vlb_num(chart *c, const spec_node *at, double v);
void vlb_push(chart *c, spec_node *seq, const spec_node *v);
/* Set key in map (replacing its value when there). */
void vlb_put(chart *c, spec_node *map, const char *key, const spec_node *v);
/* Remove key from map (nothing when it is not there). */
void vlb_drop(spec_node *map, const char *key);
/* Every pair of `from` (a mapping; else nothing) but the keys in skip
 * (NULL-terminated, or NULL), set in map with the user's key nodes. */
void vlb_put_all(chart *c, spec_node *map, const spec_node *from, const char *const *skip);
/* A unit view with a composite mark (boxplot, errorbar, errorband) or an
 * impute in its x or y written out as Vega-Lite normalises it (*out: a
 * view in c's arena, whose encoding has the layers' above, encs[0..nenc),
 * merged in).  1: rewritten; 0: nothing to rewrite; -1: errors in d. */
int vl_composite_rewrite(chart *c, const spec_node *view, const spec_node *const *encs, int nenc,
                         const spec_node **out, diag_list *d);

/* ---- views (vl_spec.c) ---- */
/* A layer child's channel definition over its parent's (Vega-Lite's
 * mergeEncoding); parent may be NULL. */
const spec_node *vls_merge_channel(chart *c, const spec_node *parent, const spec_node *child);
void vls_parse_view_bg(chart *c, const spec_node *n, uint32_t *fill, uint32_t *stroke, double *sw, int *stroke_set,
                       diag_list *d);
#endif
