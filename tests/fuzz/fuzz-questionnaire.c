/* Fuzz the questionnaire loader against the shipped and test models. */
#include <stdlib.h>

#include "fuzz.h"
#include "socassess/questionnaire.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	struct soc_errors errs;
	char *text = fuzz_text(data, size);
	struct questionnaire *q;

	soc_errors_init(&errs);
	q = questionnaire_load_data("fuzz.yaml", text, size, cat->models,
	    cat->n_models, &errs);
	questionnaire_free(q);
	soc_errors_release(&errs);
	free(text);
	return 0;
}
