/*
 * The rounding rule and the completeness wording shared by the text,
 * JSON and XLSX outputs (include/socassess/figures.h), defined once so
 * that every output shows the same figures.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "socassess/figures.h"

double
figure_round(double v)
{
	double r = round(v * 1e9) / 1e9;

	return r == 0 ? 0 : r; /* no -0 */
}

/* Whatever LC_NUMERIC says, people and files get a decimal point. */
static void
decimal_point(char *buf)
{
	for (char *p = buf; *p != '\0'; p++) {
		if (*p == ',')
			*p = '.';
	}
}

void
figure_score(char *buf, size_t size, double v)
{
	/* Round the 1e-9 grid first, so 2.7449999999 and 2.745 agree. */
	double r = round(figure_round(v) * 100) / 100;

	snprintf(buf, size, "%.2f", r == 0 ? 0 : r);
	decimal_point(buf);
}

void
figure_percent(char *buf, size_t size, double fraction)
{
	double p = floor(figure_round(fraction * 100) + 1e-9);

	snprintf(buf, size, "%.0f", p == 0 ? 0 : p);
}

void
figure_completeness(char *buf, size_t size, const struct completeness *c)
{
	snprintf(buf, size, "%zu of %zu", c->answered + c->na, c->applicable);
	if (c->na > 0 && strlen(buf) < size)
		snprintf(buf + strlen(buf), size - strlen(buf), " (%zu N/A)",
		    c->na);
}
