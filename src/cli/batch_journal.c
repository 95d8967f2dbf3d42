/* The change-detection journal of `huitu batch` (see batch_journal.h). */
#define _GNU_SOURCE
#include "cli/batch_journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "cli/batch_util.h"

#define HASH_PREFIX "fnv1a64:"
#define HASH_PREFIX_LEN 8
#define HASH_HEX_LEN 16

typedef struct entry {
  const char *name; /* NULL: empty slot; else points into the text read */
  uint64_t key;     /* fnv1a64 of name, for the table */
  uint64_t hash;    /* the stored content hash */
} entry;

/* name -> hash, open addressing, the last put of a name winning. */
typedef struct table {
  entry *e;
  size_t cap, n;    /* cap: 0 or a power of two, at most half full */
  size_t lines, bad; /* lines that parsed, lines that did not */
} table;

struct batch_journal {
  char *dir;  /* OUTDIR/.huitu-cache */
  char *path; /* OUTDIR/.huitu-cache/hashes */
  int fd;
  int writable;       /* opened for appending; else write_err says why */
  char write_err[600];
  int locked;         /* holds a shared flock (0: the file system has no flock) */
  int sync;           /* fdatasync after every append */
  int legacy;         /* the folder has NAME.hash files of older versions */
  char *text;         /* the journal as read at open; t's names point into it */
  table t;
  unsigned long appended; /* lines appended by this batch (atomic) */
};

static uint64_t name_key(const char *name) { return fnv1a64(name, strlen(name), FNV64_INIT); }

static const entry *table_find(const table *t, const char *name) {
  if (!t->cap) return NULL;
  uint64_t k = name_key(name);
  for (size_t i = (size_t)k & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
    const entry *e = &t->e[i];
    if (!e->name) return NULL;
    if (e->key == k && !strcmp(e->name, name)) return e;
  }
}

static void table_put(table *t, const char *name, uint64_t hash) {
  if ((t->n + 1) * 2 > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 256;
    entry *e = calloc(cap, sizeof *e);
    if (!e) return; /* out of memory: the name is not remembered, only re-rendered */
    for (size_t i = 0; i < t->cap; i++) {
      if (!t->e[i].name) continue;
      size_t s = (size_t)t->e[i].key & (cap - 1);
      while (e[s].name) s = (s + 1) & (cap - 1);
      e[s] = t->e[i];
    }
    free(t->e);
    t->e = e;
    t->cap = cap;
  }
  uint64_t k = name_key(name);
  size_t i = (size_t)k & (t->cap - 1);
  while (t->e[i].name && !(t->e[i].key == k && !strcmp(t->e[i].name, name))) i = (i + 1) & (t->cap - 1);
  if (!t->e[i].name) t->n++;
  t->e[i] = (entry){name, k, hash};
}

static int hex_value(const char *s, uint64_t *out) {
  uint64_t v = 0;
  for (int i = 0; i < HASH_HEX_LEN; i++) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return -1;
    v = v << 4 | (uint64_t)d;
  }
  *out = v;
  return 0;
}

/* One line, [p, nl) without its LF: unescape the name in place, NUL-end
 * it, and put it.  0, or -1 when the line is not one the journal writes. */
static int parse_line(table *t, char *p, char *nl) {
  char *tab = memchr(p, '\t', (size_t)(nl - p));
  if (!tab || tab == p || nl - tab - 1 != HASH_PREFIX_LEN + HASH_HEX_LEN) return -1;
  if (memcmp(tab + 1, HASH_PREFIX, HASH_PREFIX_LEN) || memchr(p, 0, (size_t)(tab - p))) return -1;
  uint64_t h;
  if (hex_value(tab + 1 + HASH_PREFIX_LEN, &h)) return -1;
  char *w = p;
  for (const char *r = p; r < tab; r++) {
    if (*r != '\\') {
      *w++ = *r;
      continue;
    }
    if (++r == tab) return -1;
    if (*r == '\\') *w++ = '\\';
    else if (*r == 't') *w++ = '\t';
    else if (*r == 'n') *w++ = '\n';
    else return -1;
  }
  *w = 0; /* w <= tab: inside the line */
  table_put(t, p, h);
  return 0;
}

/* Every complete line of text; a last line without its LF (cut short by a
 * crash, or still being appended by another process) is not one. */
static void parse(table *t, char *text, size_t len) {
  char *p = text, *end = text + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) {
      t->bad++;
      break;
    }
    if (parse_line(t, p, nl) == 0)
      t->lines++;
    else
      t->bad++;
    p = nl + 1;
  }
}

/* The whole file from its start (it may grow while being read), NUL-ended. */
static char *read_all(int fd, size_t *len) {
  struct stat st;
  size_t cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 4096 : 4096, n = 0;
  char *b = malloc(cap + 1);
  if (!b) return NULL;
  for (;;) {
    if (n == cap) {
      char *nb = realloc(b, cap * 2 + 1);
      if (!nb) break;
      b = nb;
      cap *= 2;
    }
    ssize_t r = pread(fd, b + n, cap - n, (off_t)n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  b[n] = 0;
  *len = n;
  return b;
}

/* Does the cache folder hold anything an older version wrote (NAME.hash
 * files, sub-folders of them)?  Hidden entries are temporary files, and
 * book-*.hash belongs to --book. */
static int has_legacy_files(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int found = 0;
  struct dirent *e;
  while (!found && (e = readdir(d))) {
    const char *n = e->d_name;
    size_t l = strlen(n);
    if (n[0] == '.' || !strcmp(n, "hashes")) continue;
    if (l > 10 && !strncmp(n, "book-", 5) && !strcmp(n + l - 5, ".hash")) continue;
    found = 1;
  }
  closedir(d);
  return found;
}

static int flock_retry(int fd, int op) {
  int r;
  while ((r = flock(fd, op)) != 0 && errno == EINTR) {
  }
  return r;
}

batch_journal *batch_journal_open(const char *outdir, int sync, char *err, size_t errlen) {
  batch_journal *j = calloc(1, sizeof *j);
  if (!j || asprintf(&j->dir, "%s/.huitu-cache", outdir) < 0 || asprintf(&j->path, "%s/hashes", j->dir) < 0) {
    snprintf(err, errlen, "out of memory");
    free(j);
    return NULL;
  }
  j->sync = sync;
  j->fd = -1;
  int mkdir_errno = mkdir(j->dir, 0777) == 0 ? 0 : errno; /* EEXIST, usually */
  for (int tries = 0;; tries++) {
    j->writable = 1;
    j->fd = open(j->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (j->fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM || errno == ENOENT)) {
      /* A folder we may read but not write: look up, store nothing. */
      if (errno == ENOENT && mkdir_errno && mkdir_errno != EEXIST)
        snprintf(j->write_err, sizeof j->write_err, "cannot create '%s': %s", j->dir, strerror(mkdir_errno));
      else
        snprintf(j->write_err, sizeof j->write_err, "cannot write '%s': %s", j->path, strerror(errno));
      j->writable = 0;
      j->fd = open(j->path, O_RDONLY | O_CLOEXEC);
      if (j->fd < 0 && errno == ENOENT) break; /* nothing stored yet, nothing to store into */
    }
    if (j->fd < 0) {
      snprintf(err, errlen, "cannot open '%s': %s", j->path, strerror(errno));
      batch_journal_close(j);
      return NULL;
    }
    /* Shared: other batches append alongside; a compaction (exclusive)
     * is not under way.  Without flock (some network and FUSE file
     * systems), go on unlocked and never compact. */
    if (flock_retry(j->fd, LOCK_SH) != 0) break;
    j->locked = 1;
    /* Compaction replaces the file: a lock on the old one guards nothing
     * (and a removed journal is made again). */
    struct stat a, b;
    if (fstat(j->fd, &a) != 0 || tries == 20) break;
    if (stat(j->path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) break;
    close(j->fd);
    j->fd = -1;
    j->locked = 0;
  }
  size_t len = 0;
  if (j->fd >= 0) {
    j->text = read_all(j->fd, &len);
    /* A torn last line: end it, so the next append starts a line of its own. */
    if (j->text && len && j->text[len - 1] != '\n' && j->writable && write(j->fd, "\n", 1) != 1) {
    }
    if (j->text) parse(&j->t, j->text, len);
  }
  j->legacy = has_legacy_files(j->dir);
  return j;
}

/* An older version's OUTDIR/.huitu-cache/NAME.hash: "fnv1a64:HEX\n". */
static int read_legacy(const batch_journal *j, const char *name, uint64_t *hash) {
  char p[8192], line[64];
  if (snprintf(p, sizeof p, "%s/%s.hash", j->dir, name) >= (int)sizeof p) return 0;
  int fd = open(p, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, line, sizeof line);
  close(fd);
  const size_t want = HASH_PREFIX_LEN + HASH_HEX_LEN + 1;
  if (n != (ssize_t)want || memcmp(line, HASH_PREFIX, HASH_PREFIX_LEN) || line[want - 1] != '\n') return 0;
  return hex_value(line + HASH_PREFIX_LEN, hash) == 0;
}

int batch_journal_get(const batch_journal *j, const char *name, uint64_t *hash) {
  const entry *e = table_find(&j->t, name);
  if (e) {
    *hash = e->hash;
    return 1;
  }
  return j->legacy && read_legacy(j, name, hash) ? 2 : 0;
}

/* name with \ TAB LF escaped, then TAB fnv1a64:HEX LF, into out.  Returns
 * the length, or 0 when it does not fit. */
static size_t format_line(char *out, size_t cap, const char *name, uint64_t hash) {
  size_t n = 0;
  for (const char *s = name; *s; s++) {
    if (n + 2 > cap) return 0;
    char c = *s == '\t' ? 't' : *s == '\n' ? 'n' : *s;
    if (c != *s || c == '\\') out[n++] = '\\';
    out[n++] = c;
  }
  int m = snprintf(out + n, cap - n, "\t" HASH_PREFIX "%016llx\n", (unsigned long long)hash);
  return m < 0 || (size_t)m >= cap - n ? 0 : n + (size_t)m;
}

int batch_journal_append(batch_journal *j, const char *name, uint64_t hash, char *err, size_t errlen) {
  if (!j->writable) {
    snprintf(err, errlen, "%s", j->write_err);
    return -1;
  }
  char line[2 * 4096 + 64];
  size_t len = format_line(line, sizeof line, name, hash);
  if (!len) {
    snprintf(err, errlen, "the name is too long");
    return -1;
  }
  /* One write(2) per line on an O_APPEND descriptor.  On local Linux file
   * systems (ext4, xfs, btrfs, tmpfs) a write to a regular file is made
   * under the file's lock, and O_APPEND moves to the end inside it, so
   * lines of concurrent appenders (these workers, other shards) never
   * interleave.  Over NFS, appends from different hosts are not atomic: a
   * line may be garbled or lost; it then does not parse, and the figure is
   * only rendered again. */
  ssize_t w;
  while ((w = write(j->fd, line, len)) < 0 && errno == EINTR) {
  }
  if (w != (ssize_t)len) {
    int e = w < 0 ? errno : ENOSPC;
    if (w > 0 && write(j->fd, "\n", 1) != 1) {
      /* a torn line: it does not parse, which only costs a re-render */
    }
    snprintf(err, errlen, "cannot write '%s': %s", j->path, strerror(e));
    return -1;
  }
  if (j->sync && fdatasync(j->fd) != 0) {
    snprintf(err, errlen, "cannot write '%s': %s", j->path, strerror(errno));
    return -1;
  }
  __atomic_fetch_add(&j->appended, 1, __ATOMIC_RELAXED);
  /* An older version's file for this name would be out of date from now
   * on (and read again if the journal were lost): remove it. */
  if (j->legacy && !table_find(&j->t, name)) {
    char p[8192];
    if (snprintf(p, sizeof p, "%s/%s.hash", j->dir, name) < (int)sizeof p && unlink(p) == 0) {
      /* and the sub-folders it leaves empty (rmdir fails on the others) */
      size_t dl = strlen(j->dir);
      for (char *s = strrchr(p, '/'); s && (size_t)(s - p) > dl; s = strrchr(p, '/')) {
        *s = 0;
        if (rmdir(p) != 0) break;
      }
    }
  }
  return 0;
}

unsigned batch_journal_appended(const batch_journal *j) {
  return j ? (unsigned)__atomic_load_n(&j->appended, __ATOMIC_RELAXED) : 0;
}

void batch_journal_add_appended(batch_journal *j, unsigned n) {
  if (j) __atomic_fetch_add(&j->appended, n, __ATOMIC_RELAXED);
}

static int cmp_entries(const void *a, const void *b) { return strcmp(((const entry *)a)->name, ((const entry *)b)->name); }

/* Rewrite the journal with one line per name, sorted.  The caller holds
 * the exclusive lock, so no line can be appended meanwhile. */
static void compact(batch_journal *j) {
  size_t len = 0;
  char *text = read_all(j->fd, &len);
  if (!text) return;
  table t = {0};
  parse(&t, text, len);
  if (t.bad || t.lines != t.n) {
    entry *v = malloc((t.n ? t.n : 1) * sizeof *v);
    buf o = {0};
    if (v) {
      size_t n = 0;
      for (size_t i = 0; i < t.cap; i++)
        if (t.e[i].name) v[n++] = t.e[i];
      qsort(v, n, sizeof *v, cmp_entries);
      char line[2 * 4096 + 64];
      for (size_t i = 0; i < n; i++) buf_put(&o, line, format_line(line, sizeof line, v[i].name, v[i].hash));
      char err[600];
      /* Atomic: an interrupted compaction leaves the journal as it was. */
      fs_write_atomic_ex(j->path, o.data ? o.data : "", o.len, j->sync ? 0 : FS_NO_FSYNC, err, sizeof err);
    }
    buf_free(&o);
    free(v);
  }
  free(t.e);
  free(text);
}

void batch_journal_close(batch_journal *j) {
  if (!j) return;
  if (j->fd >= 0 && j->locked && j->writable) {
    int worthwhile = __atomic_load_n(&j->appended, __ATOMIC_RELAXED) || j->t.bad || j->t.lines != j->t.n;
    /* Only when no other batch holds the journal: one that is appending
     * would go on writing into the file this replaces. */
    if (worthwhile && flock(j->fd, LOCK_EX | LOCK_NB) == 0) compact(j);
  }
  if (j->fd >= 0) close(j->fd); /* releases the lock */
  free(j->t.e);
  free(j->text);
  free(j->path);
  free(j->dir);
  free(j);
}
