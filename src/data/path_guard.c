#include "data/path_guard.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spec/keys.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* "http:", "ftp:" ...: a scheme is letters, digits, + . - before a colon. */
static size_t scheme_len(const char *u) {
  if (!isalpha((unsigned char)u[0])) return 0;
  size_t i = 1;
  while (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '.' || u[i] == '-') i++;
  return u[i] == ':' ? i : 0;
}

/* Lexical normalisation of an absolute path: collapses "//", "." and "..".
 * ".." at the root stays at the root (as the kernel does). */
static int lex_normalize(const char *in, char *out, size_t outlen) {
  size_t o = 0;
  const char *p = in;
  if (outlen < 2) return -1;
  out[o++] = '/';
  while (*p) {
    while (*p == '/') p++;
    if (!*p) break;
    const char *s = p;
    while (*p && *p != '/') p++;
    size_t n = (size_t)(p - s);
    if (n == 1 && s[0] == '.') continue;
    if (n == 2 && s[0] == '.' && s[1] == '.') {
      if (o > 1) {
        o--; /* drop the trailing component */
        while (o > 1 && out[o - 1] != '/') o--;
        if (o > 1) o--; /* and its slash */
      }
      continue;
    }
    if (o > 1) {
      if (o + 1 >= outlen) return -1;
      out[o++] = '/';
    }
    if (o + n >= outlen) return -1;
    memcpy(out + o, s, n);
    o += n;
  }
  out[o] = 0;
  return 0;
}

static int is_under(const char *path, const char *root) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return 1;
  while (n > 1 && root[n - 1] == '/') n--;
  return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* Is path (absolute, normalised or resolved) inside base or an allowed dir?
 * Allowed dirs are compared both as written (normalised) and resolved, so a
 * lexical check passes for a folder given through a symbolic link. */
static int inside_roots(const char *path, const char *base_real, const char *const *allow, int lexical) {
  if (is_under(path, base_real)) return 1;
  for (int i = 0; allow && allow[i]; i++) {
    char r[PATH_MAX];
    if (realpath(allow[i], r) && is_under(path, r)) return 1;
    if (lexical && allow[i][0] == '/' && lex_normalize(allow[i], r, sizeof r) == 0 && is_under(path, r))
      return 1;
  }
  return 0;
}

/* A file in the folder of a path that does not exist whose name is close
 * to the one asked for (data/bed.csv -> data/beds.csv): the url with its
 * last component replaced, in out.  0 when nothing is close. */
static int similar_file(const char *joined, const char *url, char *out, size_t outlen) {
  const char *slash = strrchr(joined, '/'), *uslash = strrchr(url, '/');
  if (!slash || !slash[1]) return 0;
  char dir[PATH_MAX];
  size_t dl = (size_t)(slash - joined);
  if (dl >= sizeof dir) return 0;
  memcpy(dir, joined, dl);
  dir[dl] = 0;
  DIR *dp = opendir(dl ? dir : "/");
  if (!dp) return 0;
  enum { MAX_NAMES = 1000, POOL = 64 * 1024 };
  static __thread char pool[POOL];
  const char *names[MAX_NAMES];
  int n = 0;
  size_t used = 0;
  struct dirent *de;
  while (n < MAX_NAMES && (de = readdir(dp))) {
    size_t len = strlen(de->d_name);
    if (de->d_name[0] == '.' || used + len + 1 > POOL) continue;
    memcpy(pool + used, de->d_name, len + 1);
    names[n++] = pool + used;
    used += len + 1;
  }
  closedir(dp);
  const char *best = n ? keys_suggest(slash + 1, names, n) : NULL;
  if (!best) return 0;
  int w = snprintf(out, outlen, "%.*s%s", uslash ? (int)(uslash - url + 1) : 0, url, best);
  return w > 0 && (size_t)w < outlen;
}

/* Rules 1-3.  Returns 0 with the resolved path in out, or a PG_ code. */
static int resolve(const char *base_dir, const char *url, const char *const *allow_dirs, char *out, size_t outlen,
                   char *err, size_t errlen) {
  if (!url[0]) {
    snprintf(err, errlen, "the data url is empty");
    return PG_REFUSED;
  }
  size_t sl = scheme_len(url);
  if (sl) {
    if ((sl == 4 && !strncasecmp(url, "http", 4)) || (sl == 5 && !strncasecmp(url, "https", 5)))
      snprintf(err, errlen, "network access is disabled: huitu reads only local files ('%s')", url);
    else
      snprintf(err, errlen, "'%s' is not a local file path: huitu reads only local files", url);
    return PG_REFUSED;
  }
  if (!base_dir || !base_dir[0]) base_dir = ".";
  char base_real[PATH_MAX];
  if (!realpath(base_dir, base_real)) {
    snprintf(err, errlen, "cannot read '%s': the spec's folder '%s' is not accessible (%s)", url, base_dir,
             strerror(errno));
    return PG_IO;
  }
  char joined[PATH_MAX * 2], norm[PATH_MAX * 2];
  int absolute = url[0] == '/';
  int jn = absolute ? snprintf(joined, sizeof joined, "%s", url)
                    : snprintf(joined, sizeof joined, "%s/%s", base_real, url);
  if (jn < 0 || (size_t)jn >= sizeof joined || lex_normalize(joined, norm, sizeof norm) != 0) {
    snprintf(err, errlen, "cannot read '%s': the path is too long", url);
    return PG_REFUSED;
  }
  if (!inside_roots(norm, base_real, allow_dirs, 1)) {
    if (absolute)
      snprintf(err, errlen,
               "'%s' is an absolute path: files a spec reads must be given relative to its folder (or allowed with "
               "--allow-read)",
               url);
    else
      snprintf(err, errlen,
               "'%s' is outside the spec's folder: files a spec reads must be in its folder or below (or allowed "
               "with --allow-read)",
               url);
    return PG_REFUSED;
  }
  char real[PATH_MAX];
  if (!realpath(joined, real)) {
    int e = errno;
    char near[PATH_MAX];
    if ((e == ENOENT || e == ENOTDIR) && similar_file(joined, url, near, sizeof near))
      snprintf(err, errlen, "cannot read '%s': no such file (did you mean '%s'?)", url, near);
    else if (e == ENOENT || e == ENOTDIR)
      snprintf(err, errlen, "cannot read '%s': no such file", url);
    else if (e == EACCES)
      snprintf(err, errlen, "cannot read '%s': permission denied", url);
    else
      snprintf(err, errlen, "cannot read '%s': %s", url, strerror(e));
    return PG_IO;
  }
  if (!inside_roots(real, base_real, allow_dirs, 0)) {
    snprintf(err, errlen, "'%s' leads outside the spec's folder through a symbolic link", url);
    return PG_REFUSED;
  }
  if (strlen(real) >= outlen) {
    snprintf(err, errlen, "cannot read '%s': the path is too long", url);
    return PG_REFUSED;
  }
  memcpy(out, real, strlen(real) + 1);
  return 0;
}

int path_guard_resolve(const char *base_dir, const char *url, const char *const *allow_dirs, char *out,
                       size_t outlen, char *err, size_t errlen) {
  return resolve(base_dir, url, allow_dirs, out, outlen, err, errlen) ? -1 : 0;
}

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

/* Open the absolute, symlink-free path `real` without following any link:
 * each folder with openat(O_NOFOLLOW | O_DIRECTORY) from the one before,
 * the file itself O_NOFOLLOW | O_NONBLOCK.  A component that has become a
 * symbolic link since realpath() fails (ELOOP / ENOTDIR) rather than being
 * followed.  Returns the descriptor, or -1 with errno set. */
static int open_nofollow(const char *real) {
  int dfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return -1;
  const char *p = real;
  char comp[NAME_MAX + 1];
  for (;;) {
    while (*p == '/') p++;
    const char *s = p;
    while (*p && *p != '/') p++;
    size_t n = (size_t)(p - s);
    if (n == 0 || n > NAME_MAX) { /* "/" itself, or a name no file system has */
      close(dfd);
      errno = n ? ENAMETOOLONG : EISDIR;
      return -1;
    }
    memcpy(comp, s, n);
    comp[n] = 0;
    while (*p == '/') p++;
    int last = *p == 0;
    int fd = last ? openat(dfd, comp, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)
                  : openat(dfd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    close(dfd);
    if (fd < 0) {
      errno = e;
      return -1;
    }
    if (last) return fd;
    dfd = fd;
  }
}

static const char *kind_of(mode_t m) {
  return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
       : S_ISBLK(m) ? "a block device" : "not a file";
}

int path_guard_open(const char *base_dir, const char *url, const char *const *allow_dirs, int *fd, long long *size,
                    char *err, size_t errlen) {
  *fd = -1;
  char real[PATH_MAX];
  /* A few tries: a folder or link swapped between the check and the open
   * makes the open fail, and the next try checks the new state (a link out
   * of the folder is then refused by rule 3).  Something that keeps
   * changing under us is an error, never a file read unchecked. */
  for (int attempt = 0; attempt < 4; attempt++) {
    int r = resolve(base_dir, url, allow_dirs, real, sizeof real, err, errlen);
    if (r) return r;
    int f = open_nofollow(real);
    if (f < 0) {
      int e = errno;
      if (e == ELOOP || e == ENOTDIR || e == ENOENT) continue;
      if (e == EISDIR) {
        snprintf(err, errlen, "'%s' is a directory, not a file", url);
        return PG_NOT_REGULAR;
      }
      if (e == EACCES)
        snprintf(err, errlen, "cannot read '%s': permission denied", url);
      else
        snprintf(err, errlen, "cannot read '%s': %s", url, strerror(e));
      return PG_IO;
    }
    struct stat st;
    if (fstat(f, &st) != 0) {
      snprintf(err, errlen, "cannot read '%s': %s", url, strerror(errno));
      close(f);
      return PG_IO;
    }
    if (!S_ISREG(st.st_mode)) {
      if (S_ISDIR(st.st_mode))
        snprintf(err, errlen, "'%s' is a directory, not a file", url);
      else
        snprintf(err, errlen, "'%s' is not a regular file (%s)", url, kind_of(st.st_mode));
      close(f);
      return PG_NOT_REGULAR;
    }
    /* A regular file: blocking reads from here on (O_NONBLOCK only kept a
     * FIFO from blocking the open). */
    int fl = fcntl(f, F_GETFL);
    if (fl >= 0) fcntl(f, F_SETFL, fl & ~O_NONBLOCK);
    *fd = f;
    if (size) *size = (long long)st.st_size;
    return 0;
  }
  snprintf(err, errlen, "cannot read '%s': it kept changing while being opened (a folder or symbolic link was swapped)",
           url);
  return PG_IO;
}
