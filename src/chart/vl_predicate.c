/* Vega-Lite predicates as expressions (see vl_params.h): what a filter or a
 * condition's test holds for, written in the expression language the rest
 * of the chart evaluates, the way Vega-Lite compiles them (its
 * predicate.ts and datetime.ts).  One translation for filters and
 * conditions, so `{field: b, gt: 10}` means the same in both. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/limits.h"
#include "chart/vl_params.h"
#include "chart/vl_spec_internal.h"
#include "spec/keys.h"

static const char *const pred_ops[] = {"equal", "lt", "lte", "gt", "gte", "range", "oneOf", "valid", NULL};
static const char *const pred_keys[] = {"field", "timeUnit", "equal", "lt", "lte", "gt", "gte",
                                        "range", "oneOf",    "valid", NULL};

/* A JS string literal: JSON's escapes are JS's. */
static void put_string(buf *b, const char *s) {
  buf_putc(b, '"');
  for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
    if (*q == '"' || *q == '\\') buf_printf(b, "\\%c", *q);
    else if (*q < 0x20) buf_printf(b, "\\u%04x", *q);
    else buf_putc(b, (char)*q);
  }
  buf_putc(b, '"');
}

static const char *done(vl_pred_ctx *p, buf *b) {
  const char *s = arena_strndup(p->c->a, b->data ? b->data : "", b->len);
  buf_free(b);
  return s;
}

/* A DateTime's month or day: a number (month 1-12) or an English name
 * ("Jan", "January"; "Sun", "Sunday"), as an expression (0-based). */
static int calendar_index(vl_pred_ctx *p, const spec_node *v, int month, buf *b) {
  static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  double x;
  if (v->kind == SPEC_SCALAR && spec_is_number(v) && spec_scalar_number(v->str, v->len, &x) == 0) {
    buf_printf(b, "%.17g", month ? x - 1 : x);
    return 0;
  }
  if (v->kind == SPEC_SCALAR && v->len >= 3) {
    for (int i = 0; i < (month ? 12 : 7); i++) {
      const char *nm = month ? months[i] : days[i];
      if ((v->str[0] | 32) == nm[0] && (v->str[1] | 32) == nm[1] && (v->str[2] | 32) == nm[2]) {
        buf_printf(b, "%d", i);
        return 0;
      }
    }
  }
  diag_spec_error(p->d, L(p->c, v), "'%s' must be a number or a %s name, found %s", month ? "month" : "day",
                  month ? "month" : "weekday", spec_describe(p->c->a, v));
  return -1;
}

/* {year, quarter, month, date, day, hours, minutes, seconds, milliseconds}
 * as datetime(...): a part not given is Vega-Lite's default (2012, January,
 * the 1st, midnight); `day` alone is the first such weekday of 2012. */
static const char *datetime_expr(vl_pred_ctx *p, const spec_node *m) {
  static const char *const dt_keys[] = {"year",  "quarter", "month",        "date", "day", "hours",
                                        "minutes", "seconds", "milliseconds", "utc",  NULL};
  for (int i = 0; i < m->n; i++)
    if (!vl_in_list(m->keys[i]->str, dt_keys)) {
      const char *s = keys_suggest(m->keys[i]->str, dt_keys, -1);
      diag_spec_error(p->d, L(p->c, m->keys[i]), "unknown key '%s' in a date-time%s%s%s", m->keys[i]->str,
                      s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
      return NULL;
    }
  buf b = {0};
  buf_puts(&b, "datetime(");
  const char *const parts[] = {"year", "month", "date", "hours", "minutes", "seconds", "milliseconds"};
  for (int i = 0; i < 7; i++) {
    const spec_node *v = spec_map_get(m, parts[i]);
    if (i) buf_puts(&b, ", ");
    int bad = 0;
    if (i == 1 && !v && (v = spec_map_get(m, "quarter"))) {
      double q;
      if (vls_get_num(p->c, v, &q, p->d)) bad = 1;
      else buf_printf(&b, "%.17g", (q - 1) * 3);
    } else if (i == 1 && v) {
      bad = calendar_index(p, v, 1, &b);
    } else if (i == 2 && !v && (v = spec_map_get(m, "day"))) {
      bad = calendar_index(p, v, 0, &b);
      buf_puts(&b, " + 1"); /* 1 January 2012 is a Sunday */
    } else if (v) {
      double x;
      if (vls_get_num(p->c, v, &x, p->d)) bad = 1;
      else buf_printf(&b, "%.17g", x);
    } else {
      buf_puts(&b, i == 0 ? "2012" : i == 2 ? "1" : "0");
    }
    if (bad) {
      buf_free(&b);
      return NULL;
    }
  }
  buf_putc(&b, ')');
  return done(p, &b);
}

const char *vl_literal_expr(vl_pred_ctx *p, const spec_node *v, const char *what) {
  if (v->kind == SPEC_MAP) return datetime_expr(p, v);
  if (v->kind != SPEC_SCALAR) {
    diag_spec_error(p->d, L(p->c, v), "'%s' must be a single value, found %s", what, spec_describe(p->c->a, v));
    return NULL;
  }
  if (spec_is_null(v)) return "null";
  double x;
  if (!v->quoted && spec_scalar_number(v->str, v->len, &x) == 0) return arena_printf(p->c->a, "%.17g", x);
  if (!v->quoted && (!strcmp(v->str, "true") || !strcmp(v->str, "false"))) return v->str;
  buf b = {0};
  put_string(&b, v->str);
  return done(p, &b);
}

/* The parts of a time unit ("yearmonth", "utcmonthdate", ...) as a mask of
 * year=1 quarter=2 month=4 date=8 day=16 hours=32 minutes=64 seconds=128
 * milliseconds=256; 0 when the name is not one. */
static int time_unit_parts(const char *s) {
  static const char *const parts[] = {"year",  "quarter", "month",   "date",        "day",
                                      "hours", "minutes", "seconds", "milliseconds"};
  if (!strncmp(s, "utc", 3)) s += 3;
  int m = 0, last = -1;
  while (*s) {
    int found = -1;
    for (int i = last + 1; i < 9 && found < 0; i++)
      if (!strncmp(s, parts[i], strlen(parts[i]))) found = i;
    if (found < 0) return 0;
    m |= 1 << found, last = found;
    s += strlen(parts[found]);
  }
  return (m & 16) && (m & 15) ? 0 : m; /* day (of the week) goes with no year, quarter, month or date */
}

/* The field's value truncated to the unit, as Vega-Lite's timeUnit does
 * (the parts not in the unit: 2012, January, the 1st, midnight). */
static void floor_expr(buf *b, int m, const char *f) {
  buf_puts(b, "datetime(");
  if (m & 1) buf_printf(b, "year(%s)", f);
  else buf_puts(b, "2012");
  if (m & 4) buf_printf(b, ", month(%s)", f);
  else if (m & 2) buf_printf(b, ", (quarter(%s) - 1) * 3", f);
  else buf_puts(b, ", 0");
  if (m & 8) buf_printf(b, ", date(%s)", f);
  else if (m & 16) buf_printf(b, ", day(%s) + 1", f);
  else buf_puts(b, ", 1");
  const char *const fns[] = {"hours", "minutes", "seconds", "milliseconds"};
  for (int i = 0; i < 4; i++)
    if (m & (32 << i)) buf_printf(b, ", %s(%s)", fns[i], f);
    else buf_puts(b, ", 0");
  buf_putc(b, ')');
}

/* The value a field is compared with under a time unit: a DateTime, or a
 * number/name of the one unit (2005 for year, "Jan" for month), or a date. */
static const char *time_value(vl_pred_ctx *p, const spec_node *v, int m, const char *unit, const char *what) {
  if (v->kind == SPEC_SCALAR && !spec_is_null(v) && m && !(m & (m - 1))) {
    double x;
    int num = !v->quoted && spec_scalar_number(v->str, v->len, &x) == 0;
    int date = v->quoted && strchr(v->str, '-');
    if ((num && x < 10000) || (!num && !date)) { /* {unit: v} as a DateTime */
      spec_node key = {.kind = SPEC_SCALAR, .str = unit, .len = strlen(unit)}, *keyp = &key;
      spec_node *val = (spec_node *)v;
      spec_node dt = {.kind = SPEC_MAP, .line = v->line, .col = v->col, .n = 1, .keys = &keyp, .items = &val};
      return datetime_expr(p, &dt);
    }
  }
  const char *lit = vl_literal_expr(p, v, what);
  return lit && v->kind == SPEC_SCALAR && !spec_is_null(v) ? arena_printf(p->c->a, "time(%s)", lit) : lit;
}

static const char *field_predicate(vl_pred_ctx *p, const spec_node *n) {
  chart *c = p->c;
  for (int i = 0; i < n->n; i++) {
    if (vl_in_list(n->keys[i]->str, pred_keys)) continue;
    const char *s = keys_suggest(n->keys[i]->str, pred_keys, -1);
    diag_spec_error(p->d, L(c, n->keys[i]), "unknown key '%s' in a predicate%s%s%s", n->keys[i]->str,
                    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    return NULL;
  }
  const spec_node *f = spec_map_get(n, "field"), *tu = spec_map_get(n, "timeUnit"), *v = NULL;
  int which = -1;
  for (int i = 0; pred_ops[i] && which < 0; i++)
    if ((v = spec_map_get(n, pred_ops[i]))) which = i;
  if (!f || which < 0) {
    diag_spec_error(p->d, L(c, n), "a predicate needs 'field' with one of equal, lt, lte, gt, gte, range, oneOf, valid");
    return NULL;
  }
  if (f->kind != SPEC_SCALAR || spec_is_null(f)) {
    diag_spec_error(p->d, L(c, f), "'field' must be a field name, found %s", spec_describe(c->a, f));
    return NULL;
  }
  buf fb = {0};
  buf_puts(&fb, "datum[");
  put_string(&fb, f->str);
  buf_putc(&fb, ']');
  const char *field = done(p, &fb), *unit = NULL;
  int mask = 0;
  if (tu) {
    const spec_node *un = tu->kind == SPEC_MAP ? spec_map_get(tu, "unit") : tu;
    if (tu->kind == SPEC_MAP) vl_check_keys(c, tu, NULL, &vl_timeunit_table, p->d);
    if (!un || un->kind != SPEC_SCALAR || !(mask = time_unit_parts(un->str))) {
      const spec_node *at = un ? un : tu;
      const char *s = at->kind == SPEC_SCALAR ? keys_suggest(at->str, vl_timeunit_names, -1) : NULL;
      if (at->kind == SPEC_SCALAR)
        diag_spec_error(p->d, L(c, at), "unknown time unit '%s'%s%s%s", at->str, s ? " (did you mean '" : "",
                        s ? s : "", s ? "'?)" : "");
      else
        diag_spec_error(p->d, L(c, at), "a time unit must be a name, found %s", spec_describe(c->a, at));
      return NULL;
    }
    unit = !strncmp(un->str, "utc", 3) ? un->str + 3 : un->str;
    buf tb = {0};
    floor_expr(&tb, mask, field);
    field = done(p, &tb);
  }
  buf b = {0};
  const char *ops[] = {"===", "<", "<=", ">", ">="};
  if (which <= 4) {
    const char *x = tu ? time_value(p, v, mask, unit, pred_ops[which]) : vl_literal_expr(p, v, pred_ops[which]);
    if (!x) return NULL;
    int t = tu || v->kind == SPEC_MAP; /* dates compare as times */
    buf_printf(&b, "(%s%s%s %s %s)", t ? "time(" : "", field, t ? ")" : "", ops[which], x);
  } else if (which == 5 || which == 6) { /* range, oneOf */
    if (v->kind != SPEC_SEQ || (which == 5 && v->n != 2)) {
      if (which == 5) diag_spec_error(p->d, L(c, v), "'range' must be a list of two values (null for an open end)");
      else diag_spec_error(p->d, L(c, v), "'oneOf' must be a list of values, found %s", spec_describe(c->a, v));
      return NULL;
    }
    buf_puts(&b, v->n ? "(" : "false");
    for (int i = 0; i < v->n; i++) {
      const spec_node *it = v->items[i];
      if (which == 5 && spec_is_null(it)) {
        buf_puts(&b, i ? " && true" : "true");
        continue;
      }
      const char *x = tu ? time_value(p, it, mask, unit, pred_ops[which]) : vl_literal_expr(p, it, pred_ops[which]);
      if (!x) {
        buf_free(&b);
        return NULL;
      }
      int t = tu || it->kind == SPEC_MAP;
      buf_printf(&b, "%s%s%s%s %s %s", i ? (which == 5 ? " && " : " || ") : "", t ? "time(" : "", field,
                 t ? ")" : "", which == 6 ? "===" : i ? "<=" : ">=", x);
    }
    if (v->n) buf_putc(&b, ')');
  } else { /* valid */
    int want;
    if (vls_get_bool(c, v, &want, p->d)) return NULL;
    buf_printf(&b, want ? "(%s !== null && !isNaN(%s))" : "(%s === null || isNaN(%s))", field, field);
  }
  return done(p, &b);
}

const char *vl_predicate_expr(vl_pred_ctx *p, const spec_node *n, int depth) {
  chart *c = p->c;
  if (depth > LIMIT_DEPTH) return NULL; /* the loader bounds the depth: not reached */
  if (n->kind == SPEC_SCALAR) {
    if (vls_check_test(c, n, "test", p->d)) return NULL;
    return arena_printf(c->a, "(%s)", n->str);
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(p->d, L(c, n), "a predicate must be an expression or a mapping, found %s", spec_describe(c->a, n));
    return NULL;
  }
  const spec_node *x;
  if ((x = spec_map_get(n, "and")) || (x = spec_map_get(n, "or"))) {
    int and = spec_map_get(n, "and") != NULL;
    if (x->kind != SPEC_SEQ) {
      diag_spec_error(p->d, L(c, x), "'%s' must be a list of predicates, found %s", and ? "and" : "or",
                      spec_describe(c->a, x));
      return NULL;
    }
    const char *s = and ? "true" : "false";
    for (int i = 0; i < x->n; i++) {
      const char *k = vl_predicate_expr(p, x->items[i], depth + 1);
      if (!k) return NULL;
      s = i ? arena_printf(c->a, "%s %s %s", s, and ? "&&" : "||", k) : k;
    }
    return arena_printf(c->a, "(%s)", s);
  }
  if ((x = spec_map_get(n, "not"))) {
    const char *k = vl_predicate_expr(p, x, depth + 1);
    return k ? arena_printf(c->a, "!%s", k) : NULL;
  }
  if ((x = spec_map_get(n, "param"))) {
    const spec_node *e = spec_map_get(n, "empty");
    int empty = 1;
    for (int i = 0; i < n->n; i++)
      if (strcmp(n->keys[i]->str, "param") && strcmp(n->keys[i]->str, "empty")) {
        diag_spec_error(p->d, L(c, n->keys[i]), "unknown key '%s' in a param predicate {param, empty}",
                        n->keys[i]->str);
        return NULL;
      }
    if (e && vls_get_bool(c, e, &empty, p->d)) return NULL;
    return p->param_test(p, x, empty, n);
  }
  return field_predicate(p, n);
}
