/* Data loading: inline values, CSV/TSV/DSV/JSON files, type inference,
 * format.parse, and every refusal of the path guard (exact messages). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "data/csv.h"
#include "data/data.h"
#include "testing.h"

static arena *A;
static char dir[256];    /* temp folder: the "spec's folder" */
static char outside[256]; /* a sibling folder outside it */
static char err_text[2048];

static void write_file(const char *folder, const char *name, const char *data, size_t len) {
  testing_write_file(folder, name, data, len);
}
#define WRITE(name, s) write_file(dir, name, s, sizeof(s) - 1)

static const spec_node *parse(const char *yaml, spec_doc *doc) {
  diag_list d = {0};
  *doc = (spec_doc){0};
  doc->arena = A;
  doc->path = "t.yaml";
  doc->root = spec_parse(A, "t.yaml", yaml, strlen(yaml), &d);
  if (d.n) fprintf(stderr, "yaml: %s\n", d.items[0].message);
  diag_clear(&d);
  return doc->root;
}

/* Load `data:` from yaml; errors formatted into err_text (first one). */
static dtable *load_opts(const char *yaml, const data_opts *opts) {
  spec_doc doc;
  const spec_node *root = parse(yaml, &doc);
  diag_list d = {0};
  dtable *t = data_load_ex(&doc, spec_map_get(root, "data"), dir, opts, A, &d);
  err_text[0] = 0;
  if (d.n) diag_format(&d.items[0], err_text, sizeof err_text);
  if (t && d.errors) {
    fprintf(stderr, "table returned with errors: %s\n", err_text);
    t = NULL;
  }
  if (!t && !d.n) snprintf(err_text, sizeof err_text, "(NULL without a diagnostic)");
  diag_clear(&d);
  return t;
}
static dtable *load(const char *yaml) { return load_opts(yaml, NULL); }

static const cell *at(const dtable *t, int r, const char *col) {
  static const cell none = {.type = EXPR_NULL};
  int c = dtable_col(t, col);
  if (c < 0 || r >= t->nrows) {
    fprintf(stderr, "no cell %d/%s\n", r, col);
    return &none;
  }
  return dtable_row(t, r) + c;
}
#define NUM(t, r, c) (at(t, r, c)->type == EXPR_NUM ? at(t, r, c)->num : NAN)
#define STR(t, r, c) (at(t, r, c)->type == EXPR_STR ? at(t, r, c)->str : "(not a string)")
#define TYPE(t, r, c) (at(t, r, c)->type)

static void expect_error(const char *yaml, const char *want) {
  dtable *t = load(yaml);
  CHECK(t == NULL);
  CHECK_STR(err_text, want);
}

static void test_inline(void) {
  dtable *t = load("data:\n  values:\n    - {a: 1, b: x, c: true}\n    - {a: 2.5, b: '7', d: null}\n");
  CHECK(t && t->nrows == 2 && t->ncols == 4);
  if (!t) return;
  CHECK_NEAR(NUM(t, 0, "a"), 1, 0);
  CHECK_NEAR(NUM(t, 1, "a"), 2.5, 0);
  CHECK_STR(STR(t, 0, "b"), "x");
  CHECK_STR(STR(t, 1, "b"), "7"); /* quoted: stays a string */
  CHECK(TYPE(t, 0, "c") == EXPR_BOOL && at(t, 0, "c")->boolean == 1);
  CHECK(TYPE(t, 1, "c") == EXPR_NULL); /* missing in row 2 */
  CHECK(TYPE(t, 1, "d") == EXPR_NULL);
  t = load("data:\n  values: [3, 1, 2]\n");
  CHECK(t && t->nrows == 3 && dtable_col(t, "data") == 0 && NUM(t, 2, "data") == 2);
  /* Inline CSV text. */
  t = load("data:\n  values: \"k,v\\n a,1\\nb,2\\n\"\n  format: {type: csv}\n");
  CHECK(t && t->nrows == 2 && NUM(t, 1, "v") == 2);
  if (REQUIRED(t)) CHECK_STR(STR(t, 0, "k"), " a");
  t = load("data:\n  sequence: {start: 0, stop: 1, step: 0.25, as: x}\n");
  CHECK(t && t->nrows == 4 && NUM(t, 3, "x") == 0.75);
  expect_error("data:\n  values: {a: 1}\n", "t.yaml:2:11: error: 'values' must be a list of rows, found a mapping");
  expect_error("data:\n  values:\n    - [1, 2]\n",
               "t.yaml:3:7: error: a data row must be a mapping (or a single value), found a list");
  expect_error("data:\n  valeus: []\n", "t.yaml:2:3: error: unknown key 'valeus' in data (did you mean 'values'?)");
  expect_error("data: 5\n", "t.yaml:1:7: error: 'data' must be a mapping with 'values' or 'url', found the number 5");
  expect_error("data: {}\n",
               "t.yaml:1:7: error: 'data' needs 'values' (inline rows) or 'url' (a local CSV, TSV or JSON file)");
  expect_error("data: {name: table}\n", "t.yaml:1:14: error: named data ('table') is not supported: give 'values' or 'url'");
  expect_error("data:\n  values: \"a,\\\"b\\n1,2\"\n  format: {type: csv}\n",
               "t.yaml:2:11: error: inline CSV, line 1: unterminated quoted field (the quote opens here)");
}

static void test_table(void) {
  dtable *t = dtable_new(A);
  int a = dtable_add_col(t, "a"), b = dtable_add_col(t, "b");
  for (int i = 0; i < 3; i++) {
    cell *r = dtable_add_row(t);
    r[a] = (cell){.type = EXPR_NUM, .num = i};
    r[b] = (cell){.type = EXPR_STR, .str = "x"};
  }
  dtable_reserve(t, 100, 20); /* widen with rows present */
  CHECK(t->capcols == 20 && t->caprows == 100 && t->nrows == 3);
  CHECK(NUM(t, 2, "a") == 2 && !strcmp(STR(t, 1, "b"), "x"));
  int c = dtable_add_col(t, "c");
  CHECK(c == 2 && TYPE(t, 0, "c") == EXPR_NULL);
  cell v = {.type = EXPR_NUM, .num = 1e21};
  CHECK_STR(cell_string(&v, A), "1e+21");
  v.num = 123456789012345680000.0;
  CHECK_STR(cell_string(&v, A), "123456789012345680000");
  v.num = 0.000001;
  CHECK_STR(cell_string(&v, A), "0.000001");
  v.num = 1e-7;
  CHECK_STR(cell_string(&v, A), "1e-7");
  v.num = -2.5;
  CHECK_STR(cell_string(&v, A), "-2.5");
}

static void test_csv_basic(void) {
  WRITE("basic.csv", "a,b,c,d\n1,x,true,2019-09-11\n-2.5,y,false,2020-01-01\n1e3,,true,\n");
  dtable *t = load("data: {url: basic.csv}\n");
  CHECK(t && t->nrows == 3 && t->ncols == 4 && t->capcols == 4);
  if (!t) return;
  CHECK_NEAR(NUM(t, 0, "a"), 1, 0);
  CHECK_NEAR(NUM(t, 1, "a"), -2.5, 0);
  CHECK_NEAR(NUM(t, 2, "a"), 1000, 0);
  CHECK_STR(STR(t, 0, "b"), "x");
  CHECK(TYPE(t, 2, "b") == EXPR_NULL); /* empty -> null */
  CHECK(TYPE(t, 1, "c") == EXPR_BOOL && at(t, 1, "c")->boolean == 0);
  CHECK_STR(STR(t, 0, "d"), "2019-09-11"); /* dates stay strings without parse */
  CHECK(TYPE(t, 2, "d") == EXPR_NULL);
  /* A column with one non-number stays strings. */
  WRITE("mixed.csv", "v\n1\n2\nthree\n");
  t = load("data: {url: mixed.csv}\n");
  CHECK(t && TYPE(t, 0, "v") == EXPR_STR);
}

/* The CSV file `name` holding `text`: its load fails with an error
 * located in it, "<dir>/<name>:<want>". */
static void expect_file_error(const char *name, const char *text, const char *want) {
  char expected[1024];
  write_file(dir, name, text, strlen(text));
  char yaml[300];
  snprintf(yaml, sizeof yaml, "data: {url: %s}\n", name);
  CHECK(!load(yaml));
  snprintf(expected, sizeof expected, "%s/%s:%s", dir, name, want);
  CHECK_STR(err_text, expected);
}

static void test_csv_edges(void) {
  /* BOM, quotes with delimiters, doubled quotes, CRLF, embedded CRLF and LF,
   * empty lines and a line of spaces, an empty last field, UTF-8 names. */
  WRITE("edge.csv", "\xEF\xBB\xBFname,note,n\r\n"
                    "\"Smith, J\",\"He said \"\"hi\"\"\",1\r\n"
                    "\r\n"
                    "\"multi\r\nline\",\"a\nb\",2\r\n"
                    "\n"
                    "苏州,short,\r\n"
                    "   \r\n"
                    "x,y,3\r\n"
                    "\"\",\"\",\"4\"");
  dtable *t = load("data: {url: edge.csv}\n");
  CHECK(t && t->nrows == 5 && t->ncols == 3);
  if (!t) return;
  CHECK(dtable_col(t, "name") == 0); /* BOM not part of the name */
  CHECK_STR(STR(t, 0, "name"), "Smith, J");
  CHECK_STR(STR(t, 0, "note"), "He said \"hi\"");
  CHECK_STR(STR(t, 1, "name"), "multi\r\nline");
  CHECK_STR(STR(t, 1, "note"), "a\nb");
  CHECK_STR(STR(t, 2, "name"), "苏州");
  CHECK(TYPE(t, 2, "n") == EXPR_NULL); /* empty last field */
  CHECK_NEAR(NUM(t, 3, "n"), 3, 0);
  CHECK(TYPE(t, 4, "name") == EXPR_NULL);
  CHECK_NEAR(NUM(t, 4, "n"), 4, 0); /* quoted numbers are numbers, as in d3 */
  /* Header only; empty file. */
  WRITE("hdr.csv", "a,b\n");
  t = load("data: {url: hdr.csv}\n");
  CHECK(t && t->nrows == 0 && t->ncols == 2);
  WRITE("empty.csv", "");
  t = load("data: {url: empty.csv}\n");
  CHECK(t && t->nrows == 0 && t->ncols == 0);
  /* Trailing delimiter: an empty last field. */
  WRITE("trail.csv", "a,b\n1,\n");
  t = load("data: {url: trail.csv}\n");
  CHECK(t && t->nrows == 1 && TYPE(t, 0, "b") == EXPR_NULL);
  /* Errors inside the file are located in the file. */
  char want[600];
  /* A row of another width is an error (d3-dsv pads or drops: an unquoted
   * 85,055 became 85); so is a column named twice. */
  expect_file_error("long.csv", "年份,床位\n2012,38487\n2019,85,055\n",
                    "3:9: error: this row has 3 fields but the header has 2: is 85,055 one number? a number with a "
                    "thousands separator must be quoted (\"85,055\") or written without it (85055)");
  expect_file_error("long2.csv", "a,b\nx,y,\"z, w\",v\n",
                    "2:5: error: this row has 4 fields but the header has 2: a field that holds ',' must be quoted");
  expect_file_error("short.csv", "年份,床位\n2012\n",
                    "2:5: error: this row has 1 field but the header has 2: an empty value is still written with its "
                    "',' (as in 2019,)");
  expect_file_error("dup.csv", "\n年份,床位,床位\n2012,1,2\n",
                    "2:7: error: the header names the column '床位' twice (columns 2 and 3)");
  WRITE("blanknames.csv", ",,a\n1,2,3\n"); /* unnamed columns may repeat: nothing refers to them */
  t = load("data: {url: blanknames.csv}\n");
  CHECK(t && t->nrows == 1 && NUM(t, 0, "a") == 3);
  /* Thousands separators in a CSV column of numbers, as Excel writes them. */
  WRITE("grouped.csv", "y,v,w\n2012,\"38,487\",\"1,234\"\n2019,\"1,085,055.5\",\"12,5\"\n");
  t = load("data: {url: grouped.csv}\n");
  if (REQUIRED(t)) {
    CHECK(NUM(t, 0, "v") == 38487 && NUM(t, 1, "v") == 1085055.5);
    CHECK_STR(STR(t, 1, "w"), "12,5"); /* a decimal comma: the column stays text */
  }
  /* Files in other encodings say which and how to convert them. */
  write_file(dir, "gbk.csv", "\xc4\xea\xb7\xdd,n\n2012,1\n", 14);
  t = load("data: {url: gbk.csv}\n");
  CHECK(!t);
  CHECK_STR(err_text, "t.yaml:1:13: error: 'gbk.csv' is not UTF-8 text: it looks like GBK (GB18030), as Excel saves "
                      "'CSV' on a Chinese Windows; save it as 'CSV UTF-8', or convert it: iconv -f GB18030 -t UTF-8");
  write_file(dir, "u16.csv", "\xff\xfe" "a\0,\0b\0\n\0", 10);
  t = load("data: {url: u16.csv}\n");
  CHECK(!t);
  CHECK_STR(err_text, "t.yaml:1:13: error: 'u16.csv' is UTF-16 text, not UTF-8 (as Excel saves 'Unicode Text'): save "
                      "it as 'CSV UTF-8', or convert it: iconv -f UTF-16 -t UTF-8");
  WRITE("unterminated.csv", "a,b\n1,2\n3,\"oops\n4,5\n");
  t = load("data: {url: unterminated.csv}\n");
  snprintf(want, sizeof want, "%s/unterminated.csv:3:3: error: unterminated quoted field (the quote opens here)",
           dir);
  CHECK(!t);
  CHECK_STR(err_text, want);
  WRITE("stray.csv", "a,b\n\"x\"y,2\n");
  t = load("data: {url: stray.csv}\n");
  snprintf(want, sizeof want,
           "%s/stray.csv:2:4: error: unexpected character after a closing quote: a quote inside a quoted field "
           "must be doubled (\"\")",
           dir);
  CHECK_STR(err_text, want);
  /* A field over LIMIT_STRING_BYTES. */
  size_t big = 70000;
  char *s = malloc(big + 16);
  memcpy(s, "a\nx", 3);
  memset(s + 3, 'y', big);
  s[big + 3] = '\n';
  write_file(dir, "bigfield.csv", s, big + 4);
  free(s);
  t = load("data: {url: bigfield.csv}\n");
  snprintf(want, sizeof want, "%s/bigfield.csv:2:1: error: a field is longer than 65536 bytes", dir);
  CHECK_STR(err_text, want);
}

static void test_formats(void) {
  WRITE("t.tsv", "a\tb\n1\tx y\n");
  dtable *t = load("data: {url: t.tsv}\n");
  CHECK(t && t->nrows == 1 && NUM(t, 0, "a") == 1);
  if (REQUIRED(t)) CHECK_STR(STR(t, 0, "b"), "x y");
  WRITE("pipe.txt", "a|b\n1|2,3\n");
  t = load("data:\n  url: pipe.txt\n  format: {type: dsv, delimiter: '|'}\n");
  CHECK(t && t->nrows == 1);
  if (REQUIRED(t)) CHECK_STR(STR(t, 0, "b"), "2,3");
  WRITE("csv.txt", "a,b\n1,2\n");
  t = load("data:\n  url: csv.txt\n  format: {type: csv}\n");
  CHECK(t && NUM(t, 0, "b") == 2);
  WRITE("rows.json", "[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\": \"2019-01-02\"}]");
  t = load("data: {url: rows.json}\n");
  CHECK(t && t->nrows == 2 && NUM(t, 1, "a") == 2);
  if (REQUIRED(t)) CHECK_STR(STR(t, 0, "b"), "x");
  WRITE("nested.json", "{\"result\": {\"rows\": [{\"v\": 10}, {\"v\": 20}]}}");
  t = load("data:\n  url: nested.json\n  format: {property: result.rows}\n");
  CHECK(t && t->nrows == 2 && NUM(t, 1, "v") == 20);
  expect_error("data:\n  url: nested.json\n", "t.yaml:2:8: error: 'nested.json' does not hold a list of rows (found a mapping)");
  expect_error("data:\n  url: nested.json\n  format: {property: result.cols}\n",
               "t.yaml:3:22: error: no property 'result.cols' in 'nested.json'");
  /* Inline values as an object, the rows at format.property (Vega-Lite's
   * test_subobject): nested keys become "a.b" columns, flat dotted keys too. */
  t = load("data:\n  values: {hits: {hits: [{src: {reco: 2}}, {src: {reco: 3}}]}}\n  format: {property: hits.hits}\n");
  CHECK(t && t->nrows == 2 && NUM(t, 1, "src.reco") == 3);
  t = load("data:\n  values: {hits: [{'src.reco': 5}]}\n  format: {property: hits}\n");
  CHECK(t && t->nrows == 1 && NUM(t, 0, "src.reco") == 5);
  expect_error("data:\n  values: {hits: [{a: 1}]}\n  format: {property: hist}\n",
               "t.yaml:3:22: error: no property 'hist' in 'values'");
  CHECK_STR(data_unescape_field(A, "src\\.reco"), "src.reco");
  CHECK_STR(data_unescape_field(A, "a\\\\b"), "a\\b");
  WRITE("broken.json", "[{\"a\": 1},\n {\"a\": ]");
  t = load("data: {url: broken.json}\n");
  CHECK(!t && strstr(err_text, "/broken.json:2:") != NULL);
  expect_error("data:\n  url: pipe.txt\n  format: {type: dsv}\n", "t.yaml:3:11: error: format type 'dsv' needs a 'delimiter'");
  expect_error("data:\n  url: pipe.txt\n  format: {type: csv, delimiter: '|'}\n",
               "t.yaml:3:34: error: 'delimiter' is only used with format type 'dsv'");
  expect_error("data:\n  url: pipe.txt\n  format: {type: xml}\n",
               "t.yaml:3:18: error: unknown format type 'xml' (expected csv, tsv, dsv, json or topojson)");
  expect_error("data:\n  url: pipe.txt\n  format: {tpye: csv}\n",
               "t.yaml:3:12: error: unknown key 'tpye' in format (did you mean 'type'?)");
  expect_error("data:\n  url: x.json\n  format: {type: json, feature: a}\n",
               "t.yaml:3:33: error: 'feature' and 'mesh' are only used with format type 'topojson'");
  expect_error("data:\n  url: x.json\n  format: {type: topojson}\n",
               "t.yaml:3:18: error: format type 'topojson' needs 'feature' or 'mesh' (the name of an object of the file)");
}

/* TopoJSON: two quantized, delta-encoded arcs meeting at (11, 21); a
 * polygon of both, a line of the first reversed. */
static void test_topojson(void) {
  WRITE("t.topo.json", "{\"type\":\"Topology\",\"transform\":{\"scale\":[0.5,0.5],\"translate\":[10,20]},"
                       "\"objects\":{\"shapes\":{\"type\":\"GeometryCollection\",\"geometries\":["
                       "{\"type\":\"Polygon\",\"arcs\":[[0,1]],\"id\":7,\"properties\":{\"name\":\"sq\"}},"
                       "{\"type\":\"LineString\",\"arcs\":[-1]}]}},"
                       "\"arcs\":[[[0,0],[2,0],[0,2]],[[2,2],[-2,0],[0,-2]]]}");
  dtable *t = load("data: {url: t.topo.json, format: {type: topojson, feature: shapes}}\n");
  REQUIRED(t && t->nrows == 2);
  CHECK(NUM(t, 0, "id") == 7);
  CHECK_STR(STR(t, 0, "properties.name"), "sq");
  CHECK_STR(STR(t, 0, "geometry"), "{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}");
  CHECK_STR(STR(t, 1, "geometry"), "{\"type\":\"LineString\",\"coordinates\":[[11,21],[11,20],[10,20]]}");
  t = load("data: {url: t.topo.json, format: {type: topojson, mesh: shapes}}\n");
  REQUIRED(t && t->nrows == 1);
  /* each arc once, the second continuing the first where it ends */
  CHECK_STR(STR(t, 0, "geometry"),
            "{\"type\":\"MultiLineString\",\"coordinates\":[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}");
  expect_error("data: {url: t.topo.json, format: {type: topojson, feature: states}}\n",
               "t.yaml:1:60: error: no object 'states' in 't.topo.json' (objects: shapes)");
  expect_error("data: {url: rows.json, format: {type: topojson, feature: a}}\n",
               "t.yaml:1:32: error: 'rows.json' is not TopoJSON (it has no 'objects' and 'arcs')");
  /* GeoJSON: a FeatureCollection is a row per feature, its geometry one cell */
  WRITE("fc.json", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                   "{\"name\":\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,-2]}}]}");
  t = load("data: {url: fc.json}\n");
  REQUIRED(t && t->nrows == 1);
  CHECK_STR(STR(t, 0, "properties.name"), "a");
  CHECK_STR(STR(t, 0, "geometry"), "{\"type\":\"Point\",\"coordinates\":[1.5,-2]}");
  CHECK(dtable_col(t, "geometry.coordinates[0]") < 0);
  /* generators */
  t = load("data: {sphere: true}\n");
  REQUIRED(t && t->nrows == 1);
  CHECK_STR(STR(t, 0, "geometry"), "{\"type\":\"Sphere\"}");
  t = load("data: {graticule: {step: [90, 90]}}\n");
  REQUIRED(t && t->nrows == 1);
  CHECK(strstr(STR(t, 0, "geometry"), "[[-180,-89.999999],[-180,-87.499999],") != NULL); /* a meridian every 2.5 */
  expect_error("data: {graticule: {step: [0, 10]}}\n", "t.yaml:1:26: error: graticule steps must be greater than 0");
}

static void test_parse(void) {
  WRITE("dates.csv", "when,month,n,flag,code\n2019-09-11,2019-09,007,yes,01\n2020-02-29T12:00:00Z,2020-12,,false,02\n");
  dtable *t = load("data:\n  url: dates.csv\n  format:\n    parse: {when: date, month: \"date:'%Y-%m'\", "
                   "flag: boolean, code: null}\n");
  CHECK(t && t->nrows == 2);
  if (!t) return;
  CHECK_NEAR(NUM(t, 0, "when"), 1568160000000.0, 0);        /* 2019-09-11T00:00Z */
  CHECK_NEAR(NUM(t, 1, "when"), 1582977600000.0, 0);        /* 2020-02-29T12:00Z */
  CHECK_NEAR(NUM(t, 0, "month"), 1567296000000.0, 0);       /* 2019-09-01 */
  CHECK_NEAR(NUM(t, 1, "month"), 1606780800000.0, 0);       /* 2020-12-01 */
  CHECK_NEAR(NUM(t, 0, "n"), 7, 0);                          /* inferred */
  CHECK(TYPE(t, 1, "n") == EXPR_NULL);
  CHECK(TYPE(t, 0, "flag") == EXPR_BOOL && at(t, 0, "flag")->boolean == 1);
  CHECK(at(t, 1, "flag")->boolean == 0);
  CHECK_STR(STR(t, 0, "code"), "01"); /* parse null: kept as text */
  /* Whole-format null: no inference at all. */
  t = load("data:\n  url: dates.csv\n  format: {parse: null}\n");
  CHECK(t && TYPE(t, 0, "n") == EXPR_STR);
  /* parse on inline values; a bad date stays text, for the chart's field
   * check to name (data_check.h) instead of a silent null. */
  t = load("data:\n  values: [{d: '2019-13-01'}, {d: '2019/09/11'}, {d: 'Sep 2019'}]\n  format:\n"
           "    parse: {d: date}\n");
  CHECK(t && TYPE(t, 0, "d") == EXPR_STR && NUM(t, 1, "d") == 1568160000000.0 && TYPE(t, 2, "d") == EXPR_STR);
  t = load("data:\n  values: [{d: 'Sep 2019'}, {d: '11/09/19'}]\n  format:\n"
           "    parse: {d: \"date:'%b %Y'\"}\n");
  CHECK(t && NUM(t, 0, "d") == 1567296000000.0 && TYPE(t, 1, "d") == EXPR_STR);
  expect_error("data:\n  url: dates.csv\n  format:\n    parse: {wen: date}\n",
               "t.yaml:4:13: error: no field 'wen' in the data (did you mean 'when'?); fields are: when, month, n, "
               "flag, code");
  expect_error("data:\n  url: dates.csv\n  format:\n    parse: {when: datetime}\n",
               "t.yaml:4:19: error: unknown parse type 'datetime' for field 'when' (expected number, boolean, date, "
               "date:'<format>', string or null)");
  double ms;
  CHECK(data_parse_date("2019-09-11T10:20:30.5+08:00", NULL, &ms) == 0 && ms == 1568168430500.0);
  CHECK(data_parse_date("12/31/1999 11:59 PM", "%m/%d/%Y %I:%M %p", &ms) == 0 && ms == 946684740000.0);
  CHECK(data_parse_date("2019-02-29", NULL, &ms) == -1);
  CHECK(data_parse_date("2019", NULL, &ms) == 0 && ms == 1546300800000.0);
}

static void test_security(void) {
  char want[800];
  expect_error("data: {url: 'http://example.com/x.csv'}\n",
               "t.yaml:1:13: error: network access is disabled: huitu reads only local files "
               "('http://example.com/x.csv')");
  expect_error("data: {url: 'HTTPS://example.com/x.csv'}\n",
               "t.yaml:1:13: error: network access is disabled: huitu reads only local files "
               "('HTTPS://example.com/x.csv')");
  expect_error("data: {url: 'file:///etc/passwd'}\n",
               "t.yaml:1:13: error: 'file:///etc/passwd' is not a local file path: huitu reads only local files");
  expect_error("data: {url: /etc/passwd}\n",
               "t.yaml:1:13: error: '/etc/passwd' is an absolute path: files a spec reads must be given relative to "
               "its folder (or allowed with --allow-read)");
  expect_error("data: {url: ../secret.csv}\n",
               "t.yaml:1:13: error: '../secret.csv' is outside the spec's folder: files a spec reads must be in its "
               "folder or below (or allowed with --allow-read)");
  expect_error("data: {url: sub/../../x.csv}\n",
               "t.yaml:1:13: error: 'sub/../../x.csv' is outside the spec's folder: files a spec reads must be in its "
               "folder or below (or allowed with --allow-read)");
  expect_error("data: {url: ''}\n", "t.yaml:1:13: error: the data url is empty");
  /* Symbolic links: out is refused, in is fine. */
  write_file(outside, "secret.csv", "s\n42\n", 5);
  char p[600], q[600];
  snprintf(p, sizeof p, "%s/secret.csv", outside);
  snprintf(q, sizeof q, "%s/link.csv", dir);
  CHECK(symlink(p, q) == 0);
  expect_error("data: {url: link.csv}\n",
               "t.yaml:1:13: error: 'link.csv' leads outside the spec's folder through a symbolic link");
  snprintf(q, sizeof q, "%s/linkdir", dir);
  CHECK(symlink(outside, q) == 0);
  expect_error("data: {url: linkdir/secret.csv}\n",
               "t.yaml:1:13: error: 'linkdir/secret.csv' leads outside the spec's folder through a symbolic link");
  snprintf(q, sizeof q, "%s/inside.csv", dir);
  CHECK(symlink("basic.csv", q) == 0);
  CHECK(load("data: {url: inside.csv}\n") != NULL);
  /* allow_dirs opens the other folder: absolute, relative and through the link. */
  const char *allow[] = {outside, NULL};
  data_opts o = {.allow_dirs = allow};
  snprintf(want, sizeof want, "data: {url: '%s/secret.csv'}\n", outside);
  dtable *t = load_opts(want, &o);
  CHECK(t && NUM(t, 0, "s") == 42);
  CHECK(load_opts("data: {url: link.csv}\n", &o) != NULL);
  /* Missing, a directory, a FIFO (must not block), binary, bad UTF-8. */
  expect_error("data: {url: missing.csv}\n", "t.yaml:1:13: error: cannot read 'missing.csv': no such file");
  snprintf(q, sizeof q, "%s/sub", dir);
  mkdir(q, 0755);
  expect_error("data: {url: sub}\n", "t.yaml:1:13: error: 'sub' is a directory, not a file");
  snprintf(q, sizeof q, "%s/fifo.csv", dir);
  CHECK(mkfifo(q, 0644) == 0);
  expect_error("data: {url: fifo.csv}\n", "t.yaml:1:13: error: 'fifo.csv' is not a regular file (a FIFO)");
  write_file(dir, "bin.csv", "a,b\n1,\0\n", 8);
  expect_error("data: {url: bin.csv}\n", "t.yaml:1:13: error: 'bin.csv' is not a text file");
  WRITE("latin1.csv", "name\ncaf\xe9\n");
  expect_error("data: {url: latin1.csv}\n", "t.yaml:1:13: error: 'latin1.csv' is not a text file");
  WRITE("unreadable.csv", "a\n1\n");
  snprintf(q, sizeof q, "%s/unreadable.csv", dir);
  chmod(q, 0);
  if (geteuid() != 0) /* root reads anything */
    expect_error("data: {url: unreadable.csv}\n",
                 "t.yaml:1:13: error: cannot read 'unreadable.csv': cannot open: Permission denied");
  /* Too large (limit lowered through the options). */
  data_opts small = {.max_file_bytes = 10};
  t = load_opts("data: {url: basic.csv}\n", &small);
  CHECK(!t);
  CHECK(strstr(err_text, "t.yaml:1:13: error: 'basic.csv' is too large (") == err_text);
  /* base_dir NULL: the folder of doc->path. */
  spec_doc doc;
  snprintf(want, sizeof want, "data: {url: basic.csv}\n");
  const spec_node *root = parse(want, &doc);
  snprintf(p, sizeof p, "%s/spec.yaml", dir);
  doc.path = p;
  diag_list d = {0};
  t = data_load(&doc, spec_map_get(root, "data"), NULL, A, &d);
  CHECK(t && t->nrows == 3 && d.n == 0);
  diag_clear(&d);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_big(void) {
  /* 1,000,000 rows must load well under a second. */
  size_t cap = 40u << 20, n = 0;
  char *s = malloc(cap);
  n += (size_t)sprintf(s, "id,group,value,label\n");
  for (int i = 0; i < 1000000; i++)
    n += (size_t)sprintf(s + n, "%d,g%d,%d.%d,\"row %d\"\n", i, i % 7, i % 1000, i % 10, i);
  write_file(dir, "big.csv", s, n);
  free(s);
  double t0 = now();
  dtable *t = load("data: {url: big.csv}\n");
  double dt = now() - t0;
  /* Printed, not asserted: a wall-clock bound fails on a busy machine
   * (ctest -j2 on two cores) for no fault of the code (~0.3 s idle). */
  printf("load 1e6 CSV rows: %.3f s\n", dt);
  if (!REQUIRED(t && t->nrows == 1000000)) return;
  CHECK_NEAR(NUM(t, 999999, "value"), 999.9, 1e-9);
  CHECK_STR(STR(t, 5, "label"), "row 5");
}

int main(void) {
  A = arena_new();
  snprintf(dir, sizeof dir, "/tmp/huitu_data_XXXXXX");
  snprintf(outside, sizeof outside, "/tmp/huitu_out_XXXXXX");
  if (!mkdtemp(dir) || !mkdtemp(outside)) {
    perror("mkdtemp");
    return 1;
  }
  test_table();
  test_inline();
  test_csv_basic();
  test_csv_edges();
  test_formats();
  test_topojson();
  test_parse();
  test_security();
  test_big();
  arena_free(A);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s' '%s'", dir, dir, outside);
  if (system(cmd) != 0) fprintf(stderr, "cleanup failed\n");
  return testing_done("test_data");
}
