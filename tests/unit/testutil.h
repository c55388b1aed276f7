/*
 * Minimal helpers shared by the unit tests: where the source tree is.
 */
#ifndef SOCASSESS_TESTUTIL_H
#define SOCASSESS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

/* The source tree ($SOCASSESS_SRC, set by make check; else "."). */
static inline const char *
test_src_dir(void)
{
	const char *s = getenv("SOCASSESS_SRC");

	return s != NULL && *s != '\0' ? s : ".";
}

/* "SRC/rel" in a static buffer. */
static inline const char *
test_path(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", test_src_dir(), rel);
	return buf;
}

#endif
