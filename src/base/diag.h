/* Diagnostics are data, not control flow.  Every stage appends records
 * {severity, code, file, line, col, message} to one list and keeps going;
 * the pipeline stops before layout if any error was recorded.  diag_add is
 * the single place every error passes through (one breakpoint catches all). */
#ifndef HUITU_BASE_DIAG_H
#define HUITU_BASE_DIAG_H
#include <stdarg.h>

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

typedef struct diag {
  diag_severity severity;
  diag_code code;
  src_loc loc;
  char *message; /* owned by the list */
} diag;

typedef struct diag_list {
  diag *items;
  int n, cap;
  int errors, warnings;
  int max_errors; /* stop recording after this many (0 = 200) */
} diag_list;

/* d may be NULL: the record is then dropped (callers probing a value). */
void diag_add(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_vadd(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
               const char *fmt, va_list ap);
/* Convenience for the common case: a spec error at a location. */
void diag_spec_error(diag_list *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Format one record the way compilers do: "file:line:col: error: msg". */
void diag_format(const diag *g, char *out, unsigned long outlen);
/* The exit code the records call for: 0 none, 2 any spec error, else 1. */
int diag_exit_code(const diag_list *d);
void diag_clear(diag_list *d);
const char *diag_severity_string(diag_severity s);
#endif
