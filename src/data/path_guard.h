/* path_guard: decide whether a data `url` from a spec may be read, and
 * where it really points.  A spec must never make huitu read a file the
 * user did not put next to it: only the spec's folder (and below) and the
 * extra folders the caller allows are readable.
 *
 * Rules, in order (no file-system access happens before rule 3, so the
 * refusal messages never reveal whether a file outside exists):
 *  1. http:// and https:// urls are refused (no network access), and so is
 *     any other scheme (file://, ftp://, data:).
 *  2. The url is joined to the spec's folder and normalised lexically
 *     ("a/../b" -> "b"); an absolute path, or a path whose `..` parts climb
 *     out of the folder, is refused unless it lands inside an allowed folder.
 *  3. realpath() resolves every symbolic link; the result must still lie
 *     inside the spec's folder or an allowed folder (prefix on whole path
 *     components, so "/data2" is not inside "/data").
 *  4. (path_guard_open) The resolved path is then opened one component at
 *     a time from "/" with O_NOFOLLOW, so a folder swapped for a symbolic
 *     link after step 3 makes the open fail (and the check is made again)
 *     instead of leading outside: what is opened is what was checked.  The
 *     file is opened O_NONBLOCK (a FIFO cannot block the open) and must be
 *     a regular file; the caller reads only from the descriptor.
 * Thread-safe: no global state. */
#ifndef HUITU_DATA_PATH_GUARD_H
#define HUITU_DATA_PATH_GUARD_H
#include <stddef.h>

/* Resolve url against base_dir (the spec's folder; "." if NULL or empty).
 * allow_dirs: NULL-terminated extra folders (may be NULL).  On success
 * returns 0 and writes the resolved absolute path (symbolic links followed)
 * to out.  On refusal or failure returns -1 and writes a complete,
 * user-facing message (naming the url as written) to err. */
int path_guard_resolve(const char *base_dir, const char *url, const char *const *allow_dirs, char *out,
                       size_t outlen, char *err, size_t errlen);

/* Rules 1-4: open url for reading, race-free.  On success returns 0 and a
 * blocking, close-on-exec descriptor of a regular file in *fd (the caller
 * closes it) and its size in *size.  Otherwise *fd is -1, err holds a
 * complete message naming the url as written, and the return says why:
 * PG_REFUSED (outside the allowed folders, a scheme, too long),
 * PG_NOT_REGULAR (a folder, FIFO, socket or device: err says which),
 * PG_IO (missing, unreadable, or it kept changing while being opened). */
enum { PG_REFUSED = -1, PG_NOT_REGULAR = -2, PG_IO = -3 };
int path_guard_open(const char *base_dir, const char *url, const char *const *allow_dirs, int *fd, long long *size,
                    char *err, size_t errlen);
#endif
