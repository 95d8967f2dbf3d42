/* Font set-up: a private fontconfig configuration built once per process
 * (bundled fonts first, system fonts for fallback), never the process
 * locale.  Building it is the expensive part of a cold start, so it is
 * shared by every engine (fontconfig's config is safe to share read-only).
 * Its rules are compiled in (private_conf below), not parsed from the
 * system's /etc/fonts XML on every start. */
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

#include "base/rsvg_lib.h"
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

/* The configurations are built once per process and shared by every
 * engine (fontconfig's config is safe to share read-only): tiers[0] holds
 * the bundled fonts only, tiers[1] everything (see text_fc_config). */
static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static FcConfig *tiers[2];
static char tier_dir[2][PATH_MAX];
static FcCharSet *bundled_chars; /* what every bundled face draws (tiers[0]) */
static FcStrSet *bundled_families;
static int claim_process;
static int rsvg_wants_full; /* librsvg is loaded: keep the full tier current */

static FcConfig *tier_config(int full, const char *font_dir, char *err, size_t errlen);

/* librsvg (an SVG image) draws its text with the current configuration,
 * which must then hold every font, as it did before the bundled tier. */
static void before_rsvg(void) {
  pthread_mutex_lock(&config_lock);
  rsvg_wants_full = 1;
  char err[256];
  if (tiers[0] && !tiers[1]) tier_config(1, tier_dir[0], err, sizeof err);
  pthread_mutex_unlock(&config_lock);
}

void text_fonts_claim_process(void) {
  claim_process = 1;
  rsvg_lib_before_load(before_rsvg);
}

/* The private configuration: the system font folders and fontconfig's own
 * cache folders (the caches fc-cache keeps, read-only is fine; a folder
 * with no valid cache is scanned and its cache written to the first
 * writable one, as every fontconfig program does), and the rules of the
 * standard configuration that decide which face draws a character, in the
 * system's order: Debian 12's fontconfig 2.14 fonts.conf spelling aliases,
 * 10-hinting-slight, 10-yes-antialias, 11-lcdfilter-default, 45-latin,
 * 48-spacing, 49-sansserif, 60-latin, 61-urw-*, 65-nonlatin, 69-unifont,
 * 70-fonts-noto-cjk, 70-no-bitmaps, 90-synthetic.  Parsing the ~60 system
 * files was 30 % of a cold start's instructions; this is ~28 KB of XML in
 * memory.  fc-match -s with it sorts the same fonts in the same order as
 * the system configuration for the families and languages huitu asks for
 * (the gallery renders byte-identical).  Not carried over: a user's own
 * fonts.conf and local.conf, 30-metric-aliases (Arial -> Liberation Sans:
 * a spec must name a font that exists, see text_family_resolve), the emoji
 * and math generics.  FONTCONFIG_FILE or FONTCONFIG_PATH in the
 * environment, or HUITU_FONTCONFIG=system, selects the system
 * configuration instead. */
/* The parts of the configuration that are not about which family draws
 * what: where fontconfig keeps its caches, how glyphs are rendered, and the
 * synthetic oblique and bold of 90-synthetic.  Both configurations below
 * have them, so a font comes out of either with the same pattern. */
#define CONF_CACHE_DIRS \
    "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir><cachedir>~/.fontconfig</cachedir>\n"
#define CONF_RENDER_RULES \
    "<match><edit name=\"hintstyle\" mode=\"append\"><const>hintslight</const></edit></match>\n" \
    "<match><edit name=\"antialias\" mode=\"append\"><bool>true</bool></edit></match>\n" \
    "<match><edit name=\"lcdfilter\" mode=\"append\"><const>lcddefault</const></edit></match>\n"
#define CONF_SYNTHETIC_RULES \
    "<match target=\"font\"><test name=\"slant\"><const>roman</const></test><test target=\"pattern\" name=\"slant\" compare=\"not_eq\"><const>roman</const></test><edit name=\"matrix\" mode=\"assign\"><times><name>matrix</name><matrix><double>1</double><double>0.2</double><double>0</double><double>1</double></matrix></times></edit><edit name=\"slant\" mode=\"assign\"><const>oblique</const></edit><edit name=\"embeddedbitmap\" mode=\"assign\"><bool>false</bool></edit></match>\n" \
    "<match target=\"font\"><test name=\"weight\" compare=\"less_eq\"><const>medium</const></test><test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test><edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit><edit name=\"weight\" mode=\"assign\"><const>bold</const></edit></match>\n"

static const char private_conf[] =
    "<fontconfig>\n"
    "<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir><dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>\n"
    CONF_CACHE_DIRS
    "<selectfont><rejectfont><glob>*.dpkg-tmp</glob><glob>*.dpkg-new</glob></rejectfont></selectfont>\n"
    "<match><test qual=\"any\" name=\"family\"><string>mono</string></test><edit name=\"family\" mode=\"assign\" binding=\"same\"><string>monospace</string></edit></match>\n"
    "<match><test qual=\"any\" name=\"family\"><string>sans serif</string></test><edit name=\"family\" mode=\"assign\" binding=\"same\"><string>sans-serif</string></edit></match>\n"
    "<match><test qual=\"any\" name=\"family\"><string>sans</string></test><edit name=\"family\" mode=\"assign\" binding=\"same\"><string>sans-serif</string></edit></match>\n"
    "<match><test qual=\"any\" name=\"family\"><string>system ui</string></test><edit name=\"family\" mode=\"assign\" binding=\"same\"><string>system-ui</string></edit></match>\n"
    CONF_RENDER_RULES
    "<alias><family>Bitstream Vera Serif</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Cambria</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Constantia</family><default><family>serif</family></default></alias>\n"
    "<alias><family>DejaVu Serif</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Elephant</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Garamond</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Georgia</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Liberation Serif</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Luxi Serif</family><default><family>serif</family></default></alias>\n"
    "<alias><family>MS Serif</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Nimbus Roman No9 L</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Nimbus Roman</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Palatino Linotype</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Thorndale AMT</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Thorndale</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Times New Roman</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Times</family><default><family>serif</family></default></alias>\n"
    "<alias><family>Albany AMT</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Albany</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Arial Unicode MS</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Arial</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Bitstream Vera Sans</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Britannic</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Calibri</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Candara</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Century Gothic</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Corbel</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>DejaVu Sans</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Helvetica</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Haettenschweiler</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Liberation Sans</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>MS Sans Serif</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Nimbus Sans L</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Nimbus Sans</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Luxi Sans</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Tahoma</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Trebuchet MS</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Twentieth Century</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Verdana</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Andale Mono</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Bitstream Vera Sans Mono</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Consolas</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Courier New</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Courier</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Courier Std</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Cumberland AMT</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Cumberland</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>DejaVu Sans Mono</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Fixedsys</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Inconsolata</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Liberation Mono</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Luxi Mono</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Nimbus Mono L</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Nimbus Mono</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Nimbus Mono PS</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Terminal</family><default><family>monospace</family></default></alias>\n"
    "<alias><family>Bauhaus Std</family><default><family>fantasy</family></default></alias>\n"
    "<alias><family>Cooper Std</family><default><family>fantasy</family></default></alias>\n"
    "<alias><family>Copperplate Gothic Std</family><default><family>fantasy</family></default></alias>\n"
    "<alias><family>Impact</family><default><family>fantasy</family></default></alias>\n"
    "<alias><family>Comic Sans MS</family><default><family>cursive</family></default></alias>\n"
    "<alias><family>ITC Zapf Chancery Std</family><default><family>cursive</family></default></alias>\n"
    "<alias><family>Zapfino</family><default><family>cursive</family></default></alias>\n"
    "<alias><family>Cantarell</family><default><family>system-ui</family></default></alias>\n"
    "<alias><family>Noto Sans UI</family><default><family>system-ui</family></default></alias>\n"
    "<alias><family>Segoe UI</family><default><family>system-ui</family></default></alias>\n"
    "<alias><family>Segoe UI Historic</family><default><family>system-ui</family></default></alias>\n"
    "<alias><family>Segoe UI Symbol</family><default><family>system-ui</family></default></alias>\n"
    "<match><test name=\"spacing\"><int>100</int></test><edit name=\"family\" mode=\"prepend\"><string>monospace</string></edit></match>\n"
    "<match><test qual=\"all\" name=\"family\" compare=\"not_eq\"><string>sans-serif</string></test><test qual=\"all\" name=\"family\" compare=\"not_eq\"><string>serif</string></test><test qual=\"all\" name=\"family\" compare=\"not_eq\"><string>monospace</string></test><edit name=\"family\" mode=\"append_last\"><string>sans-serif</string></edit></match>\n"
    "<alias><family>serif</family><prefer><family>Noto Serif</family><family>DejaVu Serif</family><family>Times New Roman</family><family>Thorndale AMT</family><family>Luxi Serif</family><family>Nimbus Roman No9 L</family><family>Nimbus Roman</family><family>Times</family></prefer></alias>\n"
    "<alias><family>sans-serif</family><prefer><family>Noto Sans</family><family>DejaVu Sans</family><family>Verdana</family><family>Arial</family><family>Albany AMT</family><family>Luxi Sans</family><family>Nimbus Sans L</family><family>Nimbus Sans</family><family>Helvetica</family><family>Lucida Sans Unicode</family><family>BPG Glaho International</family><family>Tahoma</family></prefer></alias>\n"
    "<alias><family>monospace</family><prefer><family>Noto Sans Mono</family><family>DejaVu Sans Mono</family><family>Inconsolata</family><family>Andale Mono</family><family>Courier New</family><family>Cumberland AMT</family><family>Luxi Mono</family><family>Nimbus Mono L</family><family>Nimbus Mono</family><family>Nimbus Mono PS</family><family>Courier</family></prefer></alias>\n"
    "<alias><family>system-ui</family><prefer><family>Cantarell</family><family>Noto Sans UI</family><family>Segoe UI</family><family>Segoe UI Historic</family><family>Segoe UI Symbol</family></prefer></alias>\n"
    "<alias><family>serif</family><prefer><family>URW Bookman</family></prefer></alias>\n"
    "<alias><family>URW Bookman</family><default><family>serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>URW Bookman</family><default><family>ITC Bookman</family></default></alias>\n"
    "<alias binding=\"same\"><family>ITC Bookman</family><accept><family>URW Bookman</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Bookman Old Style</family><accept><family>URW Bookman</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Bonum</family><accept><family>URW Bookman</family></accept></alias>\n"
    "<alias><family>serif</family><prefer><family>C059</family></prefer></alias>\n"
    "<alias><family>C059</family><default><family>serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>C059</family><default><family>New Century Schoolbook</family></default></alias>\n"
    "<alias binding=\"same\"><family>New Century Schoolbook</family><accept><family>C059</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Century Schoolbook</family><accept><family>C059</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Tex Gyre Schola</family><accept><family>C059</family></accept></alias>\n"
    "<alias><family>fantasy</family><prefer><family>D050000L</family></prefer></alias>\n"
    "<alias><family>D050000L</family><default><family>fantasy</family></default></alias>\n"
    "<alias binding=\"same\"><family>D050000L</family><default><family>ITC Zapf Dingbats</family></default></alias>\n"
    "<alias binding=\"same\"><family>ITC Zapf Dingbats</family><accept><family>D050000L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>ITC Zapf Dingbats Std</family><accept><family>D050000L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Zapf Dingbats</family><accept><family>D050000L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Century Schoolbook L</family><accept><family>C059</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Century SchoolBook URW</family><accept><family>C059</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Dingbats</family><accept><family>D050000L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Mono</family><accept><family>Nimbus Mono PS</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Mono L</family><accept><family>Nimbus Mono PS</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Roman No9 L</family><accept><family>Nimbus Roman</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Sans L</family><accept><family>Nimbus Sans</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Palladio URW</family><accept><family>P052</family></accept></alias>\n"
    "<alias binding=\"same\"><family>URW Palladio L</family><accept><family>P052</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Standard Symbols L</family><accept><family>Standard Symbols PS</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Bookman URW</family><accept><family>URW Bookman</family></accept></alias>\n"
    "<alias binding=\"same\"><family>URW Bookman L</family><accept><family>URW Bookman</family></accept></alias>\n"
    "<alias binding=\"same\"><family>URW Gothic L</family><accept><family>URW Gothic</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Chancery URW</family><accept><family>Z003</family></accept></alias>\n"
    "<alias binding=\"same\"><family>URW Chancery L</family><accept><family>Z003</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Courier</family><accept><family>Nimbus Mono</family><family>Nimbus Mono L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Helvetica</family><accept><family>Nimbus Sans L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>ITC Avant Garde Gothic</family><accept><family>URW Gothic L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>ITC Bookman</family><accept><family>Bookman URW</family><family>URW Bookman L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>ITC Zapf Chancery</family><accept><family>Chancery URW</family><family>URW Chancery L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>ITC Zapf Dingbats</family><accept><family>Dingbats</family></accept></alias>\n"
    "<alias binding=\"same\"><family>New Century Schoolbook</family><accept><family>Century Schoolbook L</family><family>Century SchoolBook URW</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Palatino</family><accept><family>Palladio URW</family><family>URW Palladio L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Symbol</family><accept><family>Standard Symbols L</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Times</family><accept><family>Nimbus Roman No9 L</family></accept></alias>\n"
    "<alias><family>sans-serif</family><prefer><family>URW Gothic</family></prefer></alias>\n"
    "<alias><family>URW Gothic</family><default><family>sans-serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>URW Gothic</family><default><family>ITC Avant Garde Gothic</family></default></alias>\n"
    "<alias binding=\"same\"><family>ITC Avant Garde Gothic</family><accept><family>URW Gothic</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Adventor</family><accept><family>URW Gothic</family></accept></alias>\n"
    "<alias><family>monospace</family><prefer><family>Nimbus Mono PS</family></prefer></alias>\n"
    "<alias><family>Nimbus Mono PS</family><default><family>monospace</family></default></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Mono PS</family><default><family>Courier</family></default></alias>\n"
    "<alias binding=\"same\"><family>Courier</family><accept><family>Nimbus Mono PS</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Cursor</family><accept><family>Nimbus Mono PS</family></accept></alias>\n"
    "<alias><family>serif</family><prefer><family>Nimbus Roman</family></prefer></alias>\n"
    "<alias><family>Nimbus Roman</family><default><family>serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Roman</family><default><family>Times</family></default></alias>\n"
    "<alias binding=\"same\"><family>Times</family><accept><family>Nimbus Roman</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Termes</family><accept><family>Nimbus Roman</family></accept></alias>\n"
    "<alias><family>sans-serif</family><prefer><family>Nimbus Sans</family></prefer></alias>\n"
    "<alias><family>sans-serif</family><prefer><family>Nimbus Sans Narrow</family></prefer></alias>\n"
    "<alias><family>Nimbus Sans</family><default><family>sans-serif</family></default></alias>\n"
    "<alias><family>Nimbus Sans Narrow</family><default><family>sans-serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Sans</family><default><family>Helvetica</family></default></alias>\n"
    "<alias binding=\"same\"><family>Nimbus Sans Narrow</family><default><family>Helvetica Narrow</family></default></alias>\n"
    "<alias binding=\"same\"><family>Helvetica</family><accept><family>Nimbus Sans</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Helvetica Narrow</family><accept><family>Nimbus Sans Narrow</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Heros</family><accept><family>Nimbus Sans</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Heros Cn</family><accept><family>Nimbus Sans Narrow</family></accept></alias>\n"
    "<alias><family>serif</family><prefer><family>P052</family></prefer></alias>\n"
    "<alias><family>P052</family><default><family>serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>P052</family><default><family>Palatino</family></default></alias>\n"
    "<alias binding=\"same\"><family>Palatino</family><accept><family>P052</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Palatino Linotype</family><accept><family>P052</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Tex Gyre Pagella</family><accept><family>P052</family></accept></alias>\n"
    "<alias><family>serif</family><prefer><family>Standard Symbols PS</family></prefer></alias>\n"
    "<alias><family>Standard Symbols PS</family><default><family>serif</family></default></alias>\n"
    "<alias binding=\"same\"><family>Standard Symbols PS</family><default><family>Symbol</family></default></alias>\n"
    "<alias binding=\"same\"><family>Symbol</family><accept><family>Standard Symbols PS</family></accept></alias>\n"
    "<alias binding=\"same\"><family>SymbolNeu</family><accept><family>Standard Symbols PS</family></accept></alias>\n"
    "<alias binding=\"same\"><family>Symbol Neu for Powerline</family><accept><family>Standard Symbols PS</family></accept></alias>\n"
    "<alias><family>cursive</family><prefer><family>Z003</family></prefer></alias>\n"
    "<alias><family>Z003</family><default><family>cursive</family></default></alias>\n"
    "<alias binding=\"same\"><family>Z003</family><default><family>ITC Zapf Chancery</family></default></alias>\n"
    "<alias binding=\"same\"><family>ITC Zapf Chancery</family><accept><family>Z003</family></accept></alias>\n"
    "<alias binding=\"same\"><family>TeX Gyre Chorus</family><accept><family>Z003</family></accept></alias>\n"
    "<alias><family>serif</family><prefer><family>Artsounk</family><family>BPG UTF8 M</family><family>Kinnari</family><family>Norasi</family><family>Frank Ruehl</family><family>Dror</family><family>JG LaoTimes</family><family>Saysettha Unicode</family><family>Pigiarniq</family><family>B Davat</family><family>B Compset</family><family>Kacst-Qr</family><family>Urdu Nastaliq Unicode</family><family>Raghindi</family><family>Mukti Narrow</family><family>padmaa</family><family>Hapax Berbère</family><family>MS Mincho</family><family>SimSun</family><family>PMingLiu</family><family>WenQuanYi Zen Hei</family><family>WenQuanYi Bitmap Song</family><family>AR PL ShanHeiSun Uni</family><family>AR PL New Sung</family><family>ZYSong18030</family><family>HanyiSong</family><family>MgOpen Canonica</family><family>Sazanami Mincho</family><family>IPAMonaMincho</family><family>IPAMincho</family><family>Kochi Mincho</family><family>AR PL SungtiL GB</family><family>AR PL Mingti2L Big5</family><family>AR PL Zenkai Uni</family><family>ＭＳ 明朝</family><family>ZYSong18030</family><family>NanumMyeongjo</family><family>UnBatang</family><family>Baekmuk Batang</family><family>KacstQura</family><family>Frank Ruehl CLM</family><family>Lohit Bengali</family><family>Lohit Gujarati</family><family>Lohit Hindi</family><family>Lohit Marathi</family><family>Lohit Maithili</family><family>Lohit Kashmiri</family><family>Lohit Konkani</family><family>Lohit Nepali</family><family>Lohit Sindhi</family><family>Lohit Punjabi</family><family>Lohit Tamil</family><family>Rachana</family><family>Lohit Malayalam</family><family>Lohit Kannada</family><family>Lohit Telugu</family><family>Lohit Oriya</family><family>LKLUG</family></prefer></alias>\n"
    "<alias><family>sans-serif</family><prefer><family>Nachlieli</family><family>Lucida Sans Unicode</family><family>Yudit Unicode</family><family>Kerkis</family><family>ArmNet Helvetica</family><family>Artsounk</family><family>BPG UTF8 M</family><family>Waree</family><family>Loma</family><family>Garuda</family><family>Umpush</family><family>Saysettha Unicode</family><family>JG Lao Old Arial</family><family>GF Zemen Unicode</family><family>Pigiarniq</family><family>B Davat</family><family>B Compset</family><family>Kacst-Qr</family><family>Urdu Nastaliq Unicode</family><family>Raghindi</family><family>Mukti Narrow</family><family>padmaa</family><family>Hapax Berbère</family><family>MS Gothic</family><family>UmePlus P Gothic</family><family>Microsoft YaHei</family><family>Microsoft JhengHei</family><family>WenQuanYi Zen Hei</family><family>WenQuanYi Bitmap Song</family><family>AR PL ShanHeiSun Uni</family><family>AR PL New Sung</family><family>MgOpen Moderna</family><family>MgOpen Modata</family><family>MgOpen Cosmetica</family><family>VL Gothic</family><family>IPAMonaGothic</family><family>IPAGothic</family><family>Sazanami Gothic</family><family>Kochi Gothic</family><family>AR PL KaitiM GB</family><family>AR PL KaitiM Big5</family><family>AR PL ShanHeiSun Uni</family><family>AR PL SungtiL GB</family><family>AR PL Mingti2L Big5</family><family>ＭＳ ゴシック</family><family>ZYSong18030</family><family>NanumGothic</family><family>UnDotum</family><family>Baekmuk Dotum</family><family>Baekmuk Gulim</family><family>KacstQura</family><family>Lohit Bengali</family><family>Lohit Gujarati</family><family>Lohit Hindi</family><family>Lohit Marathi</family><family>Lohit Maithili</family><family>Lohit Kashmiri</family><family>Lohit Konkani</family><family>Lohit Nepali</family><family>Lohit Sindhi</family><family>Lohit Punjabi</family><family>Lohit Tamil</family><family>Meera</family><family>Lohit Malayalam</family><family>Lohit Kannada</family><family>Lohit Telugu</family><family>Lohit Oriya</family><family>LKLUG</family></prefer></alias>\n"
    "<alias><family>monospace</family><prefer><family>Miriam Mono</family><family>VL Gothic</family><family>IPAMonaGothic</family><family>IPAGothic</family><family>Sazanami Gothic</family><family>Kochi Gothic</family><family>AR PL KaitiM GB</family><family>MS Gothic</family><family>UmePlus Gothic</family><family>NSimSun</family><family>MingLiu</family><family>AR PL ShanHeiSun Uni</family><family>AR PL New Sung Mono</family><family>HanyiSong</family><family>AR PL SungtiL GB</family><family>AR PL Mingti2L Big5</family><family>ZYSong18030</family><family>NanumGothicCoding</family><family>NanumGothic</family><family>UnDotum</family><family>Baekmuk Dotum</family><family>Baekmuk Gulim</family><family>TlwgTypo</family><family>TlwgTypist</family><family>TlwgTypewriter</family><family>TlwgMono</family><family>Hasida</family><family>GF Zemen Unicode</family><family>Hapax Berbère</family><family>Lohit Bengali</family><family>Lohit Gujarati</family><family>Lohit Hindi</family><family>Lohit Marathi</family><family>Lohit Maithili</family><family>Lohit Kashmiri</family><family>Lohit Konkani</family><family>Lohit Nepali</family><family>Lohit Sindhi</family><family>Lohit Punjabi</family><family>Lohit Tamil</family><family>Meera</family><family>Lohit Malayalam</family><family>Lohit Kannada</family><family>Lohit Telugu</family><family>Lohit Oriya</family><family>LKLUG</family></prefer></alias>\n"
    "<alias><family>system-ui</family><prefer><family>Noto Sans Arabic UI</family><family>Noto Sans Bengali UI</family><family>Noto Sans Devanagari UI</family><family>Noto Sans Gujarati UI</family><family>Noto Sans Gurmukhi UI</family><family>Noto Sans Kannada UI</family><family>Noto Sans Khmer UI</family><family>Noto Sans Lao UI</family><family>Noto Sans Malayalam UI</family><family>Noto Sans Myanmar UI</family><family>Noto Sans Oriya UI</family><family>Noto Sans Sinhala UI</family><family>Noto Sans Tamil UI</family><family>Noto Sans Telugu UI</family><family>Noto Sans Thai UI</family><family>Leelawadee UI</family><family>Nirmala UI</family><family>Yu Gothic UI</family><family>Meiryo UI</family><family>MS UI Gothic</family><family>Khmer UI</family><family>Lao UI</family><family>Microsoft YaHei UI</family><family>Microsoft JhengHei UI</family></prefer></alias>\n"
    "<alias><family>serif</family><prefer><family>FreeSerif</family><family>Code2000</family><family>Code2001</family></prefer></alias>\n"
    "<alias><family>sans-serif</family><prefer><family>FreeSans</family><family>Arial Unicode MS</family><family>Arial Unicode</family><family>Code2000</family><family>Code2001</family></prefer></alias>\n"
    "<alias><family>monospace</family><prefer><family>FreeMono</family></prefer></alias>\n"
    "<match><test name=\"lang\"><string>ja</string></test><test name=\"family\"><string>serif</string></test><edit name=\"family\" mode=\"prepend\"><string>Noto Serif CJK JP</string></edit></match>\n"
    "<match><test name=\"lang\"><string>ko</string></test><test name=\"family\"><string>serif</string></test><edit name=\"family\" mode=\"prepend\"><string>Noto Serif CJK KR</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-cn</string></test><test name=\"family\"><string>serif</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Serif CJK SC</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-tw</string></test><test name=\"family\"><string>serif</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Serif CJK TC</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-hk</string></test><test name=\"family\"><string>serif</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Serif CJK HK</string></edit></match>\n"
    "<match><test name=\"lang\"><string>ja</string></test><test name=\"family\"><string>sans-serif</string></test><edit name=\"family\" mode=\"prepend\"><string>Noto Sans CJK JP</string></edit></match>\n"
    "<match><test name=\"lang\"><string>ko</string></test><test name=\"family\"><string>sans-serif</string></test><edit name=\"family\" mode=\"prepend\"><string>Noto Sans CJK KR</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-cn</string></test><test name=\"family\"><string>sans-serif</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Sans CJK SC</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-tw</string></test><test name=\"family\"><string>sans-serif</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Sans CJK TC</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-hk</string></test><test name=\"family\"><string>sans-serif</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Sans CJK HK</string></edit></match>\n"
    "<match><test name=\"lang\"><string>ja</string></test><test name=\"family\"><string>monospace</string></test><edit name=\"family\" mode=\"prepend\"><string>Noto Sans Mono CJK JP</string></edit></match>\n"
    "<match><test name=\"lang\"><string>ko</string></test><test name=\"family\"><string>monospace</string></test><edit name=\"family\" mode=\"prepend\"><string>Noto Sans Mono CJK KR</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-cn</string></test><test name=\"family\"><string>monospace</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Sans Mono CJK SC</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-tw</string></test><test name=\"family\"><string>monospace</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Sans Mono CJK TC</string></edit></match>\n"
    "<match><test name=\"lang\"><string>zh-hk</string></test><test name=\"family\"><string>monospace</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>Noto Sans Mono CJK HK</string></edit></match>\n"
    "<selectfont><rejectfont><pattern><patelt name=\"scalable\"><bool>false</bool></patelt></pattern></rejectfont></selectfont>\n"
    CONF_SYNTHETIC_RULES
    "</fontconfig>\n";

static int private_mode(void) {
  const char *mode = getenv("HUITU_FONTCONFIG");
  return !((mode && !strcmp(mode, "system")) || getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH"));
}

/* A configuration parsed from conf with its fonts, or NULL. */
static FcConfig *config_from(const char *conf) {
  FcConfig *cfg = FcConfigCreate();
  if (!cfg) return NULL;
  if (!FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)conf, FcTrue) || !FcConfigBuildFonts(cfg)) {
    FcConfigDestroy(cfg);
    return NULL;
  }
  return cfg;
}

/* The bundled tier: no font folder of the system, no family rules (they
 * only order the fallback fonts after the bundled ones), the same render
 * and synthetic rules as the private configuration. */
static const char bundled_conf[] = "<fontconfig>\n" CONF_CACHE_DIRS CONF_RENDER_RULES CONF_SYNTHETIC_RULES
                                   "</fontconfig>\n";

/* The characters every bundled face has and the bundled family names (any
 * language), for text_fc_bundled_draws. */
static void note_bundled(FcConfig *cfg) {
  FcFontSet *fs = FcConfigGetFonts(cfg, FcSetApplication);
  bundled_families = FcStrSetCreate();
  for (int i = 0; fs && i < fs->nfont; i++) {
    FcCharSet *cs = NULL;
    if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch) continue;
    if (!bundled_chars) {
      bundled_chars = FcCharSetCopy(cs);
    } else {
      FcCharSet *both = FcCharSetIntersect(bundled_chars, cs);
      FcCharSetDestroy(bundled_chars);
      bundled_chars = both;
    }
    FcChar8 *fam;
    for (int k = 0; FcPatternGetString(fs->fonts[i], FC_FAMILY, k, &fam) == FcResultMatch; k++)
      FcStrSetAdd(bundled_families, fam);
  }
}

static void release_bundled(void) {
  if (bundled_chars) FcCharSetDestroy(bundled_chars);
  if (bundled_families) FcStrSetDestroy(bundled_families);
  bundled_chars = NULL;
  bundled_families = NULL;
}

/* The configuration of one tier with the bundled folder as application
 * fonts, built on first use; call with config_lock held. */
static FcConfig *tier_config(int full, const char *font_dir, char *err, size_t errlen) {
  if (tiers[full] && strcmp(tier_dir[full], font_dir) == 0) return tiers[full];
  /* The private configuration (or the system's) and its font set (from
   * fontconfig's caches), then the bundled folder as application fonts.
   * Fonts are always chosen by family name from the spec's lang, so the
   * order here cannot make a locale's preference win. */
  FcConfig *cfg = private_mode() ? config_from(full ? private_conf : bundled_conf) : NULL;
  if (!cfg) cfg = FcInitLoadConfigAndFonts();
  if (!cfg) {
    snprintf(err, errlen, "cannot load the fontconfig configuration");
    return NULL;
  }
  if (!FcConfigAppFontAddDir(cfg, (const FcChar8 *)font_dir)) {
    FcConfigDestroy(cfg);
    snprintf(err, errlen, "cannot load the bundled fonts from '%s'", font_dir);
    return NULL;
  }
  if (tiers[full]) FcConfigDestroy(tiers[full]);
  tiers[full] = cfg;
  snprintf(tier_dir[full], sizeof tier_dir[full], "%s", font_dir);
  if (!full) {
    release_bundled();
    note_bundled(cfg);
  }
  /* As the current configuration, cairo's and Pango's own FcInit() finds
   * ours instead of parsing the system XML (a quarter of a cold start);
   * once the full one exists it stays current, so a library that uses the
   * current configuration (librsvg drawing an SVG image's text) sees every
   * font. */
  if (claim_process && (full || !tiers[1])) FcConfigSetCurrent(cfg);
  if (claim_process && rsvg_wants_full && !full && !tiers[1]) tier_config(1, font_dir, err, errlen);
  return cfg;
}

int text_fc_tiered(void) { return private_mode(); }

FcConfig *text_fc_config(const char *font_dir, int full, char *err, size_t errlen) {
  pthread_mutex_lock(&config_lock);
  /* Outside the private configuration both tiers are the system's. */
  FcConfig *cfg = tier_config(full || !private_mode(), font_dir, err, errlen);
  if (cfg) FcConfigReference(cfg);
  pthread_mutex_unlock(&config_lock);
  return cfg;
}

/* Pango looks no font up for these (itemize.c, 1.50): they take the font
 * of the text around them. */
static int pango_skips(gunichar c) {
  GUnicodeType t = g_unichar_type(c);
  return t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT || t == G_UNICODE_SURROGATE ||
         t == G_UNICODE_LINE_SEPARATOR || t == G_UNICODE_PARAGRAPH_SEPARATOR ||
         (t == G_UNICODE_SPACE_SEPARATOR && c != 0x1680) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0100 && c <= 0xE01EF);
}

static int bundled_has_all(const char *utf8) {
  for (const char *p = utf8; p && *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!FcCharSetHasChar(bundled_chars, c) && !pango_skips(c)) return 0;
  }
  return 1;
}

int text_fc_bundled_draws(const char *families, const char *text, const char *more) {
  pthread_mutex_lock(&config_lock);
  int ok = bundled_chars && bundled_families;
  for (const char *p = families; ok && *p;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    char one[256];
    snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), p);
    ok = n < sizeof one && FcStrSetMember(bundled_families, (const FcChar8 *)one);
    p = comma ? comma + 1 : p + n;
  }
  ok = ok && bundled_has_all(text) && bundled_has_all(more);
  pthread_mutex_unlock(&config_lock);
  return ok;
}

/* Family lists by language: the regional Noto CJK face first where the
 * bundle (Simplified Chinese forms) would draw the wrong regional glyphs. */
const char *text_families_for_lang(const char *lang) {
  /* Every layout asks, cache hits too (five case-insensitive compares
   * were 3 % of a warm SVG figure): the bundle's languages first. */
  if (!lang || ((lang[0] | 32) != 'j' && (lang[0] | 32) != 'k' && (lang[0] | 32) != 'z') ||
      !strcasecmp(lang, "zh-CN"))
    return "Huitu Sans SC";
  if (!strncasecmp(lang, "ja", 2)) return "Noto Sans CJK JP,Huitu Sans SC";
  if (!strncasecmp(lang, "ko", 2)) return "Noto Sans CJK KR,Huitu Sans SC";
  if (!strcasecmp(lang, "zh-HK") || !strcasecmp(lang, "zh-MO") || !strcasecmp(lang, "zh-Hant-HK"))
    return "Noto Sans CJK HK,Noto Sans CJK TC,Huitu Sans SC";
  if (!strcasecmp(lang, "zh-TW") || !strncasecmp(lang, "zh-Hant", 7))
    return "Noto Sans CJK TC,Huitu Sans SC";
  return "Huitu Sans SC";
}
