/* Helpers for batch and watch: content hashing, the files a spec reads,
 * escaping for JSON and HTML. */
#ifndef HUITU_CLI_BATCH_UTIL_H
#define HUITU_CLI_BATCH_UTIL_H
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* FNV-1a, 64 bits (Fowler/Noll/Vo; offset basis 14695981039346656037,
 * prime 1099511628211).  Chosen for change detection: a well-known,
 * dependency-free hash that is fast on small inputs; it is not
 * cryptographic, which change detection does not need (a collision can
 * only make huitu skip a re-render the user can force with --force). */
#define FNV64_INIT 14695981039346656037ull
uint64_t fnv1a64(const void *p, size_t n, uint64_t h);

/* The local files a spec reads: the values of every `url` key (data) and
 * of `src` keys (image blocks), resolved against the spec's folder.  Only
 * relative paths without a scheme; files that do not exist are listed
 * too (so their appearing later counts as a change).  Returns the count
 * and a malloc'd array of malloc'd strings in *out (free with
 * spec_deps_free).  A spec that does not parse has no dependencies. */
int spec_deps(const char *spec_path, const char *text, size_t len, char ***out);
void spec_deps_free(char **deps, int n);

/* Hash of the spec bytes, every dependency's path and bytes, and `extra`
 * (options that change the outputs, the huitu version). */
uint64_t spec_content_hash(const char *spec_path, const char *text, size_t len, const char *extra);

/* Append s to b as a JSON string literal (with the quotes).  Invalid
 * UTF-8 bytes become U+FFFD so the output is always valid JSON. */
void json_str(buf *b, const char *s);
/* Append s to b with & < > " ' escaped for HTML text and attributes. */
void html_str(buf *b, const char *s);
/* Append a relative path as a URL (percent-encoding what a URL cannot
 * hold; '/' kept), HTML-escaped, for href/src attributes. */
void url_path(buf *b, const char *s);
#endif
