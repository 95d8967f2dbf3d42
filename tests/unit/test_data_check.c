/* data_check: values a chart cannot read and fields it cannot find, each
 * message exact and located where the value is written (a CSV file's
 * line:col, the value's own line:col in inline rows or a JSON file). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/data.h"
#include "data/data_check.h"
#include "data/timefmt.h"
#include "data/transform.h"
#include "testing.h"

static arena *A;
static char dir[256];
static char msg[2048];

static void write_file(const char *name, const char *data) { testing_write_file(dir, name, data, strlen(data)); }

/* The spec's data (and transforms), then field `field` checked as want:
 * the first message into msg ("" when none). */
static const char *check(const char *yaml, const char *field, data_want want) {
  diag_list d = {0};
  spec_doc *doc = arena_alloc(A, sizeof *doc);
  *doc = (spec_doc){.arena = A, .path = "t.yaml"};
  doc->root = spec_parse(A, "t.yaml", yaml, strlen(yaml), &d);
  msg[0] = 0;
  dtable *t = doc->root ? data_load(doc, spec_map_get(doc->root, "data"), dir, A, &d) : NULL;
  const spec_node *tr = doc->root ? spec_map_get(doc->root, "transform") : NULL;
  if (t && tr) t = transform_apply(doc, tr, t, A, &d);
  if (t) data_check_values(doc, spec_map_get(doc->root, "field"), t, dtable_col(t, field), field, want, &d);
  if (d.n) diag_format(&d.items[0], msg, sizeof msg);
  else if (!t) snprintf(msg, sizeof msg, "(no table)");
  diag_clear(&d);
  return msg;
}

#define Q DATA_WANT_NUMBER
#define T DATA_WANT_DATE

static void test_csv(void) {
  char want[1024];
  write_file("beds.csv", "年份,床位\n2012,38487张\n2019,85055张\n");
  snprintf(want, sizeof want, "%s/beds.csv:2:6: error: field '床位' has '38487张' in row 1, not a number: the value "
           "has a unit; write 38487 and put 张 in the axis title (and 1 more row)", dir);
  CHECK_STR(check("data: {url: beds.csv}\nfield: 床位\n", "床位", Q), want);
  /* A filter keeps the cells: the row is still the file's. */
  snprintf(want, sizeof want, "%s/beds.csv:3:6: error: field '床位' has '85055张' in row 2, not a number: the value "
           "has a unit; write 85055 and put 张 in the axis title", dir);
  CHECK_STR(check("data: {url: beds.csv}\ntransform: [{filter: 'datum.年份 > 2015'}]\nfield: 床位\n", "床位", Q),
            want);
  /* A value a transform made is located at the field. */
  CHECK_STR(check("data: {url: beds.csv}\ntransform: [{calculate: \"datum.床位 + '!'\", as: n}]\nfield: n\n", "n", Q),
            "t.yaml:3:8: error: field 'n' has '38487张!' in row 1 after the transforms, not a number: the value has a "
            "unit; write 38487 and put 张! in the axis title (and 1 more row)");
  /* Thousands separators: read in a CSV column of numbers. */
  write_file("grouped.csv", "年份,床位\n2012,\"38,487\"\n2019,\"85,055\"\n");
  CHECK_STR(check("data: {url: grouped.csv}\nfield: 床位\n", "床位", Q), "");
  /* A CSV year is a year in a temporal field, as Vega-Lite parses a CSV's text. */
  CHECK_STR(check("data: {url: grouped.csv}\nfield: 年份\n", "年份", T), "");
  write_file("months.csv", "月份,n\n2019.9,1\n2019.10,2\n");
  snprintf(want, sizeof want, "%s/months.csv:2:1: error: field '月份' has '2019.9' in row 1, not a date: give its "
           "pattern in the data's format: {parse: {月份: \"date:'%%Y.%%m'\"}} (and 1 more row)", dir);
  CHECK_STR(check("data: {url: months.csv}\nfield: 月份\n", "月份", T), want);
  write_file("days.csv", "day,n\n20190911,1\n");
  snprintf(want, sizeof want, "%s/days.csv:2:1: error: field 'day' has '20190911' in row 1, not a date: give its "
           "pattern in the data's format: {parse: {day: \"date:'%%Y%%m%%d'\"}}", dir);
  CHECK_STR(check("data: {url: days.csv}\nfield: day\n", "day", T), want);
  /* A missing-value mark, after a multi-line quoted field on its row (its
   * line and column are the ones an editor shows). */
  write_file("dash.csv", "name,n\n\"a\nb\",-\nc,\n");
  snprintf(want, sizeof want, "%s/dash.csv:3:4: error: field 'n' has '-' in row 1, not a number: leave the cell empty "
           "for a missing value, or set the mark's invalid: filter to leave such rows out", dir);
  CHECK_STR(check("data: {url: dash.csv}\nfield: n\n", "n", Q), want);
  /* The format's parse keeps a value it cannot read, for this message. */
  snprintf(want, sizeof want, "%s/months.csv:2:1: error: field '月份' has '2019.9' in row 1, not a date: give its "
           "pattern in the data's format: {parse: {月份: \"date:'%%Y.%%m'\"}} (and 1 more row)", dir);
  CHECK_STR(check("data: {url: months.csv, format: {parse: {月份: date}}}\nfield: 月份\n", "月份", T), want);
  /* Inline CSV text: at the values, with the row. */
  CHECK_STR(check("data: {values: \"a,b\\n1,x\\n\", format: {type: csv}}\nfield: b\n", "b", Q),
            "t.yaml:1:16: error: field 'b' holds text, not numbers ('x' in row 1): use type: nominal for categories");
}

static void test_inline(void) {
  CHECK_STR(check("data:\n  values:\n    - {y: 2012, n: ３８４８７}\n    - {y: 2019, n: 85055}\nfield: n\n", "n", Q),
            "t.yaml:3:20: error: field 'n' has '３８４８７' in row 1, not a number: it is written in full-width digits; "
            "write 38487");
  CHECK_STR(check("data:\n  values:\n    - {n: 1}\n    - n: 85,055\nfield: n\n", "n", Q),
            "t.yaml:4:10: error: field 'n' has '85,055' in row 2, not a number: it has a thousands separator; write "
            "85055 (a CSV file may keep them)");
  CHECK_STR(check("data: {values: [{n: 12.5%}]}\nfield: n\n", "n", Q),
            "t.yaml:1:21: error: field 'n' has '12.5%' in row 1, not a number: it is a percentage; write 12.5 (or "
            "0.125 with format '%')");
  CHECK_STR(check("data: {values: [{n: '3,5'}]}\nfield: n\n", "n", Q),
            "t.yaml:1:21: error: field 'n' has '3,5' in row 1, not a number: it has a decimal comma; write 3.5");
  CHECK_STR(check("data: {values: [{n: 2019年9月}]}\nfield: n\n", "n", Q),
            "t.yaml:1:21: error: field 'n' has '2019年9月' in row 1, not a number: it is a date; use type: temporal");
  CHECK_STR(check("data: {values: [{n: ' 12'}]}\nfield: n\n", "n", Q),
            "t.yaml:1:21: error: field 'n' has ' 12' in row 1, not a number: it has spaces around it; write 12");
  CHECK_STR(check("data: {values: [{n: 约500}]}\nfield: n\n", "n", Q),
            "t.yaml:1:21: error: field 'n' has '约500' in row 1, not a number: leave the cell empty for a missing "
            "value, or set the mark's invalid: filter to leave such rows out");
  /* Missing values are not errors: null, empty, blank, NaN. */
  CHECK_STR(check("data: {values: [{n: 1}, {n: null}, {n: ''}, {n: ' '}, {n: NaN}, {m: 2}]}\nfield: n\n", "n", Q), "");
  /* Temporal numbers that are surely not milliseconds. */
  CHECK_STR(check("data: {values: [{d: 2012}, {d: 2019}]}\nfield: d\n", "d", T),
            "t.yaml:1:21: error: field 'd' has the number 2012 in row 1, which a temporal field reads as milliseconds "
            "since 1970: write the year as a string ('2012'), or use type: ordinal (and 1 more row)");
  CHECK_STR(check("data: {values: [{d: 1}, {d: 20190911}]}\nfield: d\n", "d", T),
            "t.yaml:1:29: error: field 'd' has the number 20190911 in row 2, which a temporal field reads as "
            "milliseconds since 1970: write it as a date string ('2019-09-11')");
  CHECK_STR(check("data: {values: [{d: 201909}]}\nfield: d\n", "d", T),
            "t.yaml:1:21: error: field 'd' has the number 201909 in row 1, which a temporal field reads as "
            "milliseconds since 1970: write it as a date string ('2019-09')");
  CHECK_STR(check("data: {values: [{d: 1568160000000}, {d: '2019年9月'}, {d: '2019-09-11T08:00'}]}\nfield: d\n", "d", T),
            "");
  CHECK_STR(check("data: {values: [{d: '2019/13'}]}\nfield: d\n", "d", T),
            "t.yaml:1:21: error: field 'd' has '2019/13' in row 1, not a date: write dates as 2019-09-11, 2019/9/11, "
            "2019-09 or 2019年9月11日, or give their pattern in the data's format: {parse: {d: \"date:'...'\"}}");
  CHECK_STR(check("data: {values: [{d: true}]}\nfield: d\n", "d", T),
            "t.yaml:1:21: error: field 'd' has 'true' in row 1, not a date: write dates as 2019-09-11, 2019/9/11 or "
            "2019年9月11日");
  /* Nested rows are found too. */
  CHECK_STR(check("data: {values: [{a: {b: 5kg}}]}\nfield: a.b\n", "a.b", Q),
            "t.yaml:1:25: error: field 'a.b' has '5kg' in row 1, not a number: the value has a unit; write 5 and put "
            "kg in the axis title");
}

static void test_json(void) {
  char want[1024];
  write_file("rows.json", "[\n  {\"n\": 1},\n  {\"n\": \"2 人\"}\n]\n");
  snprintf(want, sizeof want, "%s/rows.json:3:9: error: field 'n' has '2 人' in row 2, not a number: the value has a "
           "unit; write 2 and put 人 in the axis title", dir);
  CHECK_STR(check("data: {url: rows.json}\nfield: n\n", "n", Q), want);
}

/* "no field" with a suggestion over the data's own names. */
static const char *no_field(const char *names, const char *name) {
  diag_list d = {0};
  spec_doc doc = {.arena = A, .path = "t.yaml"};
  doc.root = spec_parse(A, "t.yaml", "field: x\n", 9, &d);
  dtable *t = dtable_new(A);
  char buf[256];
  snprintf(buf, sizeof buf, "%s", names);
  for (char *s = strtok(buf, "|"); s; s = strtok(NULL, "|")) dtable_add_col(t, s);
  data_no_field(&doc, spec_map_get(doc.root, "field"), t, name, &d);
  msg[0] = 0;
  if (d.n) diag_format(&d.items[0], msg, sizeof msg);
  diag_clear(&d);
  return msg;
}

static void test_no_field(void) {
  CHECK_STR(no_field("年份|床位", "床位数"),
            "t.yaml:1:8: error: no field '床位数' in the data (did you mean '床位'?); fields are: 年份, 床位");
  CHECK_STR(no_field("年份|养老床位总数", "养老床位数"),
            "t.yaml:1:8: error: no field '养老床位数' in the data (did you mean '养老床位总数'?); fields are: 年份, "
            "养老床位总数");
  CHECK_STR(no_field("年份|床位 ", "床位"),
            "t.yaml:1:8: error: no field '床位' in the data: the data's field is '床位 ', with spaces around the name; "
            "remove them from the header (or write field: '床位 ')");
  CHECK_STR(no_field("Year|Beds", "beds"),
            "t.yaml:1:8: error: no field 'beds' in the data (did you mean 'Beds'?); fields are: Year, Beds");
  CHECK_STR(no_field("区域|人数", "年份"), "t.yaml:1:8: error: no field '年份' in the data; fields are: 区域, 人数");
  CHECK_STR(no_field("年份;床位", "床位"),
            "t.yaml:1:8: error: no field '床位' in the data: its only field is '年份;床位'; is the file separated by "
            "';'? read it with format: {type: dsv, delimiter: ';'}");
  CHECK_STR(no_field("年份\t床位", "床位"),
            "t.yaml:1:8: error: no field '床位' in the data: its only field is '年份\\t床位'; is the file separated by "
            "'\\t'? read it with format: {type: tsv}");
}

static void test_values(void) {
  double v = 0;
  CHECK(data_parse_grouped("85,055", &v) == 0 && v == 85055);
  CHECK(data_parse_grouped("-1,234,567.25", &v) == 0 && v == -1234567.25);
  CHECK(data_parse_grouped("1234,567", &v) < 0);
  CHECK(data_parse_grouped("1,23", &v) < 0);
  CHECK(data_parse_grouped("1,234,", &v) < 0);
  CHECK(data_parse_grouped("1,234.", &v) < 0);
  CHECK(data_parse_grouped("12", &v) < 0);
  double y2012 = timefmt_make(2012, 1, 1, 0, 0, 0, 0);
  CHECK(data_time_value(&(cell){.type = EXPR_NUM, .num = 2012, .str = "2012"}) == y2012);
  CHECK(data_time_value(&(cell){.type = EXPR_NUM, .num = 2012}) == 2012);
  CHECK(data_time_value(&(cell){.type = EXPR_STR, .str = "2012"}) == y2012);
  CHECK(isnan(data_time_value(&(cell){.type = EXPR_STR, .str = "soon"})));
}

int main(void) {
  A = arena_new();
  snprintf(dir, sizeof dir, "/tmp/huitu_check_XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_csv();
  test_inline();
  test_json();
  test_no_field();
  test_values();
  arena_free(A);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cleanup failed\n");
  return testing_done("test_data_check");
}
