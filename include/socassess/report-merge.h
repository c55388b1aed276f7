/*
 * Reports of a merge (merge.h): the conflict report as terminal text and
 * as a JSON document (format "socassess-conflicts/1", schema
 * docs/schema/conflicts.schema.json). Reporters only read the merge; the
 * command layer prints.
 */
#ifndef SOCASSESS_REPORT_MERGE_H
#define SOCASSESS_REPORT_MERGE_H

#include <stdio.h>

#include "socassess/error.h"
#include "socassess/merge.h"

/*
 * The terminal text of m: what was merged, each conflict with every
 * assessor's answer and comment and the spread, the agreement of each
 * area and the areas of largest disagreement, wrapped at width columns.
 * Text from the files is escaped (term.h). Caller frees.
 */
char *report_merge_text(const struct merge *m, size_t width);

/* Write the JSON conflict report of m to fp; -1 on a write error. */
int report_merge_json(const struct merge *m, FILE *fp);

/*
 * The same to the file path, replacing it only with a complete new one.
 * Returns -1 with an error added on failure.
 */
int report_merge_json_save(const struct merge *m, const char *path,
    struct soc_errors *errs);

#endif
