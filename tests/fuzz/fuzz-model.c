/* Fuzz the model loader and its checks. */
#include <stdlib.h>

#include "fuzz.h"
#include "socassess/model.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct soc_errors errs;
	char *text = fuzz_text(data, size);
	struct model *m;

	soc_errors_init(&errs);
	m = model_load_data("fuzz.yaml", text, size, &errs);
	model_free(m);
	soc_errors_release(&errs);
	free(text);
	return 0;
}
