/*
 * How numbers are shown: the one rounding rule of every output and the
 * one wording of completeness. Machine outputs (JSON, XLSX cell values)
 * carry numbers on the 1e-9 grid; people read scores, targets and gaps
 * with two decimals, percentages as whole numbers rounded down (so 100 %
 * means all of it), and completeness as "X of N (K N/A)".
 */
#ifndef SOCASSESS_FIGURES_H
#define SOCASSESS_FIGURES_H

#include <stddef.h>

#include "socassess/score.h"

/* v rounded to the nearest multiple of 1e-9, never -0. */
double figure_round(double v);
/* A score, target or gap as people read it, two decimals: "2.75". */
void figure_score(char *buf, size_t size, double v);
/* A fraction (0..1) as a whole percentage rounded down: "74". */
void figure_percent(char *buf, size_t size, double fraction);
/*
 * The completeness wording: "150 of 153" or "150 of 153 (3 N/A)", where
 * 150 counts the answers with a value or N/A and 153 the applicable
 * questions.
 */
void figure_completeness(char *buf, size_t size,
    const struct completeness *c);

#endif
