/* The default texts of a chart by language (see vl_lang.h).  English is
 * Vega-Lite's, word for word; the CJK columns are what a report in that
 * language prints: 数量/件数/개수 over a count, 1月/1월 for January,
 * 1.2万/1.2만 for 12,000 and more. */
#include "chart/vl_lang.h"

#include <string.h>

#include "spec/vl_keys.h"

int vl_lang(const chart *c) {
  const char *l = c ? c->lang : NULL;
  if (!l) return VL_LANG_EN;
  if (!strncmp(l, "zh", 2)) return VL_LANG_ZH;
  if (!strncmp(l, "ja", 2)) return VL_LANG_JA;
  if (!strncmp(l, "ko", 2)) return VL_LANG_KO;
  return VL_LANG_EN;
}

/* ---- titles: en, zh, ja, ko ---- */

const char vl_lang_solid[VL_LANG_LAST] = {0, 1, 1, 0};
const char *const vl_count_title[VL_LANG_LAST] = {"Count of Records", "数量", "件数", "개수"};
const char *const vl_binned_title[VL_LANG_LAST] = {"%s (binned)", "%s（分组）", "%s（ビン）", "%s (구간)"};
const char *const vl_timeunit_title[VL_LANG_LAST] = {"%s (%s)", "%s（%s）", "%s（%s）", "%s (%s)"};

static const char *const tu_zh[] = {"",     "年",   "季度",     "月",   "年月",     "年季度",   "日",
                                    "星期", "时",   "分",       "日期", "月日",     "年内天数", "秒",
                                    "时分", "时分秒", "分秒",   "月日时", "日期时", "日期时分", "日期时分秒"};
static const char *const tu_ja[] = {"",     "年",   "四半期",     "月",   "年月",   "年四半期", "日",
                                    "曜日", "時",   "分",         "日付", "月日",   "年間通算日", "秒",
                                    "時分", "時分秒", "分秒",     "月日時", "日付時", "日付時分", "日付時分秒"};
static const char *const tu_ko[] = {"",     "연",   "분기",     "월",   "연월",     "연 분기", "일",
                                    "요일", "시",   "분",       "날짜", "월일",     "연중 일", "초",
                                    "시분", "시분초", "분초",   "월일시", "날짜 시", "날짜 시분", "날짜 시분초"};
_Static_assert(sizeof tu_zh / sizeof *tu_zh == TU_LAST && sizeof tu_ja / sizeof *tu_ja == TU_LAST &&
                   sizeof tu_ko / sizeof *tu_ko == TU_LAST,
               "the time unit words follow TU_* (as vl_timeunit_names does)");
const char *const *const vl_timeunit_words[VL_LANG_LAST] = {vl_timeunit_names, tu_zh, tu_ja, tu_ko};

/* Chinese and Japanese put most words before the field (平均收入, 合計売上)
 * and a count after it; Korean puts them all after, spaced (매출 평균). */
const char *const vl_aggregate_title[AG_LAST][VL_LANG_LAST] = {
    [AG_NONE] = {"%s", "%s", "%s", "%s"},
    [AG_COUNT] = {"Count of %s", "%s数量", "%s件数", "%s 개수"},
    [AG_SUM] = {"Sum of %s", "合计%s", "合計%s", "%s 합계"},
    [AG_MEAN] = {"Mean of %s", "平均%s", "平均%s", "%s 평균"},
    [AG_MEDIAN] = {"Median of %s", "%s中位数", "%s中央値", "%s 중앙값"},
    [AG_MIN] = {"Min of %s", "最小%s", "最小%s", "%s 최솟값"},
    [AG_MAX] = {"Max of %s", "最大%s", "最大%s", "%s 최댓값"},
    [AG_DISTINCT] = {"Distinct of %s", "%s（不同值个数）", "%s（個数）", "%s 고유 개수"},
    [AG_VALID] = {"Valid of %s", "%s（有效值个数）", "%s（有効件数）", "%s 유효 개수"},
    [AG_EXPONENTIAL] = {"Exponential of %s", "%s指数移动平均", "%s指数移動平均", "%s 지수 이동 평균"},
    [AG_EXPONENTIALB] = {"Exponentialb of %s", "%s指数移动平均（偏差校正）", "%s指数移動平均（バイアス補正）",
                         "%s 지수 이동 평균(편향 보정)"},
    /* %a: the field argmin/argmax picks the row by */
    [AG_ARGMIN] = {"%s for min %a", "%a最小时的%s", "%aが最小のときの%s", "%a 최소일 때 %s"},
    [AG_ARGMAX] = {"%s for max %a", "%a最大时的%s", "%aが最大のときの%s", "%a 최대일 때 %s"},
};

/* ---- time labels ---- */

#define YMD_JA "%Y年%-m月%-d日"
#define YMD_KO "%Y년 %-m월 %-d일"
const char *const vl_timeunit_pattern[TU_LAST][VL_LANG_LAST] = {
    [TU_NONE] = {"%Y-%m-%d", "%Y-%m-%d", YMD_JA, YMD_KO},
    [TU_YEAR] = {"%Y", "%Y", "%Y", "%Y"},
    [TU_QUARTER] = {"Q%q", "第%q季度", "第%q四半期", "%q분기"},
    [TU_MONTH] = {"%b", "%-m月", "%-m月", "%-m월"},
    [TU_YEARMONTH] = {"%b %Y", "%Y年%-m月", "%Y年%-m月", "%Y년 %-m월"},
    [TU_YEARQUARTER] = {"%Y Q%q", "%Y年Q%q", "%Y年Q%q", "%Y년 %q분기"},
    [TU_DATE] = {"%-d", "%-d日", "%-d日", "%-d일"},
    [TU_DAY] = {"%a", "", "", ""},
    [TU_HOURS] = {"%H:00", "%-H时", "%-H時", "%-H시"},
    [TU_MINUTES] = {"00:%M", "00:%M", "00:%M", "00:%M"}, /* vega-time's timeUnitSpecifier */
    [TU_YEARMONTHDATE] = {"%b %d, %Y", "%Y-%m-%d", YMD_JA, YMD_KO},
    [TU_MONTHDATE] = {"%b %d", "%-m月%-d日", "%-m月%-d日", "%-m월 %-d일"},
    [TU_DAYOFYEAR] = {"%j", "%j", "%j", "%j"},
    [TU_SECONDS] = {":%S", ":%S", ":%S", ":%S"},
    [TU_HOURSMINUTES] = {"%H:%M", "%H:%M", "%H:%M", "%H:%M"},
    [TU_HOURSMINUTESSECONDS] = {"%H:%M:%S", "%H:%M:%S", "%H:%M:%S", "%H:%M:%S"},
    [TU_MINUTESSECONDS] = {"00:%M:%S", "00:%M:%S", "00:%M:%S", "00:%M:%S"},
    [TU_MONTHDATEHOURS] = {"%b %d %H:00", "%-m月%-d日 %H时", "%-m月%-d日 %-H時", "%-m월 %-d일 %-H시"},
    [TU_YEARMONTHDATEHOURS] = {"%b %d, %Y %H:00", "%Y-%m-%d %H时", YMD_JA " %-H時", YMD_KO " %-H시"},
    [TU_YEARMONTHDATEHOURSMINUTES] = {"%b %d, %Y %H:%M", "%Y-%m-%d %H:%M", YMD_JA " %H:%M", YMD_KO " %H:%M"},
    [TU_YEARMONTHDATEHOURSMINUTESSECONDS] = {"%b %d, %Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", YMD_JA " %H:%M:%S",
                                             YMD_KO " %H:%M:%S"},
};

static const char *const wd_zh[7] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
static const char *const wd_ja[7] = {"日", "月", "火", "水", "木", "金", "土"};
static const char *const wd_ko[7] = {"일", "월", "화", "수", "목", "금", "토"};
const char *const *const vl_weekday_names[VL_LANG_LAST] = {NULL, wd_zh, wd_ja, wd_ko};

/* The natural patterns of timefmt_ticks (the English column, the key) in
 * each lang; a pattern not listed (%H:%M, ...) reads the same in all. */
static const char *const tick_patterns[][VL_LANG_LAST] = {
    {"%Y", "%Y年", "%Y年", "%Y년"},
    {"%b %Y", "%Y年%-m月", "%Y年%-m月", "%Y년 %-m월"},
    {"%b %d", "%-m月%-d日", "%-m月%-d日", "%-m월 %-d일"},
    {"%Y Q%q", "%Y年Q%q", "%Y年Q%q", "%Y년 %q분기"},
    {"%Y-%m", "%Y-%m", "%Y年%-m月", "%Y년 %-m월"},
    {"%Y-%m-%d", "%Y-%m-%d", YMD_JA, YMD_KO},
};

const char *vl_tick_pattern(int lang, const char *natural) {
  if (!natural) natural = "%Y-%m-%d";
  for (size_t i = 0; i < sizeof tick_patterns / sizeof *tick_patterns; i++)
    if (!strcmp(tick_patterns[i][VL_LANG_EN], natural)) return tick_patterns[i][lang];
  return natural;
}

/* d3's multiFormat (Vega's timeMultiFormat defaults) and its CJK kin:
 * hours and minutes on a 24-hour clock (12:00), dates with 日/일, a week's Sunday
 * with its month as English's "Jul 16", a year with 年/년. */
const char *const vl_time_multi[VL_LANG_LAST][TF_LEVEL_LAST] = {
    {".%L", ":%S", "%I:%M", "%I %p", "%a %d", "%b %d", "%B", "%B", "%Y"},
    {".%L", ":%S", "%H:%M", "%H:%M", "%-d日", "%-m月%-d日", "%-m月", "%-m月", "%Y年"},
    {".%L", ":%S", "%H:%M", "%H:%M", "%-d日", "%-m月%-d日", "%-m月", "%-m月", "%Y年"},
    {".%L", ":%S", "%H:%M", "%H:%M", "%-d일", "%-m월 %-d일", "%-m월", "%-m월", "%Y년"},
};

/* ---- numbers ---- */

static const char *const units_zh[4] = {"", "万", "亿", "万亿"};
static const char *const units_ja[4] = {"", "万", "億", "兆"};
static const char *const units_ko[4] = {"", "만", "억", "조"};
const char *const *const vl_number_units[VL_LANG_LAST] = {NULL, units_zh, units_ja, units_ko};
const char vl_lang_groups[VL_LANG_LAST] = {1, 0, 1, 1};
