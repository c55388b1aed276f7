/*
 * The escaped strings of report-memo.h, made by the JSON writer itself
 * (in memory, outside any container, so one string follows another), so
 * a report written from them has the bytes of one written without.
 */
#include <stdlib.h>

#include "socassess/json-writer.h"
#include "socassess/report-memo.h"
#include "socassess/util.h"

struct report_memo {
	struct memo_strings **all;
	size_t n;
};

/* s escaped at the end of w's text. */
static struct memo_span
escape_into(struct jw *w, const char *s)
{
	struct memo_span sp = { w->n, 0 };

	if (s != NULL) {
		jw_str_value(w, s);
		sp.len = w->n - sp.at;
	}
	return sp;
}

static struct memo_strings *
escape_questionnaire(const struct questionnaire *q)
{
	struct memo_strings *ms = xcalloc(1, sizeof(*ms));
	size_t n_options = 0, len, size, k = 0;
	struct jw w;

	for (size_t qi = 0; qi < q->n_questions; qi++)
		n_options += q->questions[qi].n_options;
	ms->q = q;
	ms->id = xcalloc(q->n_questions, sizeof(*ms->id));
	ms->question = xcalloc(q->n_questions, sizeof(*ms->question));
	ms->first_option = xcalloc(q->n_questions,
	    sizeof(*ms->first_option));
	ms->option = xcalloc(n_options, sizeof(*ms->option));
	ms->step = xcalloc(n_options, sizeof(*ms->step));
	jw_init_memory(&w, NULL, 0);
	for (size_t qi = 0; qi < q->n_questions; qi++) {
		const struct question *qu = &q->questions[qi];

		ms->id[qi] = escape_into(&w, qu->id);
		ms->question[qi] = escape_into(&w, qu->text);
		ms->first_option[qi] = k;
		for (size_t oi = 0; oi < qu->n_options; oi++, k++) {
			ms->option[k] = escape_into(&w, qu->options[oi].text);
			ms->step[k] = escape_into(&w,
			    question_next_step(qu, oi));
		}
	}
	ms->text = jw_take(&w, &len, &size);
	return ms;
}

static void
strings_free(struct memo_strings *ms)
{
	free(ms->text);
	free(ms->id);
	free(ms->question);
	free(ms->first_option);
	free(ms->option);
	free(ms->step);
	free(ms);
}

struct report_memo *
report_memo_new(void)
{
	return xcalloc(1, sizeof(struct report_memo));
}

void
report_memo_free(struct report_memo *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		strings_free(m->all[i]);
	free(m->all);
	free(m);
}

const struct memo_strings *
report_memo_get(struct report_memo *m, const struct questionnaire *q)
{
	/* A batch meets one questionnaire or a few. */
	for (size_t i = 0; i < m->n; i++) {
		if (m->all[i]->q == q)
			return m->all[i];
	}
	m->all = xreallocarray(m->all, m->n + 1, sizeof(*m->all));
	m->all[m->n] = escape_questionnaire(q);
	return m->all[m->n++];
}
