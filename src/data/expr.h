/* expr: the subset of the Vega expression language used by Vega-Lite
 * `filter` and `calculate` transforms, compiled once and evaluated per row.
 *
 * Grammar (JavaScript syntax and semantics, lowest precedence first):
 *   cond    := or ('?' cond ':' cond)?
 *   or      := and ('||' and)*            returns an operand, short-circuits
 *   and     := eq ('&&' eq)*              returns an operand, short-circuits
 *   eq      := rel (('=='|'!='|'==='|'!==') rel)*
 *   rel     := add (('<'|'<='|'>'|'>=') add)*
 *   add     := mul (('+'|'-') mul)*       '+' concatenates if a side is a string
 *   mul     := unary (('*'|'/'|'%') unary)*
 *   unary   := ('-'|'+'|'!') unary | primary
 *   primary := number | string | true | false | null | NaN | Infinity
 *            | PI | E | LN2 | LN10 | LOG2E | LOG10E | SQRT2 | SQRT1_2
 *            | MAX_VALUE | MIN_VALUE
 *            | datum '.' name | datum '[' cond ']' | name '(' args ')' | '(' cond ')'
 *            | param                    a name in the expr_env (see expr_compile_env)
 * Numbers: 12, 1.5, .5, 1e3, 0x1F, 0b101, 0o17.  Strings: '..' or ".." with
 * JS escapes (\n \t \xHH \uHHHH \u{H..} ...).  A \0 escape ends the string.
 *
 * Functions: abs round floor ceil sqrt log exp pow min max (variadic) clamp
 *   sin cos tan asin acos atan atan2 isNaN isFinite
 *   year quarter(1-4) month(0-11) date day(0=Sunday) hours minutes seconds
 *   milliseconds time, their utc* aliases, datetime/utc(y, m[, d, h, min, s, ms])
 *   isValid isNumber isString isBoolean toNumber toString toBoolean parseFloat
 *   length substring(s, start[, end]) indexof(s, sub) upper lower trim
 *   replace(s, pattern, replacement) (first occurrence; $$ $& $` $' expand)
 *   if(test, a, b) (lazy).
 * Dates are numbers: milliseconds since 1970-01-01T00:00:00Z; every date
 * function works in UTC.  Date functions also accept ISO-8601 strings
 * ("2019-09-11", "2019-09-11T10:00:00Z", no offset = UTC).
 * String indices (length, substring, indexof) count Unicode code points;
 * upper/lower map ASCII, Latin-1, Greek and Cyrillic letters.
 * Missing fields read as null (there is no separate `undefined`).
 *
 * Thread-safety: no global state; a compiled expr is immutable and may be
 * evaluated from several threads at once, each with its own scratch.
 * Nesting is capped at EXPR_MAX_DEPTH, so evaluation needs at most ~120 KB of
 * stack; long flat chains (a || b || c ...) are evaluated iteratively. */
#ifndef HUITU_DATA_EXPR_H
#define HUITU_DATA_EXPR_H
#include <stddef.h>

typedef enum { EXPR_NULL, EXPR_NUM, EXPR_STR, EXPR_BOOL } expr_type;

/* 24 bytes, the two ints first (a table holds one per cell: 32 with them
 * apart).  A number read from text keeps the text in str (data_check
 * locates and rereads it there), so num and str are not a union. */
typedef struct expr_value {
  expr_type type;
  int boolean;     /* EXPR_BOOL: 0 or 1 */
  double num;      /* EXPR_NUM */
  const char *str; /* EXPR_STR: NUL-terminated UTF-8 (see expr_eval for lifetime) */
} expr_value;

/* Field lookup supplied by the caller: return 0 and fill *out if the row has
 * the field, else return -1 (the value is then null).  field is NUL-terminated
 * as well.  A string in *out must stay valid for the duration of expr_eval. */
typedef int (*expr_lookup_fn)(void *row, const char *field, size_t field_len, expr_value *out);

typedef struct expr expr; /* compiled expression (one allocation) */

#define EXPR_MAX_SOURCE 65536           /* bytes of source accepted */
#define EXPR_MAX_DEPTH 200              /* nesting levels accepted */
#define EXPR_MAX_SCRATCH (16u << 20)    /* scratch bytes one evaluation may use */

/* Compile src[0..len).  On error returns NULL, stores the byte offset of the
 * problem in *err_offset (if non-NULL) and a message in err (if errlen > 0). */
expr *expr_compile(const char *src, size_t len, char *err, size_t errlen, size_t *err_offset);

/* Names an expression may use as bare identifiers, each standing for a
 * constant: Vega-Lite's variable params (`datum.b > threshold`), which a
 * static chart fixes at their initial values.  They are read once, while
 * compiling (strings are copied into the expression), so the env need not
 * outlive expr_compile_env.  A name shadows no function and no constant
 * (PI, true, ...). */
typedef struct expr_env {
  int n;
  const char *const *names;
  const expr_value *values;
} expr_env;
expr *expr_compile_env(const char *src, size_t len, const expr_env *env, char *err, size_t errlen,
                       size_t *err_offset);
void expr_free(expr *e); /* NULL ok */

/* Strings produced while evaluating live in `scratch`, which the caller owns
 * and resets (used = 0) between rows; expr_eval grows buf with realloc when
 * needed.  A result string is valid until the scratch is reset, grown by a
 * later expr_eval, or freed.  Strings that come straight from the row or the
 * source are returned as-is.  scratch may be NULL if no string is produced. */
typedef struct expr_scratch {
  char *buf;
  size_t cap, used;
} expr_scratch;

/* 0 on success, -1 on runtime error (allocation failure or more than
 * EXPR_MAX_SCRATCH bytes of strings); *out is null then. */
int expr_eval(const expr *e, void *row, expr_lookup_fn lookup, expr_scratch *scratch, expr_value *out);

int expr_truthy(const expr_value *v);       /* JS truthiness */
double expr_to_number(const expr_value *v); /* JS ToNumber: "" -> 0, " 12 " -> 12, "abc" -> NaN, null -> 0 */

#endif
