/* Encoding-level data work: timeUnit, aggregate, sort orders and stacking.
 * Turns a unit's input rows into the prepared table the scales and marks
 * read: one column per encoded value (col_name), plus __lo/__hi when
 * stacked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/timefmt.h"
#include "base/strmap.h"
#include "chart/vl.h"
#include "spec/vl_keys.h"
#include "chart/vl_lang.h"
#include "data/bin.h"
#include "data/data_check.h"

double vl_time_value(const cell *v) { return data_time_value(v); }

int vl_is_cont(const vl_channel *ch) {
  if (!ch->on) return 0;
  if (ch->type == TY_Q) return 1;
  if (ch->type == TY_T && !ch->timeunit) return 1;
  if (ch->type == TY_T && ch->timeunit) return ch->scale.type != SCL_BAND && ch->scale.type != SCL_POINT &&
                                               ch->scale.type != SCL_ORDINAL;
  return 0;
}

const char *vl_cell_key(chart *c, const vl_channel *ch, const cell *v, arena *a) {
  if (ch->timeunit && v->type == EXPR_NUM) {
    char tb[64];
    if (ch->format && ch->format_time) {
      timefmt_format(ch->format, v->num, tb, sizeof tb);
    } else if (ch->timeunit == TU_DAY && vl_weekday_names[vl_lang(c)]) {
      timefields f;
      timefmt_fields(v->num, &f);
      return vl_weekday_names[vl_lang(c)][f.weekday % 7];
    } else {
      int tu = ch->timeunit > 0 && ch->timeunit < TU_LAST ? ch->timeunit : TU_NONE;
      timefmt_format(vl_timeunit_pattern[tu][vl_lang(c)], v->num, tb, sizeof tb);
    }
    return arena_strdup(a, tb);
  }
  if (ch->bin == 1 && ch->type == TY_O && v->type == EXPR_NUM && ch->bin_step > 0) {
    /* an ordinal bin is a category named by its range, "10 – 20" (Vega-Lite's
     * en dash), its ends written like the axes write numbers */
    double ends[4] = {v->num, v->num + ch->bin_step, ch->bin_lo, ch->bin_hi}; /* all bins: one unit */
    char lab[4][64];
    vl_format_values(c, ch->format, 0, 0, 0, NULL, ends, 4, lab);
    return arena_printf(a, "%s – %s", lab[0], lab[1]);
  }
  return cell_string(v, a);
}

/* Default titles (vl_lang.c's tables).  English follows Vega-Lite ("Sum
 * of b", "Count of Records", "b (binned)"); Chinese and Japanese read as a
 * phrase set solid (合计金额, 平均收入, 収入中央値), Korean as spaced words. */

/* A UTF-8 character that is a letter of a solid script, not a space or
 * CJK punctuation (（分组） touches a field without a space). */
static int solid_letter(const unsigned char *p) {
  if (p[0] < 0x80) return 0;
  if (p[0] < 0xe0 || p[0] > 0xef) return 1; /* 2- and 4-byte: none of them CJK punctuation */
  unsigned cp = (p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
  return !(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xff65);
}

/* fmt's one mark ("%s", or "%a" for an argmin's field) replaced by the
 * field t; in a solid lang a space parts a word from a Latin field name
 * where the two touch ("平均 income"). */
static const char *phrase_at(int lang, const char *fmt, const char *mark, const char *t, arena *a) {
  const char *at = strstr(fmt, mark);
  if (!at) return fmt;
  const char *before = "", *after = "";
  size_t n = strlen(t);
  if (vl_lang_solid[lang] && n) {
    int latin_first = (unsigned char)t[0] < 0x80 && t[0] != ' ';
    int latin_last = (unsigned char)t[n - 1] < 0x80 && t[n - 1] != ' ';
    if (at > fmt && latin_first) {
      const unsigned char *w = (const unsigned char *)at - 1; /* back to the lead byte of the character before %s */
      while (w > (const unsigned char *)fmt && (*w & 0xc0) == 0x80) w--;
      if (solid_letter(w)) before = " ";
    }
    if (at[2] && solid_letter((const unsigned char *)at + 2) && latin_last) after = " ";
  }
  return arena_printf(a, "%.*s%s%s%s%s", (int)(at - fmt), fmt, before, t, after, at + 2);
}
static const char *phrase(int lang, const char *fmt, const char *t, arena *a) { return phrase_at(lang, fmt, "%s", t, a); }

const char *vl_field_title(const chart *c, const vl_channel *ch, arena *a) {
  int lang = vl_lang(c);
  if (ch->agg == AG_COUNT && !ch->field) return c->cfg.count_title ? c->cfg.count_title : vl_count_title[lang];
  if (!ch->field) return NULL;
  const char *t = ch->field;
  /* Vega-Lite titles a field as written: "a\\.b", the column "a.b". */
  const spec_node *fn = spec_map_get(ch->node, "field");
  if (fn && fn->kind == SPEC_SCALAR && fn->str != t && strchr(fn->str, '\\') &&
      !strcmp(data_unescape_field(a, fn->str), t))
    t = fn->str;
  if (ch->timeunit > 0 && ch->timeunit < TU_LAST && !ch->tu_binned) /* binned upstream: the field alone */
    t = arena_printf(a, vl_timeunit_title[lang], t, vl_timeunit_words[lang][ch->timeunit]);
  if (ch->bin == 1 && !ch->agg) t = phrase(lang, vl_binned_title[lang], t, a);
  if (ch->agg <= AG_NONE || ch->agg >= AG_LAST) return t;
  if (ch->agg_arg) /* "b for max a": the title names the arg field too */
    return phrase_at(lang, phrase(lang, vl_aggregate_title[ch->agg][lang], t, a), "%a", ch->agg_arg, a);
  return phrase(lang, vl_aggregate_title[ch->agg][lang], t, a);
}

const char *vl_channel_title(const chart *c, const vl_channel *ch, arena *a) {
  if (ch->title_null) return NULL;
  if (ch->title.s) return ch->title.s;
  return vl_field_title(c, ch, a);
}

/* ---- prepare ---- */

typedef struct gv {
  int g;
  double v;
  const char *s;
} gv;

static int gv_cmp(const void *a, const void *b) {
  const gv *x = a, *y = b;
  if (x->g != y->g) return x->g - y->g;
  if (x->s && y->s) return strcmp(x->s, y->s);
  return (x->v > y->v) - (x->v < y->v);
}

static double agg_finish(int agg, double sum, double cnt, double mn, double mx, double valid) {
  switch (agg) {
  case AG_COUNT: return cnt;
  case AG_SUM: return sum;
  case AG_MEAN: return valid ? sum / valid : NAN;
  case AG_MIN: return valid ? mn : NAN;
  case AG_MAX: return valid ? mx : NAN;
  case AG_VALID: return valid;
  default: return NAN;
  }
}

static const char *agg_col_name(chart *c, const vl_channel *ch) {
  static const char *const nm[] = {"", "count", "sum", "mean", "median", "min", "max", "distinct", "valid",
                                   "exponential", "exponentialb", "argmin", "argmax"};
  if (ch->agg_arg) return arena_printf(c->a, "%s_%s_%s", nm[ch->agg], ch->agg_arg, ch->field);
  if (ch->agg == AG_COUNT && !ch->field) return "__count";
  return arena_printf(c->a, "%s_%s", nm[ch->agg], ch->field);
}

/* Group rows of t by the key columns gcols; aggregate each aggregated channel. */
static dtable *aggregate(chart *c, vl_unit *u, dtable *t) {
  int gcols[CH_LAST], ng = 0;
  for (int k = 0; k < CH_LAST; k++) {
    vl_channel *ch = &u->ch[k];
    if (!ch->on || ch->agg || !ch->col_name) continue; /* a tooltip field groups too, as in Vega-Lite */
    int col = dtable_col(t, ch->col_name);
    int dup = 0;
    for (int i = 0; i < ng; i++) dup |= gcols[i] == col;
    if (col >= 0 && !dup) gcols[ng++] = col;
  }
  dtable *out = dtable_new(c->a);
  int ocol[CH_LAST];
  for (int i = 0; i < ng; i++) ocol[i] = dtable_add_col(out, t->names[gcols[i]]);
  strmap h; /* key -> group, first seen first */
  strmap_init(&h, c->a, 0);
  int *grp = arena_alloc_array(c->a, (size_t)(t->nrows + 1), sizeof *grp);
  int ngroups = 0;
  for (int r = 0; r < t->nrows; r++) {
    cell *row = dtable_row(t, r);
    const char *key = "";
    for (int i = 0; i < ng; i++) key = arena_printf(c->a, "%s\x1f%d:%s", key, row[gcols[i]].type, cell_string(&row[gcols[i]], c->a));
    int g = strmap_put(&h, key, ngroups);
    if (g < 0) {
      g = ngroups++;
      cell *o = dtable_add_row(out);
      row = dtable_row(t, r);
      for (int i = 0; i < ng; i++) o[ocol[i]] = row[gcols[i]];
    }
    grp[r] = g;
  }
  if (t->nrows == 0 && ng == 0) { /* aggregate of nothing: one row (count 0) */
    dtable_add_row(out);
    ngroups = 1;
  } else if (ng == 0 && ngroups == 0) {
    ngroups = 0;
  }
  for (int k = 0; k < CH_LAST; k++) {
    vl_channel *ch = &u->ch[k];
    if (!ch->on || !ch->agg) continue;
    const char *name = agg_col_name(c, ch);
    int oc = dtable_add_col(out, name);
    int src = ch->field ? dtable_col(t, ch->col_name ? ch->col_name : ch->field) : -1;
    ch->col_name = out->names[oc];
    if (ch->agg >= AG_EXPONENTIAL) {
      cell *v = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof *v);
      vl_agg_param_values(c, ch, t, src, grp, ngroups, v);
      for (int g = 0; g < ngroups && g < out->nrows; g++) dtable_row(out, g)[oc] = v[g];
      continue;
    }
    double *sum = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof(double));
    double *cnt = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof(double));
    double *valid = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof(double));
    double *mn = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof(double));
    double *mx = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof(double));
    for (int g = 0; g < ngroups; g++) mn[g] = INFINITY, mx[g] = -INFINITY;
    gv *list = NULL;
    int nl = 0;
    if (ch->agg == AG_MEDIAN || ch->agg == AG_DISTINCT) list = arena_alloc_array(c->a, (size_t)t->nrows + 1, sizeof *list);
    for (int r = 0; r < t->nrows; r++) {
      int g = grp[r];
      cnt[g]++;
      if (src < 0) continue;
      cell *cl = &dtable_row(t, r)[src];
      if (ch->agg == AG_DISTINCT) {
        list[nl++] = (gv){g, 0, cell_string(cl, c->a)};
        continue;
      }
      double v = ch->type == TY_T ? vl_time_value(cl) : cell_number(cl);
      if (cell_is_null(cl) || !isfinite(v)) continue;
      valid[g]++;
      sum[g] += v;
      if (v < mn[g]) mn[g] = v;
      if (v > mx[g]) mx[g] = v;
      if (list) list[nl++] = (gv){g, v, NULL};
    }
    for (int g = 0; g < ngroups && g < out->nrows; g++) {
      cell *o = &dtable_row(out, g)[oc];
      o->type = EXPR_NUM;
      o->num = agg_finish(ch->agg, sum[g], cnt[g], mn[g], mx[g], valid[g]);
    }
    if (list) {
      if (nl > 1) qsort(list, (size_t)nl, sizeof *list, gv_cmp);
      for (int i = 0; i < nl;) {
        int j = i;
        while (j < nl && list[j].g == list[i].g) j++;
        double v;
        if (ch->agg == AG_MEDIAN) {
          int m = j - i;
          v = m % 2 ? list[i + m / 2].v : (list[i + m / 2 - 1].v + list[i + m / 2].v) / 2;
        } else {
          v = 0;
          for (int q = i; q < j; q++) v += q == i || strcmp(list[q].s, list[q - 1].s) != 0;
        }
        cell *o = &dtable_row(out, list[i].g)[oc];
        o->num = v;
        i = j;
      }
    }
  }
  return out;
}

/* Default order of categories: numbers numerically, else strings. */
static int cell_cmp(const cell *a, const cell *b) {
  if (a->type == EXPR_NUM && b->type == EXPR_NUM) return (a->num > b->num) - (a->num < b->num);
  if (a->type == EXPR_NULL || b->type == EXPR_NULL) return (a->type == EXPR_NULL) - (b->type == EXPR_NULL);
  char tmp1[40], tmp2[40];
  (void)tmp1;
  (void)tmp2;
  return 0;
}

typedef struct kv {
  const char *k;
  double v;
  int first;
} kv;

static int kv_cmp_asc(const void *a, const void *b) {
  const kv *x = a, *y = b;
  if (x->v != y->v) return (x->v > y->v) - (x->v < y->v);
  return x->first - y->first;
}
static int kv_cmp_desc(const void *a, const void *b) {
  const kv *x = a, *y = b;
  if (x->v != y->v) return (x->v < y->v) - (x->v > y->v);
  return x->first - y->first;
}

/* Each group's median of its finite values (n of them in vals, by group). */
static void group_medians(gv *vals, int n, kv *list) {
  if (n > 1) qsort(vals, (size_t)n, sizeof *vals, gv_cmp);
  for (int i = 0; i < n;) {
    int j = i;
    while (j < n && vals[j].g == vals[i].g) j++;
    int m = i + (j - i) / 2;
    list[vals[i].g].v = (j - i) % 2 ? vals[m].v : (vals[m - 1].v + vals[m].v) / 2;
    i = j;
  }
}

/* Order categories of ch by an aggregate of column vcol (op) over table t. */
void vl_order_by(chart *c, vl_channel *ch, dtable *t, int kcol, int vcol, int op, int desc, arena *a) {
  strmap h; /* key -> group, first seen first */
  strmap_init(&h, a, 0);
  kv *list = arena_alloc_array(a, (size_t)t->nrows + 1, sizeof *list);
  double *cnt = arena_alloc_array(a, (size_t)t->nrows + 1, sizeof(double));
  gv *vals = op == AG_MEDIAN ? arena_alloc_array(a, (size_t)t->nrows + 1, sizeof *vals) : NULL;
  int n = 0, nv = 0;
  for (int r = 0; r < t->nrows; r++) {
    cell *row = dtable_row(t, r);
    const char *key = vl_cell_key(c, ch, &row[kcol], a); /* null: a category, "null" */
    int g = strmap_put(&h, key, n);
    double v = vcol >= 0 ? cell_number(&row[vcol]) : 1;
    if (g < 0) {
      g = n++;
      list[g] = (kv){key, op == AG_MIN ? INFINITY : op == AG_MAX ? -INFINITY : 0, g};
    }
    if (!isfinite(v) && op != AG_COUNT) continue;
    cnt[g]++;
    if (vals) vals[nv++] = (gv){g, v, NULL};
    if (op == AG_MIN) list[g].v = v < list[g].v ? v : list[g].v;
    else if (op == AG_MAX) list[g].v = v > list[g].v ? v : list[g].v;
    else if (op == AG_COUNT) list[g].v += 1;
    else list[g].v += v;
  }
  if (op == AG_MEAN)
    for (int g = 0; g < n; g++) list[g].v = cnt[g] ? list[g].v / cnt[g] : 0;
  if (vals) group_medians(vals, nv, list);
  if (n > 1) qsort(list, (size_t)n, sizeof *list, desc ? kv_cmp_desc : kv_cmp_asc);
  ch->order = arena_alloc_array(a, (size_t)n + 1, sizeof *ch->order);
  ch->norder = n;
  for (int i = 0; i < n; i++) ch->order[i] = list[i].k;
}

/* Stacking --------------------------------------------------------------- */

typedef struct srow {
  int r;
  const char *group;
  double ord;
  const char *okey;
  int seq, desc; /* desc: the colour's order read backwards (the same in every row) */
} srow;

static int srow_cmp(const void *a, const void *b) {
  const srow *x = a, *y = b;
  int g = strcmp(x->group, y->group);
  if (g) return g;
  int sign = x->desc ? -1 : 1;
  if (x->ord != y->ord) return sign * ((x->ord > y->ord) - (x->ord < y->ord));
  if (x->okey && y->okey) {
    int s = strcmp(x->okey, y->okey);
    if (s) return sign * s;
  }
  return x->seq - y->seq;
}

/* Stacks t's rows into its columns __lo and __hi (u->c_lo, u->c_hi are
 * u->data's). */
static void do_stack(chart *c, vl_unit *u, dtable *t) {
  int vk = u->stack_ch;
  int vcol = dtable_col(t, u->ch[vk].col_name);
  int dim = vk == CH_X ? CH_Y : vk == CH_Y ? CH_X : -1;
  int dcol = dim >= 0 && u->ch[dim].col_name ? dtable_col(t, u->ch[dim].col_name) : -1;
  int offk = vk == CH_Y ? CH_XOFF : CH_YOFF;
  int ocol = vk != CH_THETA && u->ch[offk].on && u->ch[offk].col_name ? dtable_col(t, u->ch[offk].col_name) : -1;
  /* order within a stack: the order channel, else the colour's sort order */
  int colk = u->ch[CH_COLOR].on && u->ch[CH_COLOR].col_name ? CH_COLOR
             : u->ch[CH_FILL].on && u->ch[CH_FILL].col_name  ? CH_FILL
             : u->ch[CH_DETAIL].on && u->ch[CH_DETAIL].col_name ? CH_DETAIL
                                                                 : -1;
  int ccol = colk >= 0 ? dtable_col(t, u->ch[colk].col_name) : -1;
  int ordcol = u->ch[CH_ORDER].on && u->ch[CH_ORDER].col_name ? dtable_col(t, u->ch[CH_ORDER].col_name) : -1;
  /* Vega-Lite stacks y in the colour's descending order (the last series
   * at the bottom, the first on top, as its legend reads down) and x and
   * theta ascending; an order channel is ascending on either */
  int desc = vk == CH_Y && ordcol < 0;
  int show_invalid = vl_invalid_ch_mode(c, u, vk) == INV_SHOW;
  u->c_lo = dtable_add_col(t, VL_STACK_LO);
  u->c_hi = dtable_add_col(t, VL_STACK_HI);
  srow *rows = arena_alloc_array(c->a, (size_t)t->nrows + 1, sizeof *rows);
  strmap *order_ix = NULL; /* the colour's order -> place, made on first use (a scan per row was quadratic) */
  for (int r = 0; r < t->nrows; r++) {
    cell *row = dtable_row(t, r);
    const char *g = dcol >= 0 ? vl_cell_key(c, &u->ch[dim], &row[dcol], c->a) : "";
    if (ocol >= 0) g = arena_printf(c->a, "%s\x1f%s", g, cell_string(&row[ocol], c->a));
    for (int fk = CH_ROW; fk <= CH_FACET; fk++) /* stacks never cross facet cells */
      if (u->ch[fk].on && u->ch[fk].col_name) {
        int fc = dtable_col(t, u->ch[fk].col_name);
        if (fc >= 0) g = arena_printf(c->a, "%s\x1f%s", g, cell_string(&row[fc], c->a));
      }
    double ord = 0;
    const char *okey = NULL;
    if (ordcol >= 0) { /* the order field: by number, a text one by its text (Vega's sort compares either) */
      if (row[ordcol].type == EXPR_STR) okey = cell_string(&row[ordcol], c->a);
      else ord = cell_number(&row[ordcol]);
    } else if (ccol >= 0) {
      const vl_channel *cc = &u->ch[colk];
      okey = vl_cell_key(c, cc, &row[ccol], c->a);
      if (cc->order) { /* explicit order: a key's place (its last, if listed twice) */
        if (!order_ix) {
          order_ix = arena_alloc(c->a, sizeof *order_ix);
          strmap_init(order_ix, c->a, (size_t)cc->norder);
          for (int i = cc->norder - 1; i >= 0; i--) strmap_put(order_ix, cc->order[i], i);
        }
        int i = strmap_get(order_ix, okey);
        ord = i >= 0 ? i : cc->norder;
        okey = NULL;
      } else if (row[ccol].type == EXPR_NUM) {
        ord = row[ccol].num;
        okey = NULL;
      }
      if (cc->sort == SORT_DESC && okey == NULL) ord = -ord;
    }
    rows[r] = (srow){r, g, ord, okey, r, desc};
  }
  if (t->nrows > 1) qsort(rows, (size_t)t->nrows, sizeof *rows, srow_cmp);
  for (int i = 0; i < t->nrows;) {
    int j = i;
    while (j < t->nrows && !strcmp(rows[j].group, rows[i].group)) j++;
    double pos = 0, neg = 0, total = 0;
    for (int q = i; q < j; q++) {
      double v = cell_number(&dtable_row(t, rows[q].r)[vcol]);
      if (isfinite(v)) total += fabs(v);
    }
    for (int q = i; q < j; q++) {
      cell *row = dtable_row(t, rows[q].r);
      double v = cell_number(&row[vcol]);
      double lo, hi;
      /* invalid: show stacks an invalid value as zero (Vega's stack reads
       * +null as 0), a zero-height bar or area; other modes break there */
      if (!isfinite(v) && show_invalid) v = 0;
      if (!isfinite(v)) {
        lo = hi = NAN;
      } else if (v >= 0 || u->stack_mode == STK_NORMALIZE || u->stack_mode == STK_CENTER) {
        double a = fabs(v);
        lo = pos;
        hi = pos + (v >= 0 ? a : -a);
        if (u->stack_mode != STK_ZERO) hi = pos + a;
        pos = hi;
      } else {
        lo = neg;
        hi = neg + v;
        neg = hi;
      }
      if (u->stack_mode == STK_NORMALIZE && total > 0) lo /= total, hi /= total;
      if (u->stack_mode == STK_CENTER) lo -= total / 2, hi -= total / 2;
      row[u->c_lo] = (cell){.type = EXPR_NUM, .num = lo};
      row[u->c_hi] = (cell){.type = EXPR_NUM, .num = hi};
    }
    i = j;
  }
}

/* Vega's bin (vega-statistics bin.js): a nice step for maxbins, then
 * start/stop snapped to it.  Options from the encoding's bin mapping. */
static void bin_params(chart *c, const vl_channel *ch, double lo, double hi, double *start, double *stop, double *step_out) {
  double maxbins = 10, base = 10, minstep = 0, step = 0, anchor = NAN;
  double divide[8] = {5, 2}, steps[16];
  int ndiv = 2, nice = 1, nsteps = 0;
  const spec_node *b = ch->bin_node;
  if (b && b->kind == SPEC_MAP) {
    const spec_node *x;
    if ((x = spec_map_get(b, "maxbins"))) spec_scalar_number(x->str ? x->str : "", x->len, &maxbins);
    if ((x = spec_map_get(b, "step"))) spec_scalar_number(x->str ? x->str : "", x->len, &step);
    if ((x = spec_map_get(b, "base"))) spec_scalar_number(x->str ? x->str : "", x->len, &base);
    if ((x = spec_map_get(b, "minstep"))) spec_scalar_number(x->str ? x->str : "", x->len, &minstep);
    if ((x = spec_map_get(b, "anchor"))) spec_scalar_number(x->str ? x->str : "", x->len, &anchor);
    if ((x = spec_map_get(b, "nice")) && x->kind == SPEC_SCALAR && !strcmp(x->str, "false")) nice = 0;
    if ((x = spec_map_get(b, "extent")) && x->kind == SPEC_SEQ && x->n == 2) {
      cell a0 = cell_from_node(x->items[0]), a1 = cell_from_node(x->items[1]);
      if (isfinite(cell_number(&a0)) && isfinite(cell_number(&a1))) lo = cell_number(&a0), hi = cell_number(&a1);
    }
    if ((x = spec_map_get(b, "steps")) && x->kind == SPEC_SEQ) /* the steps allowed */
      for (int i = 0; i < x->n && nsteps < 16; i++) {
        cell v = cell_from_node(x->items[i]);
        if (cell_number(&v) > 0) steps[nsteps++] = cell_number(&v);
      }
    if ((x = spec_map_get(b, "divide")) && x->kind == SPEC_SEQ && x->n > 0 && x->n <= 8) {
      ndiv = x->n;
      for (int i = 0; i < ndiv; i++) {
        cell v = cell_from_node(x->items[i]);
        divide[i] = cell_number(&v);
      }
    }
  }
  (void)c;
  bin_opts bo;
  bin_opts_default(&bo);
  bo.maxbins = maxbins, bo.base = base, bo.step = step, bo.minstep = minstep, bo.anchor = anchor, bo.nice = nice;
  bo.ndiv = ndiv;
  if (nsteps) bo.steps = steps, bo.nsteps = nsteps;
  for (int i = 0; i < ndiv; i++) bo.divide[i] = divide[i];
  bin_compute(&bo, lo, hi, start, stop, step_out);
}

static void bin_channel(chart *c, vl_unit *u, int k, dtable *t, int src) {
  vl_channel *ch = &u->ch[k];
  double lo = INFINITY, hi = -INFINITY;
  for (int r = 0; r < t->nrows; r++) {
    cell *v = &dtable_row(t, r)[src];
    double x = cell_number(v);
    if (cell_is_null(v) || !isfinite(x)) continue;
    lo = fmin(lo, x);
    hi = fmax(hi, x);
  }
  const char *n0 = arena_printf(c->a, "bin_%s", ch->field), *n1 = arena_printf(c->a, "bin_%s_end", ch->field);
  int c0 = dtable_add_col(t, n0), c1 = dtable_add_col(t, n1);
  ch->col_name = t->names[c0];
  if (isfinite(lo)) {
    double start, stop, step;
    bin_params(c, ch, lo, hi, &start, &stop, &step);
    ch->bin_step = step;
    ch->bin_lo = start;
    ch->bin_hi = stop;
    for (int r = 0; r < t->nrows; r++) {
      cell *row = dtable_row(t, r);
      double x = cell_number(&row[src]);
      if (cell_is_null(&row[src]) || !isfinite(x) || x < start || x > stop) {
        row[c0] = row[c1] = (cell){0};
        continue;
      }
      x = fmax(start, fmin(x, stop - step));
      double b = start + step * floor(1e-14 + (x - start) / step);
      row[c0] = (cell){.type = EXPR_NUM, .num = b};
      row[c1] = (cell){.type = EXPR_NUM, .num = b + step};
    }
  }
  /* x/y: the bin end is the bar's x2/y2 (an ordinal bin is a band) */
  int k2 = ch->type != TY_Q ? -1 : k == CH_X ? CH_X2 : k == CH_Y ? CH_Y2 : -1;
  if (k2 >= 0 && !u->ch[k2].on) {
    vl_channel *e = &u->ch[k2];
    *e = *ch;
    e->bin = 0;
    e->bin_node = NULL;
    e->field = t->names[c1];
    e->col_name = t->names[c1];
    e->ncond = 0;
  }
}

static int is_discrete_ch(const vl_channel *ch) { return ch->on && !vl_is_cont(ch); }

/* Marks Vega-Lite stacks only when the channel says stack (its
 * STACKABLE_MARKS less STACK_BY_DEFAULT_MARKS that huitu draws stacked):
 * text, and symbols (a Wilkinson dot plot piles its circles). */
static int stacked_on_request(int mt) { return mt == MK_TEXT || mt == MK_POINT || mt == MK_CIRCLE || mt == MK_SQUARE; }

void vl_prepare(chart *c, vl_unit *u, dtable *in, diag_list *d) {
  /* The unit's rows without a copy: a column prepare adds (bins, time
   * units, stacks) gives it cells of its own then (dtable_share). */
  dtable *t = dtable_share(in, c->a);
  int any_agg = 0;
  for (int k = 0; k < CH_LAST; k++) {
    vl_channel *ch = &u->ch[k];
    if (!ch->on) continue;
    any_agg |= ch->agg != AG_NONE;
    vl_agg_check_arg(c, ch, in, d);
    if (!ch->field) continue;
    ch->col_name = ch->field;
    int src = dtable_col(t, ch->field);
    const spec_node *fnode = spec_map_get(ch->node, "field");
    if (src < 0) {
      if (in->ncols > 0 && k != CH_TOOLTIP) data_no_field(c->doc, fnode, in, ch->field, d);
      src = dtable_add_col(t, ch->field);
    } else if (k != CH_TOOLTIP && u->mark.invalid < 0) {
      /* Values the field cannot read are errors, unless the mark says
       * invalid: filter.  x2 and y2 read their values as x and y do. */
      const vl_channel *p = k == CH_X2 ? &u->ch[CH_X] : k == CH_Y2 ? &u->ch[CH_Y] : k == CH_THETA2 ? &u->ch[CH_THETA]
                          : k == CH_RADIUS2 ? &u->ch[CH_RADIUS] : ch;
      if (!p->on) p = ch;
      if ((p->type == TY_Q || p->type == TY_T || p->timeunit) && ch->agg != AG_COUNT && ch->agg != AG_DISTINCT &&
          ch->agg != AG_VALID)
        data_check_values(c->doc, fnode, in, dtable_col(in, ch->field), ch->field,
                          p->type == TY_Q && !p->timeunit ? DATA_WANT_NUMBER : DATA_WANT_DATE, d);
    }
    if (ch->bin == 1 && (ch->type == TY_Q || ch->type == TY_O) && !ch->timeunit) {
      bin_channel(c, u, k, t, src);
      continue;
    }
    if (ch->timeunit) {
      /* vl_timeunit_names follows TU_* (one table for parsing, titles and columns) */
      const char *nm = arena_printf(c->a, "%s_%s", vl_timeunit_names[ch->timeunit], ch->field);
      int dst = dtable_add_col(t, nm);
      ch->col_name = t->names[dst];
      for (int r = 0; r < t->nrows; r++) {
        cell *row = dtable_row(t, r);
        double t0 = vl_time_value(&row[src]);
        double v = ch->tu_binned ? t0 : vl_tu_floor(ch->timeunit, ch->tu_step, t0); /* binned: already a start */
        row[dst] = isfinite(v) ? (cell){.type = EXPR_NUM, .num = v} : (cell){0};
      }
    }
  }
  /* sort by a field with an op: computed on the unaggregated rows */
  for (int k = 0; k < CH_LAST; k++) {
    vl_channel *ch = &u->ch[k];
    if (!ch->on || !ch->col_name) continue;
    if (ch->sort == SORT_FIELD) {
      int vcol = ch->sort_field ? dtable_col(t, ch->sort_field) : -1;
      if (ch->sort_field && vcol < 0 && in->ncols > 0)
        data_no_field(c->doc, spec_map_get(spec_map_get(ch->node, "sort"), "field"), in, ch->sort_field, d);
      vl_order_by(c, ch, t, dtable_col(t, ch->col_name), vcol, ch->sort_op & 0xff, (ch->sort_op & 0x100) != 0, c->a);
    } else if (ch->sort == SORT_ARRAY) {
      ch->norder = ch->sort_list->n;
      ch->order = arena_alloc_array(c->a, (size_t)ch->norder + 1, sizeof *ch->order);
      for (int i = 0; i < ch->norder; i++) {
        cell v = cell_from_node(ch->sort_list->items[i]);
        if (ch->timeunit && v.type == EXPR_STR) { /* "Jan", months by name are not parsed: keep as given */
        }
        ch->order[i] = cell_string(&v, c->a);
      }
    }
  }
  u->data = any_agg ? aggregate(c, u, t) : t;
  vl_invalid_rows(c, u);
  for (int k = 0; k < CH_LAST; k++) {
    vl_channel *ch = &u->ch[k];
    if (ch->on && ch->sort == SORT_CHANNEL && ch->col_name && u->ch[ch->sort_channel].on &&
        u->ch[ch->sort_channel].col_name) {
      vl_order_by(c, ch, u->data, dtable_col(u->data, ch->col_name), dtable_col(u->data, u->ch[ch->sort_channel].col_name),
               AG_SUM, ch->sort_op, c->a);
    }
  }
  (void)cell_cmp;
  /* orientation and stacking */
  vl_mark *m = &u->mark;
  vl_channel *x = &u->ch[CH_X], *y = &u->ch[CH_Y];
  u->stack_ch = -1;
  if (m->orient >= 0) u->horizontal = m->orient == 1;
  else if ((x->bin || vl_tu_spans_unit(u, CH_X)) && !y->bin) u->horizontal = 0; /* along bins or time units */
  else if ((y->bin || vl_tu_spans_unit(u, CH_Y)) && !x->bin) u->horizontal = 1;
  else if (x->on && vl_is_cont(x) && (!y->on || is_discrete_ch(y))) u->horizontal = 1;
  else if (!x->on && y->on && is_discrete_ch(y)) u->horizontal = 1; /* bars across the whole width */
  else if (x->on && y->on && vl_is_cont(x) && vl_is_cont(y) && u->ch[CH_X2].on && !u->ch[CH_Y2].on) u->horizontal = 1;
  else if (x->on && y->on && y->type == TY_T && x->type == TY_Q && x->agg) u->horizontal = 1;
  else u->horizontal = 0;
  int vk = -1;
  if (m->type == MK_ARC || (m->type == MK_TEXT && u->ch[CH_THETA].on)) {
    if (u->ch[CH_THETA].on && u->ch[CH_THETA].col_name && !u->ch[CH_THETA2].on && !is_discrete_ch(&u->ch[CH_THETA]))
      vk = CH_THETA; /* a discrete theta is not stacked: each category its own sector */
  } else if (m->type == MK_BAR || m->type == MK_AREA || (stacked_on_request(m->type) && (y->stack > STK_AUTO ||
                                                                                          x->stack > STK_AUTO))) {
    vk = u->horizontal ? CH_X : CH_Y;
    vl_channel *v = &u->ch[vk];
    if (!v->on || !v->col_name || v->type != TY_Q || u->ch[vk == CH_X ? CH_X2 : CH_Y2].on) vk = -1;
    if (vk >= 0 && stacked_on_request(m->type) && v->stack <= STK_AUTO) vk = -1;
    if (vk >= 0 && v->scale.type == SCL_LOG) vk = -1;
  }
  if (vk >= 0) {
    int mode = u->ch[vk].stack;
    if (mode == STK_NONE) return;
    if (mode == STK_AUTO) mode = STK_ZERO;
    u->stack_ch = vk;
    u->stack_mode = mode;
    /* the rows the scales show stack too (vl_invalid_rows): a bar left
     * out of the marks still counts in the domain, as Vega-Lite stacks
     * before it filters */
    if (u->scale_data) do_stack(c, u, u->scale_data);
    do_stack(c, u, u->data);
  }
}
