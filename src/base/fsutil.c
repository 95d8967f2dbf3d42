#include "base/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *file_kind(mode_t m) {
  return S_ISDIR(m) ? "is a directory, not a file" : S_ISFIFO(m) ? "not a regular file (a FIFO)"
       : S_ISSOCK(m) ? "not a regular file (a socket)" : S_ISCHR(m) ? "not a regular file (a character device)"
       : S_ISBLK(m) ? "not a regular file (a block device)" : "not a regular file";
}

int fs_read_fd(int fd, buf *b, size_t max_bytes, char *err, size_t errlen) {
  buf_reset(b);
  for (;;) {
    buf_reserve(b, 65536);
    ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      snprintf(err, errlen, "read error: %s", strerror(errno));
      return -1;
    }
    if (n == 0) break;
    b->len += (size_t)n;
    if (b->len > max_bytes) {
      snprintf(err, errlen, "input is too large (the limit is %zu bytes)", max_bytes);
      return -2;
    }
  }
  b->data[b->len] = 0;
  return 0;
}

int fs_read_file(const char *path, buf *b, size_t max_bytes, char *err, size_t errlen) {
  if (strcmp(path, "-") == 0) return fs_read_fd(0, b, max_bytes, err, errlen);
  /* O_NONBLOCK: a FIFO must not block the open (it is refused below). */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    snprintf(err, errlen, "cannot open: %s", strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    snprintf(err, errlen, "cannot open: %s", strerror(errno));
    close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "%s", file_kind(st.st_mode));
    close(fd);
    return -1;
  }
  if ((size_t)st.st_size > max_bytes) {
    snprintf(err, errlen, "file is too large (%lld bytes; the limit is %zu)", (long long)st.st_size, max_bytes);
    close(fd);
    return -2;
  }
  /* Regular file: blocking reads from here on.  O_NONBLOCK is the only
   * status flag it was opened with, so clearing them all needs no F_GETFL
   * first. */
  fcntl(fd, F_SETFL, 0);
  int r = fs_read_fd(fd, b, max_bytes, err, errlen);
  close(fd);
  return r;
}

void fs_dirname(const char *path, char *out, size_t outlen) {
  const char *slash = strrchr(path, '/');
  if (!slash) {
    snprintf(out, outlen, ".");
  } else if (slash == path) {
    snprintf(out, outlen, "/");
  } else {
    snprintf(out, outlen, "%.*s", (int)(slash - path), path);
  }
}

/* Temporary files in flight, so SIGINT/SIGTERM can remove them.  A small
 * fixed table (one slot per writing thread) keeps the handler signal-safe.
 * A slot is claimed (temp_claimed), its path written, and only then
 * published (temp_live), so the handler never reads a half-written path. */
#define MAX_TEMPS 64
static char temp_paths[MAX_TEMPS][8192]; /* as large as the temp path buffer in fs_write_atomic_ex */
static int temp_claimed[MAX_TEMPS];
static volatile sig_atomic_t temp_live[MAX_TEMPS];
/* The slot this thread had last: with one writer per thread, each finds a
 * free slot at once, and threads do not take turns at one cache line. */
static __thread int temp_hint;

static int temp_register(const char *p, size_t len) {
  if (len >= sizeof temp_paths[0]) return -1;
  for (int k = 0; k < MAX_TEMPS; k++) {
    int i = (temp_hint + k) % MAX_TEMPS;
    if (!__sync_lock_test_and_set(&temp_claimed[i], 1)) {
      memcpy(temp_paths[i], p, len + 1);
      __atomic_store_n(&temp_live[i], 1, __ATOMIC_RELEASE);
      temp_hint = i;
      return i;
    }
  }
  return -1;
}

static void temp_release(int slot) {
  if (slot < 0) return;
  __atomic_store_n(&temp_live[slot], 0, __ATOMIC_RELEASE);
  __sync_lock_release(&temp_claimed[slot]);
}

void fs_cleanup_temps(void) {
  for (int i = 0; i < MAX_TEMPS; i++)
    if (__atomic_load_n(&temp_live[i], __ATOMIC_ACQUIRE)) unlink(temp_paths[i]);
}

static int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Temporary names are ".NAME.PID-N.tmp" beside the target: the pid keeps
 * processes apart, a per-process counter keeps threads and successive
 * writes apart, so open(O_EXCL) nearly always succeeds at the first try
 * (mkstemp draws random names and then needs an fchmod: it creates 0600).
 * EEXIST (a leftover of a killed process whose pid came round again, or
 * another pid namespace writing into the same folder) takes the next
 * number, and from the third try on a random part too.  The pid is read
 * once (getpid is a system call), and again in a forked child. */
static pid_t temp_pid;
static unsigned long temp_counter;
static void temp_pid_after_fork(void) { temp_pid = getpid(); }
static void temp_pid_init(void) {
  temp_pid = getpid();
  pthread_atfork(NULL, NULL, temp_pid_after_fork);
}

/* The message for a failed write, worked out after the fact (the checks
 * cost two stat calls a file when made before every write). */
static void write_error(const char *path, int e, char *err, size_t errlen) {
  char dir[4096];
  fs_dirname(path, dir, sizeof dir);
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    snprintf(err, errlen, "cannot write '%s': folder '%s' does not exist", path, dir);
  else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    snprintf(err, errlen, "cannot write '%s': it is a directory", path);
  else
    snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
}

/* ---- stale temporary files ----------------------------------------------
 * A process killed between creating its temporary file and the rename
 * (SIGKILL, a power cut) leaves ".NAME.PID-N.tmp" behind.  A later write to
 * the same target removes those of exactly that naming whose process is
 * gone (kill(pid, 0) fails with ESRCH), that are regular files owned by
 * us, and that nobody has written to for STALE_AGE seconds (so a writer in
 * another pid namespace, whose pid we cannot see, is left alone while it
 * works).  A folder is read once per process, the first time something is
 * written into it; what it held is remembered per target, so later writes
 * cost one lookup, not a readdir (a batch writes thousands of files into
 * one folder). */
#define STALE_AGE 60
#define STALE_DIRS 256   /* folders remembered; past that, no more cleaning */
#define STALE_MAX 1024   /* stale temps remembered at once */

static pthread_mutex_t stale_lock = PTHREAD_MUTEX_INITIALIZER;
static char *stale_dirs[STALE_DIRS];
static int stale_ndirs;
static char *stale_temps[STALE_MAX]; /* full paths of candidates, NULL when gone */
static int stale_ntemps;

/* 1 when name is ".BASE.PID-N.tmp" or ".BASE.PID-N-HEX.tmp" (what
 * fs_write_atomic_ex makes); the pid and the length of BASE go to *pid,
 * *baselen. */
static int temp_name_parse(const char *name, long *pid, size_t *baselen) {
  size_t n = strlen(name);
  if (n < 10 || name[0] != '.' || strcmp(name + n - 4, ".tmp")) return 0;
  /* the tail after BASE's last dot: "PID-N" or "PID-N-HEX" (no dots) */
  const char *end = name + n - 4, *dot = end;
  while (dot > name + 1 && dot[-1] != '.') dot--;
  if (dot <= name + 2) return 0; /* no dot, or an empty BASE */
  const char *p = dot;
  long v = 0;
  int digits = 0;
  while (p < end && *p >= '0' && *p <= '9' && digits < 10) v = v * 10 + (*p++ - '0'), digits++;
  if (!digits || v <= 0 || p == end || *p++ != '-') return 0;
  const char *c = p;
  while (p < end && *p >= '0' && *p <= '9') p++;
  if (p == c) return 0;
  if (p < end) {
    if (*p++ != '-') return 0;
    const char *h = p;
    while (p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) p++;
    if (p == h || p != end) return 0;
  }
  *pid = v;
  *baselen = (size_t)(dot - 1 - (name + 1));
  return 1;
}

void fs_remove_temps_of(const char *path, long pid) {
  char dir[4096];
  fs_dirname(path, dir, sizeof dir);
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t bl = strlen(base);
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    long p;
    size_t l;
    if (temp_name_parse(e->d_name, &p, &l) && p == pid && l == bl && !memcmp(e->d_name + 1, base, bl))
      unlinkat(dirfd(d), e->d_name, 0);
  }
  closedir(d);
}

static int temp_is_stale(int dfd, const char *name, long pid) {
  if ((pid_t)pid == getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH) return 0;
  struct stat st;
  if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) return 0;
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return now.tv_sec - st.st_mtime >= STALE_AGE;
}

/* Read folder dir (dirlen bytes of path, with its slash; 0 = ".") once,
 * remembering the temp files of our naming found there.  Lock held. */
static void stale_scan(const char *path, int dirlen) {
  char dir[4096];
  if (dirlen >= (int)sizeof dir) return;
  if (dirlen) memcpy(dir, path, (size_t)dirlen);
  dir[dirlen] = 0;
  for (int i = 0; i < stale_ndirs; i++)
    if (!strcmp(stale_dirs[i], dir)) return;
  if (stale_ndirs == STALE_DIRS) return;
  char *keep = strdup(dir);
  if (!keep) return;
  stale_dirs[stale_ndirs++] = keep;
  DIR *d = opendir(dirlen ? dir : ".");
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && stale_ntemps < STALE_MAX) {
    long pid;
    size_t bl;
    if (e->d_name[0] != '.' || !temp_name_parse(e->d_name, &pid, &bl)) continue;
    size_t nl = strlen(e->d_name);
    char *full = malloc((size_t)dirlen + nl + 1);
    if (!full) break;
    memcpy(full, dir, (size_t)dirlen);
    memcpy(full + dirlen, e->d_name, nl + 1);
    stale_temps[stale_ntemps++] = full;
  }
  closedir(d);
}

/* Remove the stale temps of target path (see above).  Called after a
 * successful write, so a failure here never fails the write. */
static void stale_clean(const char *path, int dirlen) {
  const char *base = path + dirlen;
  size_t blen = strlen(base);
  pthread_mutex_lock(&stale_lock);
  stale_scan(path, dirlen);
  for (int i = 0; i < stale_ntemps; i++) {
    char *t = stale_temps[i];
    if (!t || strncmp(t, path, (size_t)dirlen)) continue;
    const char *name = t + dirlen;
    long pid;
    size_t bl;
    if (strchr(name, '/') || !temp_name_parse(name, &pid, &bl) || bl != blen || memcmp(name + 1, base, blen)) continue;
    int dfd = dirlen ? -1 : AT_FDCWD;
    char dir[4096];
    if (dirlen) {
      if (dirlen >= (int)sizeof dir) continue;
      memcpy(dir, path, (size_t)dirlen);
      dir[dirlen] = 0;
      dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd < 0) continue;
    }
    if (temp_is_stale(dfd, name, pid)) unlinkat(dfd, name, 0);
    if (dfd >= 0) close(dfd);
    free(t);
    stale_temps[i] = NULL;
  }
  pthread_mutex_unlock(&stale_lock);
}

int fs_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  return fs_write_atomic_ex(path, data, len, 0, err, errlen);
}

/* Four system calls a file (open, write, close, rename; fsync unless
 * FS_NO_FSYNC): the folder and the target are only examined when
 * something failed, to say why. */
int fs_write_atomic_ex(const char *path, const void *data, size_t len, int flags, char *err, size_t errlen) {
  fs_atomic a;
  if (fs_atomic_open(&a, path, err, errlen) != 0) return -1;
  if (fs_atomic_write(&a, data, len) != 0) {
    fs_atomic_abort(&a, err, errlen);
    return -1;
  }
  return fs_atomic_commit(&a, flags, err, errlen);
}

int fs_atomic_open(fs_atomic *a, const char *path, char *err, size_t errlen) {
  a->path = path;
  a->fd = -1;
  a->slot = -1;
  a->failed = 0;
  if (strcmp(path, "-") == 0) {
    a->fd = 1;
    return 0;
  }
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, temp_pid_init);
  const char *slash = strrchr(path, '/');
  int dirlen = slash ? (int)(slash - path) + 1 : 0; /* with the slash */
  const char *base = path + dirlen;
  char *tmp = a->tmp;
  const size_t tmpsize = sizeof a->tmp;
  int fd = -1, nt = 0;
  for (int attempt = 0; attempt < 100; attempt++) {
    unsigned long n = __atomic_fetch_add(&temp_counter, 1, __ATOMIC_RELAXED);
    if (attempt < 2) {
      nt = snprintf(tmp, tmpsize, "%.*s.%s.%ld-%lu.tmp", dirlen, path, base, (long)temp_pid, n);
    } else {
      /* Names taken in a row: someone may be taking them on purpose (the
       * names are predictable), so unpredictable ones from here on. */
      struct timespec ts;
      clock_gettime(CLOCK_MONOTONIC, &ts);
      unsigned long r = (unsigned long)ts.tv_nsec * 2654435761ul ^ (unsigned long)(uintptr_t)&ts ^ n << 20;
      nt = snprintf(tmp, tmpsize, "%.*s.%s.%ld-%lu-%lx.tmp", dirlen, path, base, (long)temp_pid, n, r);
    }
    if (nt < 0 || (size_t)nt >= tmpsize) {
      snprintf(err, errlen, "cannot write '%s': path is too long", path);
      return -1;
    }
    /* 0666 less the umask (or the folder's default ACL), applied by the
     * kernel as for any new file: outputs are ordinary files. */
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) break;
  }
  if (fd < 0) {
    write_error(path, errno, err, errlen);
    return -1;
  }
  a->fd = fd;
  a->slot = temp_register(tmp, (size_t)nt);
  return 0;
}

int fs_atomic_write(fs_atomic *a, const void *data, size_t len) {
  if (a->failed) return -1;
  if (write_all(a->fd, data, len) != 0) {
    a->failed = errno ? errno : EIO;
    return -1;
  }
  return 0;
}

void fs_atomic_abort(fs_atomic *a, char *err, size_t errlen) {
  if (a->fd < 0) return;
  if (a->failed && err) {
    if (a->fd == 1) snprintf(err, errlen, "cannot write to standard output: %s", strerror(a->failed));
    else write_error(a->path, a->failed, err, errlen);
  }
  if (a->fd != 1) {
    close(a->fd);
    unlink(a->tmp);
    temp_release(a->slot);
  }
  a->fd = -1;
}

int fs_atomic_commit(fs_atomic *a, int flags, char *err, size_t errlen) {
  if (a->failed) {
    fs_atomic_abort(a, err, errlen);
    return -1;
  }
  if (a->fd == 1) {
    a->fd = -1;
    return 0;
  }
  if (!(flags & FS_NO_FSYNC) && fsync(a->fd) != 0) {
    a->failed = errno;
    fs_atomic_abort(a, err, errlen);
    return -1;
  }
  int fd = a->fd;
  a->fd = -1;
  if (close(fd) != 0 || rename(a->tmp, a->path) != 0) {
    int e = errno;
    unlink(a->tmp);
    temp_release(a->slot);
    write_error(a->path, e, err, errlen);
    return -1;
  }
  temp_release(a->slot);
  const char *slash = strrchr(a->path, '/');
  stale_clean(a->path, slash ? (int)(slash - a->path) + 1 : 0);
  return 0;
}
