/* The Vega-Lite keys huitu knows, as tables: the chart validator
 * (vl_spec*.c, data.c, transform.c) checks specs against them and
 * `huitu schema` (model/schema.c) describes them, so the JSON Schema can
 * never fall behind the validator.
 *
 * A table is the keys one mapping may have (a view, a mark definition, an
 * encoding, a channel definition, a scale, ...), plus the keys Vega-Lite
 * has there that huitu does not support (an error naming them; the schema
 * leaves them out).  A key says which JSON types the validator accepts for
 * its value; 0 means the validator does not check it (the value is passed
 * through or ignored on a static chart). */
#ifndef HUITU_SPEC_VL_KEYS_H
#define HUITU_SPEC_VL_KEYS_H

/* JSON types of a value. */
enum {
  VLV_STRING = 1,
  VLV_NUMBER = 2,
  VLV_BOOL = 4,
  VLV_NULL = 8,
  VLV_ARRAY = 16,
  VLV_OBJECT = 32,
  VLV_SCALAR = VLV_STRING | VLV_NUMBER | VLV_BOOL,
  VLV_TITLE = VLV_SCALAR | VLV_NULL | VLV_ARRAY, /* text, lines of text, or null */
};

enum {
  VLF_REQUIRED = 1,      /* the mapping must have it */
  VLF_TOP = 2,           /* only at the top level of a spec (not in layer, concat, facet spec, ...) */
  VLF_COLOR = 4,         /* a string is a colour ("#4c78a8", a CSS name) */
  VLF_UTC = 8,           /* time units: enum names may also be written with a "utc" prefix, those from
                            * year on with "binned" or "binnedutc" (Vega-Lite's binned time units) */
  VLF_SORT_CHANNEL = 16, /* besides enums: an encoding channel name, or "-" and one (sort by it, descending) */
  VLF_MIN_EXCLUSIVE = 32, /* numbers must be > min (and min applies even when 0) */
  VLF_NONEMPTY = 64,      /* a list needs at least one item */
};

typedef struct vl_table vl_table;

typedef struct vl_key {
  const char *name;
  unsigned types;            /* VLV_* accepted; 0 = not checked */
  const char *const *enums;  /* NULL-terminated: the strings allowed (empty names are placeholders) */
  const vl_table *sub;       /* the keys of a mapping value */
  const vl_table *alt;       /* a second form of mapping value (facet: {row, column} or a channel) */
  const vl_table *items;     /* the items of a list value, when they are mappings */
  unsigned item_types;       /* the JSON types of a list's items, when not mappings */
  double min, max;           /* numbers: min applies when nonzero or VLF_MIN_EXCLUSIVE, max when nonzero */
  int flags;                 /* VLF_* */
  const char *def;           /* the schema's $defs name for this key's value shape (shared), or NULL */
  const char *help;          /* one line for the schema's description */
} vl_key;

struct vl_table {
  const char *name;                /* in messages: "unknown key 'x' in a scale" */
  const char *def;                 /* the schema's $defs name */
  const vl_key *keys;
  int n;
  const char *const *unsupported;  /* Vega-Lite keys huitu rejects as not supported */
  const char *const *one_of_keys;  /* the mapping needs at least one of these (NULL-terminated) */
  const vl_table *const *kinds;    /* a union: exactly one of these tables (transforms), NULL-terminated */
  int nested;                      /* the schema leaves out VLF_TOP keys (a view inside another view) */
  int open;                        /* other keys are not checked (passed through) */
  const char *help;
  const char *why;                 /* why an unsupported key is (NULL: a static chart cannot) */
  const char *const *not_drawn;    /* more unsupported keys, whose why is that huitu does not draw them yet */
};
/* The why of keys huitu does not draw yet. */
#define VL_NOT_DRAWN "huitu does not draw this setting yet"

/* A whole spec (top level) and a view inside another. */
extern const vl_table vl_spec_table, vl_view_table;
extern const vl_table vl_projection_table;
extern const vl_table vl_mark_table, vl_encoding_table, vl_channel_table, vl_scale_table, vl_axis_table,
    vl_legend_table, vl_sort_table, vl_bin_table, vl_condition_table, vl_repeat_ref_table, vl_size_table,
    vl_title_table, vl_facet_table, vl_repeat_table, vl_config_table, vl_data_table, vl_format_table,
    vl_transform_table, vl_timeunit_table, vl_config_axis_table, vl_config_legend_table, vl_config_mark_table,
    vl_config_view_table, vl_view_bg_table, vl_config_range_table, vl_config_title_table, vl_autosize_table,
    vl_resolve_table, vl_resolve_scale_table, vl_resolve_axis_table, vl_resolve_legend_table, vl_scheme_ref_table,
    vl_cond_color_table, vl_expr_ref_table, vl_config_scale_table, vl_padding_table, vl_header_table,
    vl_spacing_table, vl_config_header_table, vl_impute_table, vl_impute_seq_table, vl_composite_mark_table,
    vl_param_table, vl_select_table, vl_config_composite_table, vl_config_scale_invalid_table,
    vl_scale_invalid_value_table;
/* Transform kinds, in the order transform.c dispatches on; the first key
 * of each is the kind's own key. */
enum { VLT_FILTER, VLT_CALCULATE, VLT_AGGREGATE, VLT_JOINAGGREGATE, VLT_WINDOW, VLT_FOLD, VLT_PIVOT, VLT_BIN,
       VLT_TIMEUNIT, VLT_LOOKUP, VLT_FLATTEN, VLT_STACK, VLT_IMPUTE, VLT_LAST };
extern const vl_table *const vl_transform_kinds[VLT_LAST + 1];

/* Mark types (index = MK_*), aggregate ops (AG_*, then the alias
 * "average"), time units (TU_*), field types (TY_*), scale types (SCL_*):
 * NULL-terminated; index 0 of aggregates, time units and field types is a
 * placeholder "".  The channels are vl_encoding_table's keys (CH_*). */
extern const char *const vl_mark_names[];
extern const char *const vl_mark_unsupported[];
extern const char *const vl_composite_mark_names[];
extern const char *const vl_composite_part_styles[];
extern const char *const vl_agg_names[];
extern const char *const vl_timeunit_names[];
extern const char *const vl_type_names[];
extern const char *const vl_scale_types[];

/* A key of t by name, or NULL. */
const vl_key *vl_table_key(const vl_table *t, const char *name);
/* The names of t's keys (of a union: its kinds' own keys) into out,
 * NULL-terminated; returns how many. */
int vl_table_names(const vl_table *t, const char **out, int cap);
/* 1 when name is in the NULL-terminated list. */
int vl_in_list(const char *name, const char *const *list);

#endif
