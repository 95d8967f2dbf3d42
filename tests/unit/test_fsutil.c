/* fs_write_atomic (and fs_atomic_*, piece by piece): the file appears whole with 0666 less the umask, an
 * existing target is replaced, failures name the missing folder or the
 * directory in the way and leave no temporary file, a temporary name that
 * is taken (a killed process's leftover) is skipped without touching it,
 * and threads writing at once (distinct targets and one shared target)
 * all succeed with nothing left behind.  fs_read_file reads back. */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "testing.h"

static char dir[] = "/tmp/huitu_test_fsutil_XXXXXX";

/* Entries of a folder other than . and .., and how many of them are hidden. */
static int count_entries(const char *d, int *hidden) {
  DIR *h = opendir(d);
  int n = 0;
  *hidden = 0;
  if (!h) return -1;
  struct dirent *e;
  while ((e = readdir(h))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    n++;
    if (e->d_name[0] == '.') (*hidden)++;
  }
  closedir(h);
  return n;
}

static int file_is(const char *path, const char *want) {
  buf b = {0};
  char err[256];
  int ok = fs_read_file(path, &b, 1 << 20, err, sizeof err) == 0 && b.len == strlen(want) && !memcmp(b.data, want, b.len);
  buf_free(&b);
  return ok;
}

typedef struct writer {
  int id;
  int failures;
} writer;

static void *write_many(void *arg) {
  writer *w = arg;
  char path[512], data[64], err[512];
  for (int i = 0; i < 200; i++) {
    snprintf(path, sizeof path, "%s/threads/t%d-%d.txt", dir, w->id, i % 20);
    int n = snprintf(data, sizeof data, "thread %d write %d\n", w->id, i);
    if (fs_write_atomic_ex(path, data, (size_t)n, FS_NO_FSYNC, err, sizeof err) != 0) w->failures++;
    snprintf(path, sizeof path, "%s/threads/shared.txt", dir);
    if (fs_write_atomic_ex(path, data, (size_t)n, FS_NO_FSYNC, err, sizeof err) != 0) w->failures++;
  }
  return NULL;
}

int main(void) {
  CHECK(mkdtemp(dir) != NULL);
  char p[512], q[512], err[1024];
  int hidden;

  /* Modes: the kernel applies the umask to 0666. */
  mode_t old = umask(022);
  snprintf(p, sizeof p, "%s/a.txt", dir);
  CHECK(fs_write_atomic(p, "one\n", 4, err, sizeof err) == 0);
  CHECK(file_is(p, "one\n"));
  struct stat st;
  CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0644);
  umask(077);
  snprintf(q, sizeof q, "%s/private.txt", dir);
  CHECK(fs_write_atomic_ex(q, "x", 1, FS_NO_FSYNC, err, sizeof err) == 0);
  CHECK(stat(q, &st) == 0 && (st.st_mode & 0777) == 0600);
  umask(022);

  /* Replacing: the new bytes, a new file (the old one is never opened
   * for writing), nothing else in the folder. */
  ino_t before = stat(p, &st) == 0 ? st.st_ino : 0;
  CHECK(fs_write_atomic_ex(p, "two, longer\n", 12, FS_NO_FSYNC, err, sizeof err) == 0);
  CHECK(file_is(p, "two, longer\n"));
  CHECK(stat(p, &st) == 0 && st.st_ino != before);
  CHECK(count_entries(dir, &hidden) == 2 && hidden == 0);

  /* A missing folder, named as before. */
  snprintf(p, sizeof p, "%s/nope/b.txt", dir);
  CHECK(fs_write_atomic(p, "x", 1, err, sizeof err) == -1);
  snprintf(q, sizeof q, "cannot write '%s': folder '%s/nope' does not exist", p, dir);
  CHECK_STR(err, q);
  /* A file where the folder should be. */
  snprintf(p, sizeof p, "%s/a.txt/b.txt", dir);
  CHECK(fs_write_atomic(p, "x", 1, err, sizeof err) == -1);
  snprintf(q, sizeof q, "cannot write '%s': folder '%s/a.txt' does not exist", p, dir);
  CHECK_STR(err, q);

  /* A directory in the way: refused, untouched, no temporary file left. */
  snprintf(p, sizeof p, "%s/sub", dir);
  CHECK(mkdir(p, 0777) == 0);
  snprintf(q, sizeof q, "%s/sub/keep", dir);
  CHECK(fs_write_atomic(q, "k", 1, err, sizeof err) == 0);
  CHECK(fs_write_atomic_ex(p, "x", 1, FS_NO_FSYNC, err, sizeof err) == -1);
  snprintf(q, sizeof q, "cannot write '%s': it is a directory", p);
  CHECK_STR(err, q);
  CHECK(count_entries(p, &hidden) == 1 && hidden == 0);
  CHECK(count_entries(dir, &hidden) == 3 && hidden == 0);

  /* Temporary names taken (".NAME.PID-N.tmp" left by a killed process
   * whose pid came round again): skipped, and left as they were. */
  snprintf(p, sizeof p, "%s/taken", dir);
  CHECK(mkdir(p, 0777) == 0);
  for (int n = 0; n < 40; n++) {
    snprintf(q, sizeof q, "%s/taken/.out.txt.%ld-%d.tmp", dir, (long)getpid(), n);
    FILE *f = fopen(q, "w");
    CHECK(f != NULL);
    if (f) fclose(f);
  }
  snprintf(q, sizeof q, "%s/taken/out.txt", dir);
  CHECK(fs_write_atomic_ex(q, "ok\n", 3, FS_NO_FSYNC, err, sizeof err) == 0);
  CHECK(file_is(q, "ok\n"));
  CHECK(count_entries(p, &hidden) == 41 && hidden == 40);
  snprintf(q, sizeof q, "%s/taken/.out.txt.%ld-%d.tmp", dir, (long)getpid(), 0);
  CHECK(file_is(q, ""));

  /* Written piece by piece: nothing at the target until the commit, then
   * the whole; an abort leaves the old file and no temporary one. */
  snprintf(p, sizeof p, "%s/stream", dir);
  CHECK(mkdir(p, 0777) == 0);
  snprintf(q, sizeof q, "%s/stream/s.txt", dir);
  CHECK(fs_write_atomic(q, "old\n", 4, err, sizeof err) == 0);
  fs_atomic a;
  if (REQUIRED(fs_atomic_open(&a, q, err, sizeof err) == 0)) {
    CHECK(fs_atomic_write(&a, "ne", 2) == 0);
    CHECK(file_is(q, "old\n"));
    CHECK(count_entries(p, &hidden) == 2 && hidden == 1);
    CHECK(fs_atomic_write(&a, "w\n", 2) == 0);
    CHECK(fs_atomic_commit(&a, FS_NO_FSYNC, err, sizeof err) == 0);
  }
  CHECK(file_is(q, "new\n"));
  if (REQUIRED(fs_atomic_open(&a, q, err, sizeof err) == 0)) {
    CHECK(fs_atomic_write(&a, "half", 4) == 0);
    err[0] = 0;
    fs_atomic_abort(&a, err, sizeof err);
    CHECK_STR(err, "");
  }
  CHECK(file_is(q, "new\n"));
  CHECK(count_entries(p, &hidden) == 1 && hidden == 0);

  /* Threads at once: distinct targets and one shared target. */
  snprintf(p, sizeof p, "%s/threads", dir);
  CHECK(mkdir(p, 0777) == 0);
  pthread_t th[8];
  writer w[8];
  for (int i = 0; i < 8; i++) {
    w[i] = (writer){i, 0};
    pthread_create(&th[i], NULL, write_many, &w[i]);
  }
  int failures = 0;
  for (int i = 0; i < 8; i++) {
    pthread_join(th[i], NULL);
    failures += w[i].failures;
  }
  CHECK(failures == 0);
  CHECK(count_entries(p, &hidden) == 8 * 20 + 1 && hidden == 0);
  snprintf(q, sizeof q, "%s/threads/t3-7.txt", dir);
  CHECK(file_is(q, "thread 3 write 187\n"));

  umask(old);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
  return testing_done("test_fsutil");
}
