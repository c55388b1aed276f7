/*
 * Fuzz the answers loader (YAML, or JSON when built with FUZZ_JSON=1)
 * and the scorer and reports behind it: whatever loads is scored and
 * rendered as the JSON report and the terminal summary.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "fuzz.h"
#include "socassess/answers.h"
#include "socassess/report.h"
#include "socassess/score.h"

#ifndef FUZZ_JSON
#define FUZZ_JSON 0
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	struct soc_errors errs;
	char *text = fuzz_text(data, size);
	struct answers *a;

	soc_errors_init(&errs);
	a = answers_load_data(FUZZ_JSON ? "fuzz.json" : "fuzz.yaml", text,
	    size, FUZZ_JSON, cat, &errs);
	if (a != NULL) {
		struct result *r = score_compute(a);

		free(report_json_text(r, &errs));
		free(report_text(r, &errs, 10, 80));
		result_free(r);
	}
	answers_free(a);
	soc_errors_release(&errs);
	free(text);
	return 0;
}
