/* Diagnostics are data, not control flow.  Every stage appends records
 * {severity, code, file, line, col, message} to one list and keeps going;
 * the pipeline stops before layout if any error was recorded.  diag_add is
 * the single place every error passes through (one breakpoint catches all). */
#ifndef HUITU_BASE_DIAG_H
#define HUITU_BASE_DIAG_H
#include <stdarg.h>
#include <stddef.h>

typedef enum {
  DIAG_ERROR,
  DIAG_WARNING,
  DIAG_NOTE,
  DIAG_LAST
} diag_severity;

/* What kind of failure: decides the exit code (2 spec, 1 environment). */
typedef enum {
  DIAG_SPEC = 2, /* the user must fix the spec */
  DIAG_ENV = 1,  /* I/O, fonts, resources */
} diag_code;

/* A source location: file name plus 1-based line and column (0 = unknown). */
typedef struct src_loc {
  const char *file;
  int line, col;
} src_loc;

/* Longest stored message, in bytes with its NUL (longer ones end in "..."). */
#define DIAG_MESSAGE_MAX 1024

typedef struct diag {
  diag_severity severity;
  diag_code code;
  src_loc loc;
  char *message; /* owned by the list */
} diag;

typedef struct diag_list {
  diag *items;
  int n, cap;
  int errors, warnings; /* distinct records, stored or past max_errors */
  int max_errors; /* stop recording after this many (0 = 200) */
  int strict;     /* every warning is recorded as an error, its message marked " [--strict]" (for CI) */
} diag_list;

/* d may be NULL: the record is then dropped (callers probing a value).
 * The message is escaped (diag_escape) before it is stored, and a record
 * equal to one already stored (severity, code, file, line, column and
 * message) is dropped, not counted: each problem is reported once.  So a
 * step that only repeats an error already recorded leaves errors as it
 * was (the document fails anyway: the list has that error). */
void diag_add(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_vadd(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
               const char *fmt, va_list ap);
/* Convenience for the common case: a spec error at a location. */
void diag_spec_error(diag_list *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Copy in to out (outlen bytes with the NUL) with everything a terminal or
 * an editor would act on written as text: C0 controls and DEL as \x1b (\n,
 * \t, \r by name), C1 controls, U+2028/2029 and bidi controls as \u0085,
 * bytes that are not UTF-8 as \xff.  Escaping escaped text changes nothing.
 * Too long, the copy ends at a whole character or escape, with "...".
 * Returns the length written.  Every message and file name in diagnostics
 * goes through it; the CLI uses it for anything else it echoes. */
size_t diag_escape(const char *in, char *out, size_t outlen);
/* Format one record the way compilers do: "file:line:col: error: msg"
 * (file and message escaped). */
void diag_format(const diag *g, char *out, unsigned long outlen);
/* The exit code the records call for: 0 none, 2 any spec error, else 1. */
int diag_exit_code(const diag_list *d);
void diag_clear(diag_list *d);
const char *diag_severity_string(diag_severity s);
#endif
