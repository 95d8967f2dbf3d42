/* Font set-up: a private fontconfig configuration built once per process
 * (bundled fonts first, system fonts for fallback), never the process
 * locale.  Building it is the expensive part of a cold start, so it is
 * shared by every engine (fontconfig's config is safe to share read-only). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr */
#endif
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/text_internal.h"

static int is_font_dir(const char *dir) {
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s/HuituSansSC-Regular.otf", dir);
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The bundled fonts are found relative to the running binary (so a
 * relocated install works), then the build tree, then the install prefix. */
int text_find_font_dir(char *out, size_t outlen) {
  const char *env = getenv("HUITU_FONT_PATH");
  if (env && *env) {
    snprintf(out, outlen, "%s", env);
    return is_font_dir(out) ? 0 : -1;
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      const char *rel[] = {"/../share/huitu/fonts", "/../fonts", "/../../fonts", "/fonts"};
      for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, outlen, "%s%s", exe, rel[i]);
        if (is_font_dir(out)) return 0;
      }
    }
  }
  /* Embedded (a program or Python linking libhuitu.so): relative to the
   * shared library itself, so a relocated install (DESTDIR, a moved
   * prefix, lib/<multiarch>/) still finds its fonts. */
  Dl_info info;
  if (dladdr((void *)text_find_font_dir, &info) && info.dli_fname && strchr(info.dli_fname, '/')) {
    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, "%s", info.dli_fname);
    *strrchr(lib, '/') = 0;
    const char *rel[] = {"/../share/huitu/fonts", "/../../share/huitu/fonts", "/fonts", "/../fonts"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
      snprintf(out, outlen, "%s%s", lib, rel[i]);
      if (is_font_dir(out)) return 0;
    }
  }
#ifdef HUITU_BUILD_FONT_DIR
  snprintf(out, outlen, "%s", HUITU_BUILD_FONT_DIR);
  if (is_font_dir(out)) return 0;
#endif
#ifdef HUITU_INSTALL_FONT_DIR
  snprintf(out, outlen, "%s", HUITU_INSTALL_FONT_DIR);
  if (is_font_dir(out)) return 0;
#endif
  return -1;
}

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static FcConfig *shared_config;
static char shared_dir[PATH_MAX];
static int claim_process;

void text_fonts_claim_process(void) { claim_process = 1; }

FcConfig *text_fc_config(const char *font_dir, char *err, size_t errlen) {
  pthread_mutex_lock(&config_lock);
  if (shared_config && strcmp(shared_dir, font_dir) == 0) {
    FcConfigReference(shared_config);
    pthread_mutex_unlock(&config_lock);
    return shared_config;
  }
  /* System configuration and font set (from fontconfig's caches), then the
   * bundled folder as application fonts.  Fonts are always chosen by family
   * name from the spec's lang, so the order here cannot make a locale's
   * preference win. */
  FcConfig *cfg = FcInitLoadConfigAndFonts();
  if (!cfg) {
    pthread_mutex_unlock(&config_lock);
    snprintf(err, errlen, "cannot load the fontconfig configuration");
    return NULL;
  }
  if (!FcConfigAppFontAddDir(cfg, (const FcChar8 *)font_dir)) {
    FcConfigDestroy(cfg);
    pthread_mutex_unlock(&config_lock);
    snprintf(err, errlen, "cannot load the bundled fonts from '%s'", font_dir);
    return NULL;
  }
  if (shared_config) FcConfigDestroy(shared_config);
  shared_config = cfg;
  /* Our configuration is the system's plus the bundled fonts; as the
   * current one, cairo's and Pango's own FcInit() finds it instead of
   * parsing the system XML a second time (a quarter of a cold start). */
  if (claim_process) FcConfigSetCurrent(cfg);
  snprintf(shared_dir, sizeof shared_dir, "%s", font_dir);
  FcConfigReference(cfg);
  pthread_mutex_unlock(&config_lock);
  return cfg;
}

/* Family lists by language: the regional Noto CJK face first where the
 * bundle (Simplified Chinese forms) would draw the wrong regional glyphs. */
const char *text_families_for_lang(const char *lang) {
  if (!lang) lang = "zh-CN";
  if (!strncasecmp(lang, "ja", 2)) return "Noto Sans CJK JP,Huitu Sans SC";
  if (!strncasecmp(lang, "ko", 2)) return "Noto Sans CJK KR,Huitu Sans SC";
  if (!strcasecmp(lang, "zh-HK") || !strcasecmp(lang, "zh-MO") || !strcasecmp(lang, "zh-Hant-HK"))
    return "Noto Sans CJK HK,Noto Sans CJK TC,Huitu Sans SC";
  if (!strcasecmp(lang, "zh-TW") || !strncasecmp(lang, "zh-Hant", 7))
    return "Noto Sans CJK TC,Huitu Sans SC";
  return "Huitu Sans SC";
}
