/*
 * Questions about a loaded questionnaire: find a question or option,
 * whether a question is asked for a profile, the next step of an answer.
 * Loading and checking live in questionnaire-load.c.
 */
#include <stdlib.h>

#include "socassess/questionnaire.h"
#include "socassess/strindex.h"

static const char *const effort_names[] = {
	[EFFORT_UNSET] = NULL,
	[EFFORT_LOW] = "low",
	[EFFORT_MEDIUM] = "medium",
	[EFFORT_HIGH] = "high",
};

const char *
effort_name(enum effort e)
{
	return effort_names[e];
}

int
questionnaire_find(const struct questionnaire *q, const char *id)
{
	return (int)str_index_find(&q->index, id);
}

bool
questionnaire_applies(const struct questionnaire *q, size_t qi, size_t pi)
{
	const struct question *qu = &q->questions[qi];

	if (q->model->profiles[pi].not_applicable[qu->area])
		return false;
	return qu->in_profile == NULL || qu->in_profile[pi];
}

const char *
question_next_step(const struct question *qu, size_t oi)
{
	const struct option *o = &qu->options[oi];

	return o->action != NULL ? o->action : o->text;
}

int
question_find_option(const struct question *qu, double value)
{
	for (size_t i = 0; i < qu->n_options; i++) {
		if (qu->options[i].value == value)
			return (int)i;
	}
	return -1;
}
