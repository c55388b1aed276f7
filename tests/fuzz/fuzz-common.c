/*
 * What every harness shares: the catalog the loaders check against,
 * loaded once per process from the source tree (FUZZ_SRC, set by the
 * build, or $SOCASSESS_SRC).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "socassess/util.h"

#ifndef FUZZ_SRC
#define FUZZ_SRC "."
#endif

static struct catalog cat;
static int loaded;

/* Add the models and questionnaires of dir to the shared catalog. */
static void
add_dir(const char *dir)
{
	struct catalog more;
	struct soc_errors errs;

	soc_errors_init(&errs);
	if (catalog_load(&more, dir, &errs) < 0) {
		soc_errors_print(&errs, stderr);
		abort();
	}
	for (size_t i = 0; i < more.n_models; i++) {
		catalog_add_model(&cat, more.models[i]);
		more.models[i] = NULL;
	}
	for (size_t i = 0; i < more.n_questionnaires; i++) {
		catalog_add_questionnaire(&cat, more.questionnaires[i]);
		more.questionnaires[i] = NULL;
	}
	for (size_t i = 0; i < more.n_wordings; i++) {
		catalog_add_wording(&cat, more.wordings[i]);
		more.wordings[i] = NULL;
	}
	more.n_models = more.n_questionnaires = more.n_wordings = 0;
	catalog_release(&more);
	soc_errors_release(&errs);
}

const struct catalog *
fuzz_catalog(void)
{
	if (!loaded) {
		const char *src = getenv("SOCASSESS_SRC");
		char *score;

		src = src != NULL ? src : FUZZ_SRC;
		score = xasprintf("%s/tests/data/score", src);
		memset(&cat, 0, sizeof(cat));
		add_dir(src);
		add_dir(score);
		free(score);
		loaded = 1;
	}
	return &cat;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_catalog();
	return 0;
}

char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
