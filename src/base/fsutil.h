/* File helpers.  Output is always written atomically: bytes go to a
 * temporary file in the target's own folder (".NAME.PID-N.tmp", removed on
 * failure and, through fs_cleanup_temps, on SIGINT/SIGTERM), are flushed,
 * then renamed over the target, so a failed or interrupted render never
 * leaves a half-written file and never clobbers the previous good output.
 * New files are 0666 less the umask. */
#ifndef HUITU_BASE_FSUTIL_H
#define HUITU_BASE_FSUTIL_H
#include <stddef.h>

#include "base/buf.h"

/* Read a whole file (or stdin when path is "-") into b, refusing anything
 * that is not a regular file or is larger than max_bytes.  Returns 0, or -1
 * with a message in err (-2 when the only problem is the size). */
int fs_read_file(const char *path, buf *b, size_t max_bytes, char *err, size_t errlen);
/* Read everything left in the open descriptor fd into b (NUL-terminated,
 * not counted in b->len); fd stays open.  Returns 0, -1 on a read error or
 * -2 past max_bytes, with a message in err. */
int fs_read_fd(int fd, buf *b, size_t max_bytes, char *err, size_t errlen);
/* Write data to path atomically ("-" writes to stdout).  Returns 0, or -1
 * with a message in err (the target is then untouched). */
int fs_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);
/* fs_write_atomic with flags.  FS_NO_FSYNC skips the fsync before the
 * rename: still atomic (readers see the old or the new file, never a
 * half-written one), but a power cut may lose the new bytes.  For batches,
 * which write many files and sync the output folder once at the end
 * (syncfs) instead of once per file. */
#define FS_NO_FSYNC 1
int fs_write_atomic_ex(const char *path, const void *data, size_t len, int flags, char *err, size_t errlen);
/* The same, written piece by piece (a PNG streamed band by band): open
 * makes the temporary file ("-": standard output), write appends to it,
 * commit flushes (unless FS_NO_FSYNC) and renames it over the target,
 * abort removes it.  A failed write is remembered: later writes do
 * nothing and commit fails with its reason.  After open succeeds, exactly
 * one of commit or abort must follow; each returns 0 or -1 with a message
 * in err (abort: the reason of a failed write, when there was one). */
typedef struct fs_atomic {
  const char *path; /* the caller's, used until commit or abort */
  char tmp[8192];
  int fd, slot, failed;
} fs_atomic;
int fs_atomic_open(fs_atomic *a, const char *path, char *err, size_t errlen);
int fs_atomic_write(fs_atomic *a, const void *data, size_t len);
int fs_atomic_commit(fs_atomic *a, int flags, char *err, size_t errlen);
void fs_atomic_abort(fs_atomic *a, char *err, size_t errlen);
/* Directory part of a path ("." when none), into out. */
void fs_dirname(const char *path, char *out, size_t outlen);
/* Remove the temporary files still being written (called from signal
 * handlers: async-signal-safe). */
void fs_cleanup_temps(void);
/* Remove the temporary files process pid left for the target path
 * (".NAME.PID-N.tmp" beside it: a worker that died mid-write), at once,
 * whatever their age. */
void fs_remove_temps_of(const char *path, long pid);
#endif
