/*
 * The terminal summary of one assessment and the portfolio table of a
 * batch. Built as text in memory; the command layer prints it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/report.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

static void
put_score(FILE *fp, struct opt_score s)
{
	if (s.set)
		fprintf(fp, " %6.2f", s.value);
	else
		fprintf(fp, " %6s", "-");
}

static void
put_done(FILE *fp, const struct completeness *c)
{
	fprintf(fp, "  %zu/%zu", c->answered + c->na, c->applicable);
	if (c->na > 0)
		fprintf(fp, " (%zu N/A)", c->na);
}

/* Text cut to width columns on a character boundary, padded with spaces. */
static void
put_name(FILE *fp, const char *indent, const char *name, size_t width)
{
	size_t n, cols;

	fputs(indent, fp);
	width -= strlen(indent);
	n = utf8_cut_width(name, width);
	fwrite(name, 1, n, fp);
	for (cols = utf8_width_n(name, n); cols < width; cols++)
		fputc(' ', fp);
}

static void
put_row(FILE *fp, const struct model *m, const char *indent,
    const char *name, struct opt_score score, int level,
    struct opt_score target, double gap, const struct completeness *done)
{
	put_name(fp, indent, name, 34);
	put_score(fp, score);
	put_name(fp, "  ", score.set ? score_level_name(m, level) : "-", 24);
	put_score(fp, target);
	if (score.set && target.set)
		fprintf(fp, " %5.2f", gap);
	else
		fprintf(fp, " %5s", "-");
	put_done(fp, done);
	fputc('\n', fp);
}

/* The first max_recs recommendations: area, question id and effort,
 * then the next step. */
static void
put_recommendations(FILE *fp, const struct result *r, size_t max_recs)
{
	if (r->n_recs == 0)
		return;
	fprintf(fp, "\nTop recommendations (%zu of %zu):\n",
	    r->n_recs < max_recs ? r->n_recs : max_recs, r->n_recs);
	for (size_t i = 0; i < r->n_recs && i < max_recs; i++) {
		const struct recommendation *rec = &r->recs[i];
		const struct question *qu = &r->q->questions[rec->question];
		const char *effort = effort_name(qu->effort);

		fprintf(fp, "  %2zu. %s [%s%s%s]\n      %s\n", i + 1,
		    r->model->areas[rec->area].name, qu->id,
		    effort != NULL ? ", effort " : "",
		    effort != NULL ? effort : "",
		    question_next_step(qu, rec->next_option));
	}
}

char *
report_text(const struct result *r, const struct soc_errors *warnings,
    size_t max_recs)
{
	const struct model *m = r->model;
	const struct answers_meta *me = &r->answers->meta;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("");
	fprintf(fp, "Assessment: %s", me->organisation ? me->organisation :
	    "(organisation not given)");
	if (me->scope != NULL)
		fprintf(fp, ", %s", me->scope);
	if (me->date != NULL)
		fprintf(fp, " (%s)", me->date);
	fprintf(fp, "\nProfile: %s; questionnaire %s %s; model %s %s, "
	    "scoring %s\n\n", m->profiles[r->answers->profile].name, r->q->id,
	    r->q->version, m->id, m->version, scoring_method_name(m->scoring));
	fprintf(fp, "%-34s %6s  %-22s %6s %5s  %s\n", "Domain / area",
	    "Score", "Level", "Target", "Gap", "Answered");
	put_row(fp, m, "", "Overall", r->score, r->level, r->target, r->gap,
	    &r->done);
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];
		const struct domain_result *dr = &r->domains[d];

		put_row(fp, m, "", dom->name, dr->score, dr->level, dr->target,
		    dr->gap, &dr->done);
		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++) {
			const struct area_result *ar = &r->areas[ai];
			struct opt_score t = { ar->applies, ar->target };

			if (!ar->applies) {
				put_name(fp, "  ", m->areas[ai].name, 34);
				fputs("  not run by this operating model\n", fp);
				continue;
			}
			put_row(fp, m, "  ", m->areas[ai].name, ar->score,
			    ar->level, t, ar->gap, &ar->done);
		}
	}
	if (r->percent_to_target.set)
		fprintf(fp, "\nProgress to target: %.0f%%\n",
		    r->percent_to_target.value * 100);
	if (r->n_gaps > 0) {
		fputs("\nLargest gaps (gap x area weight):\n", fp);
		for (size_t i = 0; i < r->n_gaps && i < 5; i++)
			fprintf(fp, "  %-34s gap %.2f, priority %.2f\n",
			    m->areas[r->gaps[i].area].name, r->gaps[i].gap,
			    r->gaps[i].priority);
	}
	put_recommendations(fp, r, max_recs);
	if (warnings != NULL && warnings->n > 0) {
		fputs("\nWarnings:\n", fp);
		for (size_t i = 0; i < warnings->n; i++) {
			const struct soc_error *e = &warnings->items[i];

			if (e->line > 0)
				fprintf(fp, "  line %u: %s\n", e->line,
				    e->text);
			else
				fprintf(fp, "  %s\n", e->text);
		}
	}
	fclose(fp);
	return buf;
}

char *
report_text_portfolio(const struct portfolio *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("");
	fprintf(fp, "%-24s %-10s %-13s %6s", "Organisation", "Date",
	    "Profile", "Score");
	/* The columns of the first row's model; each row shows its own. */
	for (size_t d = 0; p->n > 0 && d < p->rows[0].model->n_domains; d++)
		fprintf(fp, " %10.10s", p->rows[0].model->domains[d].id);
	fprintf(fp, "  %s\n", "Answered");
	for (size_t i = 0; i < p->n; i++) {
		const struct portfolio_row *row = &p->rows[i];

		put_name(fp, "", row->organisation != NULL ?
		    row->organisation : row->input != NULL ? row->input : "",
		    24);
		fprintf(fp, " %-10s %-13.13s", row->date != NULL ? row->date :
		    "-", row->profile->id);
		put_score(fp, row->score);
		for (size_t d = 0; d < row->model->n_domains; d++) {
			fputs("    ", fp);
			put_score(fp, row->domains[d]);
		}
		fprintf(fp, "  %zu/%zu\n", row->done.answered + row->done.na,
		    row->done.applicable);
	}
	fprintf(fp, "\n%zu scored, %zu failed\n", p->n, p->n_failed);
	fclose(fp);
	return buf;
}
