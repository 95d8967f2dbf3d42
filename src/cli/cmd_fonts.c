/* huitu fonts install: puts the bundled Huitu Sans SC where office suites
 * and browsers find it, so SVGs written with --svg-text text look in
 * LibreOffice and PowerPoint as huitu drew them (LibreOffice uses only the
 * first name of a font-family list: without the face it falls back on its
 * own).  Copies the fonts and their licence into the user's font folder
 * ($XDG_DATA_HOME/fonts/huitu, ~/.local/share/fonts/huitu by default, or
 * --dir) and refreshes fontconfig's cache when fc-cache is there. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "cli/cli.h"
#include "text/text_internal.h"

static const char *const FONT_FILES[] = {"HuituSansSC-Regular.otf", "HuituSansSC-Bold.otf", "OFL.txt", NULL};

/* mkdir -p: 0, or -1 with errno. */
static int make_dirs(const char *path) {
  char p[PATH_MAX];
  if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p) {
    errno = ENAMETOOLONG;
    return -1;
  }
  for (char *s = p + 1;; s++) {
    if (*s != '/' && *s) continue;
    char c = *s;
    *s = 0;
    if (mkdir(p, 0755) != 0 && errno != EEXIST) return -1;
    *s = c;
    if (!c) break;
  }
  struct stat st;
  if (stat(p, &st) != 0) return -1;
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return -1;
  }
  return 0;
}

/* The user's font folder for huitu's fonts, as fontconfig reads it. */
static int user_font_dir(char *out, size_t n) {
  const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  if (xdg && xdg[0] == '/') return snprintf(out, n, "%s/fonts/huitu", xdg) < (int)n ? 0 : -1;
  if (home && *home) return snprintf(out, n, "%s/.local/share/fonts/huitu", home) < (int)n ? 0 : -1;
  return -1;
}

static int install(const char *from, const char *to) {
  char esc[PATH_MAX + 64];
  if (make_dirs(to) != 0) {
    fprintf(stderr, "huitu fonts: cannot create %s: %s\n", cli_esc(to, esc, sizeof esc), strerror(errno));
    return 1;
  }
  for (int i = 0; FONT_FILES[i]; i++) {
    char src[PATH_MAX], dst[PATH_MAX], err[512];
    if (snprintf(src, sizeof src, "%s/%s", from, FONT_FILES[i]) >= (int)sizeof src ||
        snprintf(dst, sizeof dst, "%s/%s", to, FONT_FILES[i]) >= (int)sizeof dst) {
      fprintf(stderr, "huitu fonts: the path is too long\n");
      return 1;
    }
    buf b = {0};
    int rc = fs_read_file(src, &b, (size_t)64 << 20, err, sizeof err);
    if (rc == 0) rc = fs_write_atomic(dst, b.data, b.len, err, sizeof err);
    buf_free(&b);
    if (rc != 0) {
      fprintf(stderr, "huitu fonts: %s\n", err);
      return 1;
    }
    printf("installed %s\n", cli_esc(dst, esc, sizeof esc));
  }
  return 0;
}

int cmd_fonts(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  int rc0 = cli_begin(c, argc, argv, &p);
  if (rc0 >= 0) return rc0;
  if (p.nargs != 1 || strcmp(p.args[0], "install") != 0) {
    fprintf(stderr, "usage: %s\n", c->usage);
    cli_args_free(&p);
    return 2;
  }
  char from[PATH_MAX], to[PATH_MAX];
  const char *dir = cli_val(c, &p, "dir");
  int rc = 1;
  if (text_find_font_dir(from, sizeof from) != 0) {
    fprintf(stderr, "huitu fonts: cannot find huitu's bundled fonts; set HUITU_FONT_PATH to the fonts folder\n");
  } else if (dir ? snprintf(to, sizeof to, "%s", dir) >= (int)sizeof to : user_font_dir(to, sizeof to) != 0) {
    fprintf(stderr, "huitu fonts: no font folder: set HOME or XDG_DATA_HOME, or give --dir\n");
  } else {
    rc = install(from, to);
  }
  cli_args_free(&p);
  if (rc) return rc;
  /* fontconfig notices a new folder by itself; the cache makes it at once. */
  if (system("command -v fc-cache >/dev/null 2>&1") == 0) {
    char cmd[PATH_MAX + 32], quoted[PATH_MAX * 4 + 3];
    size_t q = 0;
    quoted[q++] = '\'';
    for (const char *s = to; *s && q + 5 < sizeof quoted; s++) {
      if (*s == '\'') {
        memcpy(quoted + q, "'\\''", 4);
        q += 4;
      } else {
        quoted[q++] = *s;
      }
    }
    quoted[q++] = '\'';
    quoted[q] = 0;
    if (snprintf(cmd, sizeof cmd, "fc-cache -f %s >/dev/null 2>&1", quoted) < (int)sizeof cmd && system(cmd) != 0)
      fprintf(stderr, "huitu fonts: fc-cache failed; the fonts are found once fontconfig rescans\n");
  }
  printf("Huitu Sans SC is installed for this user.  Windows: open each .otf and choose Install; macOS: open "
         "each .otf in Font Book.\n");
  return 0;
}
