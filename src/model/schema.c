/* JSON Schema from the key tables: key types become JSON types, enums,
 * ranges, defaults and help texts become enum/minimum/maximum/default/
 * description; blocks are a oneOf of objects with exactly one type key
 * beside the common keys.  KEY_NODE keys are parsed by their owner: the
 * few whose shape is known here (blocks, a group's items, theme) get it,
 * the others only their description.  The chart block (and a standalone
 * Vega-Lite file) is $defs/chart, from the chart validator's own tables
 * (chart/vl_keys.h): the keys huitu supports with the types it checks;
 * the ones it reports as not supported are left out. */
#include "model/schema.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "spec/vl_keys.h"
#include "model/blocks.h"
#include "model/doc.h"
#include "model/infographic.h"
#include "model/list_blocks.h"
#include "spec/node.h"

/* ---- a small pretty-printing JSON writer ---- */

typedef struct jw {
  buf *b;
  int depth;
  int first[64];
} jw;

static void jw_nl(jw *w) {
  buf_putc(w->b, '\n');
  for (int i = 0; i < w->depth; i++) buf_puts(w->b, "  ");
}

/* Before a member or an item: the comma and the new line. */
static void jw_sep(jw *w) {
  if (!w->first[w->depth]) buf_putc(w->b, ',');
  w->first[w->depth] = 0;
  jw_nl(w);
}

static void jw_begin(jw *w, char c) {
  buf_putc(w->b, c);
  w->depth++;
  w->first[w->depth] = 1;
}

static void jw_end(jw *w, char c) {
  int empty = w->first[w->depth];
  w->depth--;
  if (!empty) jw_nl(w);
  buf_putc(w->b, c);
}

static void jw_str(jw *w, const char *s) {
  buf_putc(w->b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': buf_puts(w->b, "\\\""); break;
    case '\\': buf_puts(w->b, "\\\\"); break;
    case '\n': buf_puts(w->b, "\\n"); break;
    case '\t': buf_puts(w->b, "\\t"); break;
    default:
      if (*p < 0x20)
        buf_printf(w->b, "\\u%04x", *p);
      else
        buf_putc(w->b, (char)*p);
    }
  }
  buf_putc(w->b, '"');
}

static void jw_num(jw *w, double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    buf_printf(w->b, "%.0f", v);
  else
    buf_printf(w->b, "%.17g", v);
}

static void jw_key(jw *w, const char *k) {
  jw_sep(w);
  jw_str(w, k);
  buf_puts(w->b, ": ");
}

static void jw_kstr(jw *w, const char *k, const char *v) {
  jw_key(w, k);
  jw_str(w, v);
}

static void jw_knum(jw *w, const char *k, double v) {
  jw_key(w, k);
  jw_num(w, v);
}

/* An array of strings on one line: ["a", "b"]. */
static void jw_kstrs(jw *w, const char *k, const char *const *v, int n) {
  jw_key(w, k);
  buf_putc(w->b, '[');
  for (int i = 0; n < 0 ? v[i] != NULL : i < n; i++) {
    if (i) buf_puts(w->b, ", ");
    jw_str(w, v[i]);
  }
  buf_putc(w->b, ']');
}

static void jw_kref(jw *w, const char *k, const char *def) {
  jw_key(w, k);
  buf_puts(w->b, "{\"$ref\": \"#/$defs/");
  buf_puts(w->b, def);
  buf_puts(w->b, "\"}");
}

/* A one-line raw JSON value. */
static void jw_kraw(jw *w, const char *k, const char *raw) {
  jw_key(w, k);
  buf_puts(w->b, raw);
}

static void jw_item_raw(jw *w, const char *raw) {
  jw_sep(w);
  buf_puts(w->b, raw);
}

/* ---- key tables -> schema ---- */

/* A $defs name from a table name: "kpi block" -> "kpi-block". */
static void def_name(const key_table *t, char *out, size_t n) {
  size_t j = 0;
  for (const char *s = t->name; *s && j + 1 < n; s++) out[j++] = *s == ' ' ? '-' : *s;
  out[j] = 0;
}

static const key_def *find_key(const key_table *t, const char *name) {
  for (int i = 0; i < t->n; i++)
    if (!strcmp(t->keys[i].name, name)) return &t->keys[i];
  return NULL;
}

static void put_default(jw *w, const key_def *k) {
  if (!k->dflt) return;
  double v;
  switch (k->type) {
  case KEY_NUMBER:
  case KEY_INT:
  case KEY_LENGTH:
    if (spec_scalar_number(k->dflt, strlen(k->dflt), &v) == 0 && isfinite(v)) {
      jw_knum(w, "default", v);
      return;
    }
    break;
  case KEY_BOOL: jw_kraw(w, "default", strcmp(k->dflt, "true") ? "false" : "true"); return;
  default: break;
  }
  jw_kstr(w, "default", k->dflt);
}

static void put_range(jw *w, const key_def *k) {
  if (k->min == 0 && k->max == 0) return;
  jw_knum(w, "minimum", k->min);
  jw_knum(w, "maximum", k->max);
}

static void put_table(jw *w, const key_table *t, const key_table *common, const char *type_key,
                      const char *type_def);

/* The schema of a KEY_NODE key whose shape its owner knows. */
static int put_node_shape(jw *w, const key_table *t, const key_def *k) {
  if ((t == &doc_keys && !strcmp(k->name, "blocks")) || (t == &group_keys && !strcmp(k->name, "items"))) {
    jw_kstr(w, "type", "array");
    jw_kref(w, "items", "block");
    return 1;
  }
  if ((t == &timeline_keys || t == &ranking_keys) && !strcmp(k->name, "items")) {
    jw_kstr(w, "type", "array");
    jw_knum(w, "minItems", 1);
    jw_kref(w, "items", t == &timeline_keys ? "timeline-item" : "ranking-item");
    return 1;
  }
  if (t == &callout_keys && !strcmp(k->name, "target")) {
    jw_key(w, "anyOf");
    jw_begin(w, '[');
    jw_item_raw(w, "{\"type\": \"string\"}");
    jw_item_raw(w, "{\"$ref\": \"#/$defs/callout-target\"}");
    jw_end(w, ']');
    return 1;
  }
  if (t == &callout_target_keys && !strcmp(k->name, "datum")) {
    jw_kstr(w, "type", "object");
    jw_kraw(w, "additionalProperties", "{\"type\": [\"string\", \"number\", \"boolean\"]}");
    return 1;
  }
  if (t == &doc_keys && !strcmp(k->name, "theme")) {
    const key_def *base = find_key(&theme_keys, "base");
    jw_key(w, "anyOf");
    jw_begin(w, '[');
    jw_sep(w);
    jw_begin(w, '{');
    if (base) jw_kstrs(w, "enum", base->enums, -1);
    jw_end(w, '}');
    jw_item_raw(w, "{\"$ref\": \"#/$defs/theme\"}");
    jw_end(w, ']');
    if (base && base->dflt) jw_kstr(w, "default", base->dflt);
    return 1;
  }
  return 0;
}

static void put_key(jw *w, const key_table *t, const key_def *k) {
  jw_key(w, k->name);
  jw_begin(w, '{');
  if (k->help) jw_kstr(w, "description", k->help);
  char def[64];
  switch (k->type) {
  case KEY_TEXT: jw_kraw(w, "$ref", "\"#/$defs/text\""); break;
  case KEY_NUMBER:
    jw_kstr(w, "type", "number");
    put_range(w, k);
    break;
  case KEY_INT:
    jw_kstr(w, "type", "integer");
    put_range(w, k);
    break;
  case KEY_BOOL: jw_kstr(w, "type", "boolean"); break;
  case KEY_LENGTH:
    /* A number (range-checked), or a string with a unit, or auto. */
    jw_key(w, "anyOf");
    jw_begin(w, '[');
    jw_sep(w);
    jw_begin(w, '{');
    jw_kstr(w, "type", "number");
    put_range(w, k);
    jw_end(w, '}');
    jw_item_raw(w, "{\"$ref\": \"#/$defs/length-with-unit\"}");
    if (k->flags & KEYF_AUTO) jw_item_raw(w, "{\"const\": \"auto\"}");
    jw_end(w, ']');
    break;
  case KEY_COLOR: jw_kraw(w, "$ref", "\"#/$defs/color\""); break;
  case KEY_ENUM: jw_kstrs(w, "enum", k->enums, -1); break;
  case KEY_OBJECT:
    def_name(k->sub, def, sizeof def);
    jw_key(w, "$ref");
    buf_printf(w->b, "\"#/$defs/%s\"", def);
    break;
  case KEY_NODE: put_node_shape(w, t, k); break;
  default: break;
  }
  /* In 2020-12 a $ref may sit beside description and default. */
  put_default(w, k);
  jw_end(w, '}');
}

/* An object schema from a table.  common: more keys allowed beside (the
 * block's common keys); type_key/type_def: the block type key and the
 * $defs entry of its content. */
static void put_table(jw *w, const key_table *t, const key_table *common, const char *type_key,
                      const char *type_def) {
  jw_kstr(w, "type", "object");
  jw_key(w, "properties");
  jw_begin(w, '{');
  if (type_key) {
    jw_key(w, type_key);
    jw_begin(w, '{');
    for (int i = 0; i < block_type_count; i++)
      if (!strcmp(block_types[i].name, type_key)) jw_kstr(w, "description", block_types[i].help);
    jw_key(w, "$ref");
    buf_printf(w->b, "\"#/$defs/%s\"", type_def);
    jw_end(w, '}');
  }
  for (int i = 0; t && i < t->n; i++) put_key(w, t, &t->keys[i]);
  for (int i = 0; common && i < common->n; i++) put_key(w, common, &common->keys[i]);
  jw_end(w, '}');
  const char *req[64];
  int nreq = 0;
  if (type_key) req[nreq++] = type_key;
  for (int i = 0; t && i < t->n && nreq < 64; i++)
    if (t->keys[i].flags & KEYF_REQUIRED) req[nreq++] = t->keys[i].name;
  if (nreq) jw_kstrs(w, "required", req, nreq);
  jw_kraw(w, "additionalProperties", "false");
}

static void put_table_def(jw *w, const key_table *t, const char *description) {
  char def[64];
  def_name(t, def, sizeof def);
  jw_key(w, def);
  jw_begin(w, '{');
  if (description) jw_kstr(w, "description", description);
  put_table(w, t, NULL, NULL, NULL);
  jw_end(w, '}');
}

/* Content of one block type, as $defs/content-NAME. */
static void put_block_content(jw *w, const block_type *t) {
  char def[80];
  snprintf(def, sizeof def, "content-%s", t->name);
  jw_key(w, def);
  jw_begin(w, '{');
  jw_kstr(w, "description", t->help);
  if (!t->keys) {
    /* chart: Vega-Lite, from the chart validator's tables. */
    jw_key(w, "$ref");
    buf_printf(w->b, "\"#/$defs/%s\"", vl_spec_table.def);
  } else if (!t->keys->n) {
    jw_kraw(w, "anyOf", "[{\"type\": \"null\"}, {\"type\": \"object\", \"maxProperties\": 0}]");
  } else if (t->string_key) {
    jw_key(w, "anyOf");
    jw_begin(w, '[');
    jw_item_raw(w, "{\"$ref\": \"#/$defs/text\"}");
    jw_sep(w);
    jw_begin(w, '{');
    put_table(w, t->keys, NULL, NULL, NULL);
    jw_end(w, '}');
    jw_end(w, ']');
  } else {
    put_table(w, t->keys, NULL, NULL, NULL);
  }
  jw_end(w, '}');
}

static void put_block_def(jw *w, const block_type *t) {
  char def[80], content[80];
  snprintf(def, sizeof def, "block-%s", t->name);
  snprintf(content, sizeof content, "content-%s", t->name);
  jw_key(w, def);
  jw_begin(w, '{');
  jw_kstr(w, "description", t->help);
  put_table(w, NULL, &block_common_keys, t->name, content);
  jw_end(w, '}');
}

/* A block, as a union discriminated by its type key: the type keys and
 * the common keys are its properties (for completion and hover, and so an
 * unknown key is named), it needs one type key, and the type key present
 * selects that type's schema (if/then), so a validator reports a mistake
 * inside the block against that type ("'unti' was unexpected" inside the
 * kpi), not "'text' is a required property" from every other branch. */
static void put_block_union(jw *w) {
  jw_key(w, "block");
  jw_begin(w, '{');
  jw_kstr(w, "description",
          "A block: a mapping with exactly one type key (text, kpi, chart, ...) whose value is the content, "
          "and the keys every block shares beside it");
  jw_kstr(w, "type", "object");
  jw_key(w, "properties");
  jw_begin(w, '{');
  for (int i = 0; i < block_type_count; i++) {
    jw_key(w, block_types[i].name);
    jw_begin(w, '{');
    jw_kstr(w, "description", block_types[i].help);
    jw_end(w, '}');
  }
  for (int i = 0; i < block_common_keys.n; i++) put_key(w, &block_common_keys, &block_common_keys.keys[i]);
  jw_end(w, '}');
  jw_kraw(w, "additionalProperties", "false");
  jw_key(w, "anyOf");
  jw_begin(w, '[');
  for (int i = 0; i < block_type_count; i++) {
    char raw[96];
    snprintf(raw, sizeof raw, "{\"required\": [\"%s\"]}", block_types[i].name);
    jw_item_raw(w, raw);
  }
  jw_end(w, ']');
  jw_key(w, "allOf");
  jw_begin(w, '[');
  for (int i = 0; i < block_type_count; i++) {
    char raw[160];
    snprintf(raw, sizeof raw, "{\"if\": {\"required\": [\"%s\"]}, \"then\": {\"$ref\": \"#/$defs/block-%s\"}}",
             block_types[i].name, block_types[i].name);
    jw_item_raw(w, raw);
  }
  jw_end(w, ']');
  jw_end(w, '}');
}

/* ---- Vega-Lite tables -> schema ---- */

#define VL_MAX_DEFS 96

/* The tables and key shapes reachable from the top-level spec, each once. */
typedef struct vl_defs {
  const vl_table *tables[VL_MAX_DEFS];
  int ntables;
  const vl_key *keys[VL_MAX_DEFS]; /* keys with a shared value shape (def) */
  int nkeys;
} vl_defs;

static void vl_collect(vl_defs *D, const vl_table *t) {
  if (!t) return;
  for (int i = 0; i < D->ntables; i++)
    if (D->tables[i] == t) return;
  if (D->ntables == VL_MAX_DEFS) return;
  D->tables[D->ntables++] = t;
  for (int i = 0; t->kinds && t->kinds[i]; i++) vl_collect(D, t->kinds[i]);
  for (int i = 0; i < t->n; i++) {
    const vl_key *k = &t->keys[i];
    if (k->def) {
      int seen = 0;
      for (int j = 0; j < D->nkeys && !seen; j++) seen = !strcmp(D->keys[j]->def, k->def);
      if (!seen && D->nkeys < VL_MAX_DEFS) D->keys[D->nkeys++] = k;
    }
    vl_collect(D, k->sub);
    vl_collect(D, k->alt);
    vl_collect(D, k->items);
  }
}

static void vl_ref(jw *w, const vl_table *t) {
  jw_key(w, "$ref");
  buf_printf(w->b, "\"#/$defs/%s\"", t->def);
}

/* The strings an enum key allows: its names (not the "" placeholders),
 * with a utc prefix too, and channel names for a sort. */
static void vl_enum(jw *w, const vl_key *k) {
  jw_key(w, "enum");
  buf_putc(w->b, '[');
  int n = 0;
  static const char *const prefix[] = {"", "utc", "binned", "binnedutc"};
  for (int u = 0; u < ((k->flags & VLF_UTC) ? 4 : 1); u++)
    for (int i = 0; k->enums[i]; i++) {
      if (!k->enums[i][0] || (u >= 2 && strncmp(k->enums[i], "year", 4))) continue;
      buf_puts(w->b, n++ ? ", " : "");
      buf_printf(w->b, "\"%s%s\"", prefix[u], k->enums[i]);
    }
  if (k->flags & VLF_SORT_CHANNEL)
    for (int neg = 0; neg < 2; neg++)
      for (int i = 0; i < vl_encoding_table.n; i++) {
        buf_puts(w->b, n++ ? ", " : "");
        buf_printf(w->b, "\"%s%s\"", neg ? "-" : "", vl_encoding_table.keys[i].name);
      }
  buf_putc(w->b, ']');
}

static const char *const vl_json_types[] = {"string", "number", "boolean", "null", "array", "object"};

/* Does type bit b of k need its own schema (an enum, a range, a ref)? */
static int vl_constrained(const vl_key *k, unsigned b) {
  switch (b) {
  case VLV_STRING: return k->enums || (k->flags & VLF_COLOR);
  case VLV_NUMBER: return k->min != 0 || k->max != 0 || (k->flags & VLF_MIN_EXCLUSIVE);
  case VLV_ARRAY: return k->items || k->item_types || (k->flags & VLF_NONEMPTY);
  case VLV_OBJECT: return k->sub || k->alt;
  default: return 0;
  }
}

static void vl_types(jw *w, unsigned types) {
  int n = 0;
  for (int j = 0; j < 6; j++) n += (types >> j) & 1;
  jw_key(w, "type");
  if (n == 1) {
    for (int j = 0; j < 6; j++)
      if (types & (1u << j)) jw_str(w, vl_json_types[j]);
    return;
  }
  buf_putc(w->b, '[');
  for (int j = 0, m = 0; j < 6; j++)
    if (types & (1u << j)) {
      buf_puts(w->b, m++ ? ", " : "");
      jw_str(w, vl_json_types[j]);
    }
  buf_putc(w->b, ']');
}

/* The members of one alternative of k's value: type bit b. */
static void vl_alternative(jw *w, const vl_key *k, unsigned b) {
  switch (b) {
  case VLV_STRING:
    if (k->enums) vl_enum(w, k);
    else jw_kraw(w, "$ref", "\"#/$defs/color\"");
    break;
  case VLV_NUMBER:
    jw_kstr(w, "type", "number");
    if (k->flags & VLF_MIN_EXCLUSIVE) jw_knum(w, "exclusiveMinimum", k->min);
    else if (k->min != 0) jw_knum(w, "minimum", k->min);
    if (k->max != 0) jw_knum(w, "maximum", k->max);
    break;
  case VLV_ARRAY:
    jw_kstr(w, "type", "array");
    if (k->items) {
      jw_key(w, "items");
      jw_begin(w, '{');
      vl_ref(w, k->items);
      jw_end(w, '}');
    } else if (k->item_types) {
      jw_key(w, "items");
      jw_begin(w, '{');
      vl_types(w, k->item_types);
      jw_end(w, '}');
    }
    if (k->flags & VLF_NONEMPTY) jw_knum(w, "minItems", 1);
    break;
  default: break;
  }
}

/* k's value: the JSON types it may have; the unconstrained ones as one
 * "type", each constrained one (enum, range, items, a table) its own
 * alternative in an anyOf.  Nothing at all when the validator does not
 * check the value. */
static void vl_value(jw *w, const vl_key *k) {
  unsigned plain = 0;
  int nalt = 0;
  for (int j = 0; j < 6; j++) {
    unsigned b = 1u << j;
    if (!(k->types & b)) continue;
    if (vl_constrained(k, b)) nalt += b == VLV_OBJECT ? (k->sub != NULL) + (k->alt != NULL) : 1;
    else plain |= b;
  }
  if (!nalt) {
    if (plain) vl_types(w, plain);
    return;
  }
  if (nalt == 1 && !plain) {
    for (int j = 0; j < 6; j++) {
      unsigned b = 1u << j;
      if (!(k->types & b) || !vl_constrained(k, b)) continue;
      if (b == VLV_OBJECT) vl_ref(w, k->sub ? k->sub : k->alt);
      else vl_alternative(w, k, b);
    }
    return;
  }
  jw_key(w, "anyOf");
  jw_begin(w, '[');
  if (plain) {
    jw_sep(w);
    jw_begin(w, '{');
    vl_types(w, plain);
    jw_end(w, '}');
  }
  for (int j = 0; j < 6; j++) {
    unsigned b = 1u << j;
    if (!(k->types & b) || !vl_constrained(k, b)) continue;
    if (b == VLV_OBJECT) {
      const vl_table *forms[2] = {k->sub, k->alt};
      for (int f = 0; f < 2; f++) {
        if (!forms[f]) continue;
        jw_sep(w);
        jw_begin(w, '{');
        vl_ref(w, forms[f]);
        jw_end(w, '}');
      }
      continue;
    }
    jw_sep(w);
    jw_begin(w, '{');
    vl_alternative(w, k, b);
    jw_end(w, '}');
  }
  jw_end(w, ']');
}

/* Descriptions for the Vega-Lite keys whose table rows have no help text
 * (the tables' own help wins): by the table the key is in, then by name.
 * Only words for the schema; what huitu accepts stays in vl_keys.c. */
typedef struct vl_words {
  const char *name, *help;
} vl_words;

static const vl_words vl_channel_words[] = {
    {"x", "Horizontal position"}, {"y", "Vertical position"}, {"x2", "Horizontal end position (ranged bars, rules, areas)"},
    {"y2", "Vertical end position (ranged bars, rules, areas)"}, {"xOffset", "Offset within an x band (grouped bars)"},
    {"yOffset", "Offset within a y band (grouped bars)"}, {"theta", "Angle of an arc (pie and donut slices)"},
    {"theta2", "End angle of an arc"}, {"radius", "Outer radius of an arc"}, {"radius2", "Inner radius of an arc"},
    {"color", "Fill and stroke colour"}, {"fill", "Fill colour"}, {"stroke", "Stroke colour"},
    {"opacity", "Opacity"}, {"shape", "Point shape"}, {"size", "Mark size (point area, bar width, line width)"},
    {"strokeDash", "Stroke dash pattern"}, {"text", "Text of a text mark"}, {"detail", "Groups marks by a field without a visual channel"},
    {"order", "Order of stacked marks and line points"}, {"tooltip", "Tooltip text (kept in SVG as a title)"},
    {"row", "Facet into rows by a field"}, {"column", "Facet into columns by a field"}, {"facet", "Facet into a wrapped grid by a field"},
    {"longitude", "Longitude of a mark on a map (placed by the projection)"}, {"latitude", "Latitude of a mark on a map"},
    {"longitude2", "End longitude (a rule between two places)"}, {"latitude2", "End latitude"},
    {NULL, NULL}};

static const vl_words vl_mark_kinds[] = {
    {"arc", "arc"}, {"area", "area"}, {"bar", "bar"}, {"circle", "circle"}, {"line", "line"}, {"point", "point"},
    {"rect", "rect"}, {"rule", "rule"}, {"square", "square"}, {"text", "text"}, {"tick", "tick"}, {"geoshape", "geoshape"}, {NULL, NULL}};

static const vl_words vl_words_by_name[] = {
    {"$schema", "The Vega-Lite schema URL: marks a standalone Vega-Lite file"},
    {"anchor", "A value a bin boundary falls on"},
    {"angle", "Rotation of the mark, in degrees"},
    {"aria", "Whether the element is described for screen readers"},
    {"as", "Name of the output field(s)"},
    {"axis", "Axis settings (null: no axis)"},
    {"background", "Background colour"},
    {"bandPaddingInner", "Default inner padding of band scales (0-1)"},
    {"bandPaddingOuter", "Default outer padding of band scales (0-1)"},
    {"bandPosition", "Position within the band (0: start, 0.5: middle, 1: end)"},
    {"barBandPaddingInner", "Default inner padding of band scales for bars (0-1)"},
    {"base", "Base of the logarithm (log scale) or of the bin steps"},
    {"binned", "The data is already binned"},
    {"bottom", "Padding below, in px"},
    {"clamp", "Clamp values outside the domain to the range"},
    {"clip", "Clip the mark to the plot area"},
    {"color", "Colour"},
    {"column", "Columns"},
    {"columns", "Number of columns"},
    {"condition", "A value or field used when the condition holds"},
    {"config", "Chart-wide defaults (axes, legends, marks, view, scales, titles)"},
    {"constant", "Constant of a symlog scale (the linear part around zero)"},
    {"continuousHeight", "Default height of a view with a continuous y, in px"},
    {"continuousWidth", "Default width of a view with a continuous x, in px"},
    {"cornerRadius", "Corner radius of bars and rects, in px"},
    {"cornerRadiusEnd", "Corner radius at the end of a bar (away from the baseline), in px"},
    {"data", "The data: inline values, a url of a CSV/TSV/JSON file beside the spec, or a sequence"},
    {"default", "Value for rows with no match"},
    {"delimiter", "Field separator of a dsv file"},
    {"description", "Description of the chart (kept in SVG as <desc>)"},
    {"direction", "Direction the legend's entries run in"},
    {"discreteHeight", "Default height of a view with a discrete y, in px"},
    {"discreteWidth", "Default width of a view with a discrete x, in px"},
    {"divide", "Allowed divisors of the bin step"},
    {"domain", "Whether to draw the axis line"},
    {"domainColor", "Colour of the axis line"},
    {"domainOpacity", "Opacity of the axis line"},
    {"domainWidth", "Width of the axis line, in px"},
    {"encoding", "Which data fields or values drive which visual channels"},
    {"exponent", "Exponent of a pow scale"},
    {"extent", "Range of values to bin: [min, max]"},
    {"field", "The data field"},
    {"fill", "Fill colour"},
    {"fillOpacity", "Fill opacity (0-1)"},
    {"filled", "Whether points and shapes are filled"},
    {"fontSize", "Font size, in px"},
    {"format", "How to read the data file (type, parse, ...)"},
    {"formatType", "How format reads: number, time or utc"},
    {"frame", "Window frame: [rows before, rows after] (null: unbounded)"},
    {"from", "The secondary data to look up in, and its key"},
    {"gradientLength", "Length of a colour gradient legend, in px"},
    {"grid", "Whether to draw grid lines"},
    {"gridColor", "Colour of grid lines"},
    {"gridOpacity", "Opacity of grid lines"},
    {"gridWidth", "Width of grid lines, in px"},
    {"groupby", "Fields to group by"},
    {"header", "Defaults for facet headers"},
    {"headerColumn", "Defaults for column facet headers"},
    {"headerFacet", "Defaults for wrapped facet headers"},
    {"headerRow", "Defaults for row facet headers"},
    {"ignorePeers", "Ignore rows that sort equal when framing the window"},
    {"innerRadius", "Inner radius of arcs (a donut), in px"},
    {"interpolate", "Line and area interpolation (linear, monotone, step, ...)"},
    {"labelAngle", "Rotation of labels, in degrees"},
    {"labelColor", "Colour of labels"},
    {"labelFontSize", "Font size of labels, in px"},
    {"labelFontWeight", "Font weight of labels"},
    {"labelLimit", "Longest label, in px (longer ones are shortened with an ellipsis)"},
    {"labelOpacity", "Opacity of labels"},
    {"labelPadding", "Space between ticks and labels, in px"},
    {"labels", "Whether to draw labels"},
    {"layer", "Fields to repeat over in layers"},
    {"left", "Padding on the left, in px"},
    {"legend", "Legend settings (null: no legend)"},
    {"limit", "Most groups to pivot into columns"},
    {"mark", "Defaults for every mark"},
    {"maxbins", "Most bins"},
    {"minstep", "Smallest bin step"},
    {"name", "Name of the view"},
    {"nice", "Extend the bins to nice round values"},
    {"offset", "Offset"},
    {"op", "Aggregate operation (sum, mean, count, ...)"},
    {"opacity", "Opacity (0-1)"},
    {"order", "Sort order: ascending or descending"},
    {"orient", "Orientation or side"},
    {"outerRadius", "Outer radius of arcs, in px"},
    {"padAngle", "Angle between arcs, in radians"},
    {"padding", "Padding of a band or point scale (0-1)"},
    {"paddingInner", "Inner padding of a band scale (0-1)"},
    {"paddingOuter", "Outer padding of a band scale (0-1)"},
    {"parse", "Type of each field (number, boolean, date, or date:'format')"},
    {"pointPadding", "Default padding of point scales (0-1)"},
    {"property", "JSON property holding the rows"},
    {"radius", "Radius of arcs, in px"},
    {"radiusOffset", "Offset added to the radius, in px"},
    {"range", "Default colour ranges (category, ordinal, ramp, ...)"},
    {"rectBandPaddingInner", "Default inner padding of band scales for rects (0-1)"},
    {"repeat", "Which repeated field: row, column, repeat or layer"},
    {"resolve", "Whether scales, axes and legends are shared or independent across views"},
    {"reverse", "Reverse the scale's direction"},
    {"right", "Padding on the right, in px"},
    {"row", "Rows"},
    {"scale", "Scale settings (null: the field's values as they are)"},
    {"scheme", "Name of a colour scheme"},
    {"shape", "Point shape (circle, square, triangle, ...)"},
    {"size", "Size (point area in px², bar width or line width)"},
    {"sort", "Sort order of the rows"},
    {"step", "Exact bin step"},
    {"steps", "Allowed bin steps"},
    {"stroke", "Stroke colour"},
    {"strokeDash", "Stroke dash pattern, [dash, gap, ...] in px"},
    {"strokeOpacity", "Stroke opacity (0-1)"},
    {"strokeWidth", "Stroke width, in px"},
    {"style", "Named mark styles"},
    {"subtitle", "Subtitle text"},
    {"subtitleColor", "Colour of the subtitle"},
    {"subtitleFontSize", "Font size of the subtitle, in px"},
    {"symbolSize", "Area of legend symbols, in px²"},
    {"symbolStrokeWidth", "Stroke width of legend symbols, in px"},
    {"symbolType", "Shape of legend symbols"},
    {"text", "Text"},
    {"theta", "Angle, in radians"},
    {"thickness", "Thickness of tick marks, in px"},
    {"tickCount", "About how many ticks"},
    {"tickOpacity", "Opacity of ticks"},
    {"tickWidth", "Width of ticks, in px"},
    {"ticks", "Whether to draw ticks"},
    {"title", "Defaults for chart titles"},
    {"titleColor", "Colour of the title"},
    {"titleFontSize", "Font size of the title, in px"},
    {"titleFontWeight", "Font weight of the title"},
    {"titleOpacity", "Opacity of the title"},
    {"titleOrient", "Side of the legend its title is on"},
    {"top", "Padding above, in px"},
    {"unit", "Time unit (year, month, date, ...)"},
    {"usermeta", "Any data for other tools; huitu ignores it"},
    {"value", "Field whose values fill the pivoted columns"},
    {"view", "Defaults for views (size, background, stroke)"},
    {NULL, NULL}};

static const char *vl_words_find(const vl_words *w, const char *name) {
  for (; w->name; w++)
    if (!strcmp(w->name, name)) return w->help;
  return NULL;
}

/* The description of key k in table t. */
static void vl_describe(jw *w, const vl_table *t, const vl_key *k) {
  if (k->help) {
    jw_kstr(w, "description", k->help);
    return;
  }
  const char *def = t->def ? t->def : "", *h;
  char line[200];
  if (!strcmp(def, "encoding") && (h = vl_words_find(vl_channel_words, k->name))) {
    snprintf(line, sizeof line, "%s: a field, or a constant value", h);
  } else if (!strncmp(def, "chart-resolve-", 14)) {
    snprintf(line, sizeof line, "Whether the %s %s is shared or independent across views", k->name, def + 14);
  } else if (!strcmp(def, "chart-resolve")) {
    snprintf(line, sizeof line, "Which %ss are shared or independent across views", k->name);
  } else if (!strcmp(def, "chart-config") && (h = vl_words_find(vl_mark_kinds, k->name))) {
    snprintf(line, sizeof line, "Defaults for %s marks", h);
  } else if (!strcmp(def, "chart-config") && !strncmp(k->name, "axis", 4)) {
    /* axisX, axisYBand, axisLeft, axisTemporal, ... */
    const char *rest = k->name + 4, *dir = "";
    if (*rest == 'X' || *rest == 'Y') dir = *rest++ == 'X' ? "x " : "y ";
    if (!strcmp(rest, "Left") || !strcmp(rest, "Right") || !strcmp(rest, "Top") || !strcmp(rest, "Bottom"))
      snprintf(line, sizeof line, "Defaults for axes on the %c%s", rest[0] + 32, rest + 1);
    else if (*rest)
      snprintf(line, sizeof line, "Defaults for %saxes of %c%s scales", dir, rest[0] + 32, rest + 1);
    else
      snprintf(line, sizeof line, "Defaults for %saxes", *dir ? dir : "all ");
  } else if (!strcmp(def, "chart-sort") && !strcmp(k->name, "encoding")) {
    snprintf(line, sizeof line, "Sort by the values of this encoding channel");
  } else if (!strcmp(k->name, "offset") && !strcmp(def, "transform-stack")) {
    snprintf(line, sizeof line, "How to stack: zero, center or normalize");
  } else if (!strcmp(k->name, "offset") && !strcmp(def, "chart-config-legend")) {
    snprintf(line, sizeof line, "Space between the legend and the plot, in px");
  } else if (!strcmp(def, "chart-config-mark") && (h = vl_words_find(vl_words_by_name, k->name))) {
    snprintf(line, sizeof line, "Default for every mark: %s", h);
  } else if (!strcmp(def, "chart-facet") || !strcmp(def, "chart-repeat") || !strcmp(def, "chart-spacing")) {
    snprintf(line, sizeof line, "%s %s", !strcmp(def, "chart-spacing") ? "Space between" : "Facet or repeat into",
             !strcmp(k->name, "row") ? "rows" : "columns");
  } else if ((h = vl_words_find(vl_words_by_name, k->name))) {
    snprintf(line, sizeof line, "%s", h);
  } else {
    return; /* tests/eco_schema.py counts these: none today */
  }
  jw_kstr(w, "description", line);
}

static void vl_table_schema(jw *w, const vl_table *t) {
  if (t->help) jw_kstr(w, "description", t->help);
  jw_kstr(w, "type", "object");
  if (t->kinds) {
    /* Exactly one kind: each kind's own key is required and the others'
     * are unknown to it. */
    jw_key(w, "oneOf");
    jw_begin(w, '[');
    for (int i = 0; t->kinds[i]; i++) {
      jw_sep(w);
      jw_begin(w, '{');
      vl_ref(w, t->kinds[i]);
      jw_end(w, '}');
    }
    jw_end(w, ']');
    return;
  }
  jw_key(w, "properties");
  jw_begin(w, '{');
  const char *req[32];
  int nreq = 0;
  for (int i = 0; i < t->n; i++) {
    const vl_key *k = &t->keys[i];
    if (t->nested && (k->flags & VLF_TOP)) continue;
    jw_key(w, k->name);
    jw_begin(w, '{');
    vl_describe(w, t, k);
    if (k->def) {
      jw_key(w, "$ref");
      buf_printf(w->b, "\"#/$defs/%s\"", k->def);
    } else {
      vl_value(w, k);
    }
    jw_end(w, '}');
    if ((k->flags & VLF_REQUIRED) && nreq < 32) req[nreq++] = k->name;
  }
  jw_end(w, '}');
  if (nreq) jw_kstrs(w, "required", req, nreq);
  if (t->one_of_keys) {
    jw_key(w, "anyOf");
    jw_begin(w, '[');
    for (int i = 0; t->one_of_keys[i]; i++) {
      char raw[96];
      snprintf(raw, sizeof raw, "{\"required\": [\"%s\"]}", t->one_of_keys[i]);
      jw_item_raw(w, raw);
    }
    jw_end(w, ']');
  }
  if (!t->open) jw_kraw(w, "additionalProperties", "false");
}

/* $defs for the chart: every table, and every shared key shape. */
static void put_vl_defs(jw *w) {
  vl_defs D = {{0}, 0, {0}, 0};
  vl_collect(&D, &vl_spec_table);
  for (int i = 0; i < D.ntables; i++) {
    jw_key(w, D.tables[i]->def);
    jw_begin(w, '{');
    vl_table_schema(w, D.tables[i]);
    jw_end(w, '}');
  }
  for (int i = 0; i < D.nkeys; i++) {
    jw_key(w, D.keys[i]->def);
    jw_begin(w, '{');
    if (!strcmp(D.keys[i]->def, "chart-size")) {
      /* A chart's width and height also take a length with a unit, as
       * page sizes do (vl_spec.c parse_size). */
      jw_key(w, "anyOf");
      jw_begin(w, '[');
      jw_sep(w);
      jw_begin(w, '{');
      vl_value(w, D.keys[i]);
      jw_end(w, '}');
      jw_item_raw(w, "{\"$ref\": \"#/$defs/length-with-unit\"}");
      jw_end(w, ']');
    } else {
      vl_value(w, D.keys[i]);
    }
    jw_end(w, '}');
  }
}

char *schema_json(void) {
  buf b = {0};
  jw w = {&b, 0, {1}};
  jw_begin(&w, '{');
  jw_kstr(&w, "$schema", "https://json-schema.org/draft/2020-12/schema");
  jw_kstr(&w, "title", "huitu spec");
  jw_kstr(&w, "description",
          "A huitu figure: a page of blocks (text, kpi, chart, compare, ...), or a standalone Vega-Lite chart. "
          "Generated by `huitu schema` from the parser's key tables (huitu " HUITU_VERSION "); do not edit.");
  /* A standalone Vega-Lite file: as chart_is_vega_lite() decides. */
  jw_key(&w, "if");
  jw_begin(&w, '{');
  jw_key(&w, "anyOf");
  jw_begin(&w, '[');
  jw_item_raw(&w, "{\"required\": [\"$schema\"], \"properties\": {\"$schema\": {\"description\": \"A Vega-Lite schema URL\", "
                  "\"type\": \"string\", \"pattern\": \"vega-lite\"}}}");
  {
    buf kinds = {0};
    buf_puts(&kinds, "{\"not\": {\"required\": [\"blocks\"]}, \"anyOf\": [");
    for (int i = 0; vl_spec_table.one_of_keys[i]; i++)
      buf_printf(&kinds, "%s{\"required\": [\"%s\"]}", i ? ", " : "", vl_spec_table.one_of_keys[i]);
    buf_puts(&kinds, "]}");
    buf_putc(&kinds, 0);
    jw_item_raw(&w, kinds.data);
    buf_free(&kinds);
  }
  jw_end(&w, ']');
  jw_end(&w, '}');
  jw_kref(&w, "then", vl_spec_table.def);
  jw_kref(&w, "else", "document");

  jw_key(&w, "$defs");
  jw_begin(&w, '{');

  jw_key(&w, "document");
  jw_begin(&w, '{');
  jw_kstr(&w, "description", "A page: title, subtitle, blocks in a grid, note and source");
  put_table(&w, &doc_keys, NULL, NULL, NULL);
  jw_end(&w, '}');
  put_table_def(&w, &page_keys, "Page size, background, language and margins");
  put_table_def(&w, &layout_keys, "The grid blocks flow into");
  put_table_def(&w, &masthead_keys, "The title, subtitle and a kicker on a colour field across the page's top edge");
  put_table_def(&w, &theme_keys, "Theme overrides: a base theme and colours or sizes to change");
  put_table_def(&w, &timeline_item_keys, "A milestone or step of a timeline or steps block");
  put_table_def(&w, &ranking_item_keys, "A ranked thing of a ranking block");
  put_table_def(&w, &callout_target_keys, "One mark of a chart a callout's arrow ends on");

  put_block_union(&w);
  for (int i = 0; i < block_type_count; i++) put_block_def(&w, &block_types[i]);
  for (int i = 0; i < block_type_count; i++) put_block_content(&w, &block_types[i]);

  jw_key(&w, "text");
  jw_begin(&w, '{');
  jw_kstr(&w, "description", "Text (a plain number is taken as its digits)");
  jw_kraw(&w, "type", "[\"string\", \"number\", \"boolean\"]");
  jw_end(&w, '}');
  jw_key(&w, "color");
  jw_begin(&w, '{');
  jw_kstr(&w, "description", "A colour: #rgb, #rrggbb, #rrggbbaa, a CSS colour name, or none");
  jw_kstr(&w, "type", "string");
  jw_kstr(&w, "pattern", "^(#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[A-Za-z]+)$");
  jw_end(&w, '}');
  jw_key(&w, "length-with-unit");
  jw_begin(&w, '{');
  jw_kstr(&w, "description", "A length with a unit: 12px, 210mm, 2.5cm, 10pt, 1in (96 px to the inch)");
  jw_kstr(&w, "type", "string");
  jw_kstr(&w, "pattern", "^[+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)? *(px|mm|cm|pt|in)?$");
  jw_end(&w, '}');
  put_vl_defs(&w);

  jw_end(&w, '}');
  jw_end(&w, '}');
  buf_putc(&b, '\n');
  buf_putc(&b, 0);
  return b.data;
}
