/*
 * socassess list: the models, questionnaires and profiles of the data
 * directory, so an assessor can pick -q and -p.
 */
#include <stdio.h>
#include <stdlib.h>

#include "socassess/cmd.h"
#include "socassess/term.h"
#include "socassess/util.h"

static void
print_model(const struct model *m)
{
	term_printf(stdout, "  %s  %s (version %s)\n", m->id, m->name,
	    m->version);
	term_printf(stdout, "    %zu domains, %zu areas, %zu levels, "
	    "scoring %s\n", m->n_domains, m->n_areas, m->n_levels,
	    scoring_method_name(m->scoring));
	for (size_t d = 0; d < m->n_domains; d++)
		term_printf(stdout, "    domain %-14s %s (%zu areas)\n",
		    m->domains[d].id, m->domains[d].name,
		    m->domains[d].n_areas);
}

static void
print_questionnaire(const struct questionnaire *q)
{
	const struct model *m = q->model;
	size_t *per_domain = NULL;

	term_printf(stdout, "  %s  %s (version %s)\n", q->id, q->name,
	    q->version);
	term_printf(stdout, "    model %s, %zu questions\n", q->model_id,
	    q->n_questions);
	per_domain = xcalloc(m->n_domains, sizeof(*per_domain));
	for (size_t i = 0; i < q->n_questions; i++)
		per_domain[m->areas[q->questions[i].area].domain]++;
	for (size_t d = 0; d < m->n_domains; d++)
		term_printf(stdout, "    domain %-14s %zu questions\n",
		    m->domains[d].id, per_domain[d]);
	for (size_t p = 0; p < m->n_profiles; p++) {
		size_t n = 0;

		for (size_t i = 0; i < q->n_questions; i++)
			n += questionnaire_applies(q, i, p);
		term_printf(stdout, "    profile %-13s %zu questions\n",
		    m->profiles[p].id, n);
	}
	free(per_domain);
}

static int
cmd_list_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct catalog cat;

	if (args->argc > 0)
		return cmd_usage_error(&cmd_list_entry,
		    "list takes no arguments");
	if (cmd_load_catalog(ctx, &cat) < 0)
		return EXIT_DATA;
	term_printf(stdout, "Data folder: %s\n\nModels:\n", cat.data_dir);
	for (size_t i = 0; i < cat.n_models; i++)
		print_model(cat.models[i]);
	term_printf(stdout, "\nQuestionnaires:\n");
	for (size_t i = 0; i < cat.n_questionnaires; i++)
		print_questionnaire(cat.questionnaires[i]);
	for (size_t i = 0; i < cat.n_models; i++) {
		const struct model *m = cat.models[i];

		term_printf(stdout, "\nProfiles (SOC operating models) of "
		    "%s:\n", m->id);
		for (size_t p = 0; p < m->n_profiles; p++)
			term_printf(stdout, "  %-14s %s\n", m->profiles[p].id,
			    m->profiles[p].name);
	}
	catalog_release(&cat);
	return EXIT_OK;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "",
	.summary = "list the models, questionnaires and profiles",
	.help =
	    "Lists every model of the data folder with its domains, every\n"
	    "questionnaire with its question counts per domain and per\n"
	    "profile, and the profiles (SOC operating models) to choose from\n"
	    "with -p in 'template' and 'interview'.\n",
	.exec = cmd_list_exec,
};
