/*
 * The XLSX management report of one assessment: the driver that writes
 * every sheet (the executive Summary in src/report-xlsx-exec.c, the
 * heatmap and charts in src/report-xlsx-heatmap.c, the tables in
 * src/report-xlsx-sheets.c) and the document properties. The layout is
 * described in docs/report-xlsx.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-compare.h"
#include "socassess/report-xlsx.h"
#include "socassess/report.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

void
xlsx_importance(const struct result *r, size_t area, char *buf,
    size_t size)
{
	const struct model *m = r->model;
	const char *name = r->answers->area_importance[area];
	double w = r->areas[area].weight, best = INFINITY;
	const char *near = NULL;

	if (name != NULL) {
		snprintf(buf, size, "%s", name);
		return;
	}
	/* Managers read names, not raw weights: the nearest named one. */
	for (size_t i = 0; i < m->n_importance; i++)
		if (fabs(m->importance[i].weight - w) < best) {
			best = fabs(m->importance[i].weight - w);
			near = m->importance[i].name;
		}
	if (near != NULL && best < 1e-9)
		snprintf(buf, size, "%s", near);
	else if (near != NULL)
		snprintf(buf, size, "custom, near %s", near);
	else
		snprintf(buf, size, "custom");
}

/* The document properties: deterministic, from the assessment. */
static void
properties(const struct result *r, lxw_doc_properties *p, char *title,
    size_t size)
{
	const struct answers_meta *me = &r->answers->meta;

	const char *org = me->organisation != NULL ? me->organisation : "";

	memset(p, 0, sizeof(*p));
	/* Cut on a character: half a character makes core.xml invalid. */
	snprintf(title, size, "SOC maturity assessment%s%.*s",
	    me->organisation != NULL ? ": " : "",
	    (int)utf8_cut_bytes(org, 200), org);
	p->title = title;
	p->subject = xlsx_str(r->q->name);
	p->author = me->assessor != NULL && *me->assessor != '\0' ?
	    me->assessor : NULL;
	p->company = me->organisation != NULL && *me->organisation != '\0' ?
	    me->organisation : NULL;
	p->keywords = xlsx_str("SOC maturity, OWASP SOC Framework, NIST CSF");
	p->comments = xlsx_str("Written by socassess " SOCASSESS_VERSION);
	p->created = xlsx_date_time(me->date);
}

int
report_xlsx_write(const struct result *r, const struct wording *w,
    const char *path, struct soc_errors *errs)
{
	return report_xlsx_write_plan(r, w, NULL, path, errs);
}

int
report_xlsx_write_plan(const struct result *r, const struct wording *w,
    const struct plan *plan, const char *path, struct soc_errors *errs)
{
	struct xlsx_report x = { .r = r, .w = w, .plan = plan };
	lxw_doc_properties props;
	char title[256];

	properties(r, &props, title, sizeof(title));
	if (xlsx_begin(&x.book, path, &props, errs) < 0)
		return -1;
	xlsx_summary_sheet(&x);
	xlsx_heatmap_sheet(&x);
	xlsx_charts_sheet(&x);
	for (size_t d = 0; d < r->model->n_domains; d++)
		xlsx_domain_sheet(&x, d);
	xlsx_gaps_sheet(&x);
	xlsx_roadmap_sheet(&x);
	xlsx_actions_sheet(&x);
	xlsx_answers_sheet(&x);
	xlsx_csf_sheet(&x);
	if (r->baseline != NULL)
		report_compare_trend_sheet(&x.book, r->baseline);
	xlsx_lists_sheet(&x);
	return xlsx_finish(&x.book, errs);
}
