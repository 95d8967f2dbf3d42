#include "base/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read_file(const char *path, buf *b, size_t max_bytes, char *err, size_t errlen) {
  int fd = 0;
  int is_stdin = strcmp(path, "-") == 0;
  if (!is_stdin) {
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      snprintf(err, errlen, "cannot open: %s", strerror(errno));
      return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      snprintf(err, errlen, "%s", S_ISDIR(st.st_mode) ? "is a directory, not a file" : "not a regular file");
      close(fd);
      return -1;
    }
    if ((size_t)st.st_size > max_bytes) {
      snprintf(err, errlen, "file is too large (%lld bytes; the limit is %zu)", (long long)st.st_size, max_bytes);
      close(fd);
      return -2;
    }
    /* Regular file: blocking reads from here on. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  }
  buf_reset(b);
  for (;;) {
    buf_reserve(b, 65536);
    ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      snprintf(err, errlen, "read error: %s", strerror(errno));
      if (!is_stdin) close(fd);
      return -1;
    }
    if (n == 0) break;
    b->len += (size_t)n;
    if (b->len > max_bytes) {
      snprintf(err, errlen, "input is too large (the limit is %zu bytes)", max_bytes);
      if (!is_stdin) close(fd);
      return -2;
    }
  }
  b->data[b->len] = 0;
  if (!is_stdin) close(fd);
  return 0;
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
 * fixed table (one slot per writing thread) keeps the handler signal-safe. */
#define MAX_TEMPS 64
static char temp_paths[MAX_TEMPS][8192]; /* as large as the temp path buffer in fs_write_atomic_ex */
static volatile sig_atomic_t temp_used[MAX_TEMPS];

static int temp_register(const char *p) {
  for (int i = 0; i < MAX_TEMPS; i++) {
    if (!__sync_lock_test_and_set(&temp_used[i], 1)) {
      snprintf(temp_paths[i], sizeof temp_paths[i], "%s", p);
      return i;
    }
  }
  return -1;
}

static void temp_release(int slot) {
  if (slot >= 0) __sync_lock_release(&temp_used[slot]);
}

void fs_cleanup_temps(void) {
  for (int i = 0; i < MAX_TEMPS; i++)
    if (temp_used[i]) unlink(temp_paths[i]);
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

/* The umask, read once: umask() can only be read by setting it, and two
 * threads doing umask(0); umask(old) at once can leave the process with
 * umask 0 for good (batch writes from several threads). */
static mode_t umask_value;
static void read_umask(void) {
  umask_value = umask(0);
  umask(umask_value);
}
static mode_t process_umask(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, read_umask);
  return umask_value;
}

int fs_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  return fs_write_atomic_ex(path, data, len, 0, err, errlen);
}

int fs_write_atomic_ex(const char *path, const void *data, size_t len, int flags, char *err, size_t errlen) {
  if (strcmp(path, "-") == 0) {
    if (write_all(1, data, len) != 0) {
      snprintf(err, errlen, "cannot write to standard output: %s", strerror(errno));
      return -1;
    }
    return 0;
  }
  char dir[4096];
  fs_dirname(path, dir, sizeof dir);
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "cannot write '%s': folder '%s' does not exist", path, dir);
    return -1;
  }
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "cannot write '%s': it is a directory", path);
    return -1;
  }
  char tmp[4096 + 4096];
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  int nt = snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base);
  if (nt < 0 || (size_t)nt >= sizeof tmp) {
    snprintf(err, errlen, "cannot write '%s': path is too long", path);
    return -1;
  }
  int fd = mkstemp(tmp);
  if (fd < 0) {
    snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    return -1;
  }
  int slot = temp_register(tmp);
  /* mkstemp makes 0600; outputs are ordinary files (0644 less the umask). */
  fchmod(fd, 0666 & ~process_umask());
  if (write_all(fd, data, len) != 0 || (!(flags & FS_NO_FSYNC) && fsync(fd) != 0)) {
    snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    close(fd);
    unlink(tmp);
    temp_release(slot);
    return -1;
  }
  if (close(fd) != 0 || rename(tmp, path) != 0) {
    snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    unlink(tmp);
    temp_release(slot);
    return -1;
  }
  temp_release(slot);
  return 0;
}
