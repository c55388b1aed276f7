/* Fuzz the report wording loader against the shipped and test models. */
#include <stdlib.h>

#include "fuzz.h"
#include "socassess/wording.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	struct soc_errors errs;
	char *text = fuzz_text(data, size);
	struct wording *w;

	soc_errors_init(&errs);
	w = wording_load_data("fuzz.yaml", text, size, cat->models,
	    cat->n_models, &errs);
	wording_free(w);
	soc_errors_release(&errs);
	free(text);
	return 0;
}
