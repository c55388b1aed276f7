/*
 * Loading and checking a questionnaire (questionnaires/NAME.yaml) against
 * the model it targets: every question must point at a known area and
 * profile, and its options must lie on the scale the scoring method uses.
 */
#include <stdlib.h>
#include <string.h>

#include "socassess/check.h"
#include "socassess/questionnaire.h"
#include "socassess/strindex.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

struct raw_option {
	char *value;
	char *text;
	char *action;
};

struct raw_answer_set {
	char *id;
	struct raw_option *options;
	unsigned options_count;
};

struct raw_question {
	char *id;
	char *area;
	char *text;
	char *help;
	char *weight;
	char *level;
	char **profiles;
	unsigned profiles_count;
	char **csf;
	unsigned csf_count;
	struct raw_option *options;
	unsigned options_count;
	char *answer_set;
	char *effort;
	char *counterpart;
};

struct raw_questionnaire {
	char *id;
	char *name;
	char *model;
	char *version;
	char *description;
	struct raw_answer_set *answer_sets;
	unsigned answer_sets_count;
	struct raw_question *questions;
	unsigned questions_count;
};

static const cyaml_schema_field_t option_fields[] = {
	YF_STR("value", YF_REQ, struct raw_option, value),
	YF_STR("text", YF_REQ, struct raw_option, text),
	YF_STR("action", YF_OPT, struct raw_option, action),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t option_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_option,
	    option_fields),
};

static const cyaml_schema_field_t answer_set_fields[] = {
	YF_STR("id", YF_REQ, struct raw_answer_set, id),
	YF_SEQ("options", YF_REQ, struct raw_answer_set, options,
	    &option_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t answer_set_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_answer_set,
	    answer_set_fields),
};

static const cyaml_schema_field_t question_fields[] = {
	YF_STR("id", YF_REQ, struct raw_question, id),
	YF_STR("area", YF_REQ, struct raw_question, area),
	YF_STR("text", YF_REQ, struct raw_question, text),
	YF_STR("help", YF_OPT, struct raw_question, help),
	YF_STR("weight", YF_OPT, struct raw_question, weight),
	YF_STR("level", YF_OPT, struct raw_question, level),
	YF_SEQ("profiles", YF_OPT, struct raw_question, profiles,
	    &yamlfile_string_entry),
	YF_SEQ("csf", YF_OPT, struct raw_question, csf,
	    &yamlfile_string_entry),
	YF_SEQ("options", YF_OPT, struct raw_question, options,
	    &option_entry),
	YF_STR("answer_set", YF_OPT, struct raw_question, answer_set),
	YF_STR("effort", YF_OPT, struct raw_question, effort),
	YF_STR("counterpart", YF_OPT, struct raw_question, counterpart),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t question_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_question,
	    question_fields),
};

static const cyaml_schema_field_t questionnaire_fields[] = {
	YF_STR("id", YF_REQ, struct raw_questionnaire, id),
	YF_STR("name", YF_REQ, struct raw_questionnaire, name),
	YF_STR("model", YF_REQ, struct raw_questionnaire, model),
	YF_STR("version", YF_REQ, struct raw_questionnaire, version),
	YF_STR("description", YF_OPT, struct raw_questionnaire, description),
	YF_SEQ("answer_sets", YF_OPT, struct raw_questionnaire, answer_sets,
	    &answer_set_entry),
	YF_SEQ("questions", YF_REQ, struct raw_questionnaire, questions,
	    &question_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t questionnaire_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_questionnaire,
	    questionnaire_fields),
};

static int
compare_options(const void *a, const void *b)
{
	const struct option *x = a, *y = b;

	return (x->value > y->value) - (x->value < y->value);
}

/*
 * Check a list of options (a question's own or an answer set's; node is
 * the path of the list) and copy them into *out, sorted by value.
 */
static void
check_options(struct checker *ck, const struct model *m, const char *node,
    const struct raw_option *ro, unsigned n, struct option **out,
    size_t *n_out)
{
	double max = m->scoring == SCORING_WEIGHTED_MEAN ?
	    model_max_level(m) : 1;
	struct option *opts = xcalloc(n, sizeof(*opts));
	bool *valid = xcalloc(n, sizeof(*valid));
	char base[200];

	snprintf(base, sizeof(base), "%s", node);
	if (n < 2)
		ck_error(ck, base, "at least two options are needed");
	for (unsigned i = 0; i < n; i++) {
		valid[i] = ck_number(ck, ck_node(ck, "%s[%u].value", base, i),
		    "option value", ro[i].value, 0, max, 0, &opts[i].value);
		/* A refused value was set to 0: compare only valid ones. */
		for (unsigned j = 0; j < i && valid[i]; j++) {
			if (valid[j] && opts[j].value == opts[i].value)
				ck_duplicate(ck, "option value", ro[i].value,
				    "%s[%u].value", base, j);
		}
		ck_text(ck, ck_node(ck, "%s[%u].text", base, i),
		    "option text", ro[i].text);
		opts[i].text = xstrdup(ro[i].text);
		if (ro[i].action != NULL)
			ck_text(ck, ck_node(ck, "%s[%u].action", base, i),
			    "option action", ro[i].action);
		opts[i].action = xstrdup_or_null(ro[i].action);
	}
	free(valid);
	qsort(opts, n, sizeof(*opts), compare_options);
	*out = opts;
	*n_out = n;
}

static void
copy_options(const struct option *src, size_t n, struct option **out,
    size_t *n_out)
{
	*out = xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		(*out)[i].value = src[i].value;
		(*out)[i].text = xstrdup(src[i].text);
		(*out)[i].action = xstrdup_or_null(src[i].action);
	}
	*n_out = n;
}

struct answer_set {
	struct option *options;
	size_t n;
};

static void
free_options(struct option *opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(opts[i].text);
		free(opts[i].action);
	}
	free(opts);
}

/* Parse a question's optional effort (low, medium or high). */
static enum effort
check_effort(struct checker *ck, unsigned i, const char *s)
{
	if (s == NULL)
		return EFFORT_UNSET;
	for (enum effort e = EFFORT_LOW; e <= EFFORT_HIGH; e++) {
		if (strcmp(s, effort_name(e)) == 0)
			return e;
	}
	ck_error(ck, ck_node(ck, "questions[%u].effort", i),
	    "effort '%s' must be low, medium or high", s);
	return EFFORT_UNSET;
}

/* The optional fields that say how to close a question's gap and where
 * else it is asked: effort and counterpart. */
static void
check_question_extras(struct checker *ck, const struct raw_question *rq,
    unsigned i, struct question *qu)
{
	qu->effort = check_effort(ck, i, rq->effort);
	if (rq->counterpart != NULL)
		ck_id(ck, ck_node(ck, "questions[%u].counterpart", i),
		    "counterpart", rq->counterpart);
	qu->counterpart = xstrdup_or_null(rq->counterpart);
}

/* The profiles a question is asked for: known, each named once. */
static void
check_profiles(struct checker *ck, const struct model *m,
    const struct raw_question *rq, unsigned i, struct question *qu)
{
	if (rq->profiles_count > 0)
		qu->in_profile = xcalloc(m->n_profiles,
		    sizeof(*qu->in_profile));
	for (unsigned p = 0; p < rq->profiles_count; p++) {
		int pi = model_find_profile(m, rq->profiles[p]);

		ck_node(ck, "questions[%u].profiles[%u]", i, p);
		if (pi < 0)
			ck_error(ck, ck->node, "question '%s' names unknown "
			    "profile '%s'", rq->id, rq->profiles[p]);
		else if (qu->in_profile[pi])
			ck_error(ck, ck->node, "question '%s' names profile "
			    "'%s' twice", rq->id, rq->profiles[p]);
		else
			qu->in_profile[pi] = true;
	}
}

/* A question's options: its own list or a copy of a named answer set. */
static void
check_question_options(struct checker *ck, const struct model *m,
    const struct raw_questionnaire *raw, const struct answer_set *sets,
    unsigned i, struct question *qu)
{
	const struct raw_question *rq = &raw->questions[i];
	unsigned s;

	if (rq->options != NULL && rq->answer_set != NULL) {
		ck_key_error(ck, ck_node(ck, "questions[%u].answer_set", i),
		    "question '%s' has both options and answer_set: give one",
		    rq->id);
		return;
	}
	if (rq->options == NULL && rq->answer_set == NULL) {
		ck_error(ck, ck_node(ck, "questions[%u]", i), "question '%s' "
		    "needs either options or answer_set", rq->id);
		return;
	}
	if (rq->options != NULL) {
		check_options(ck, m, ck_node(ck, "questions[%u].options", i),
		    rq->options, rq->options_count, &qu->options,
		    &qu->n_options);
		return;
	}
	for (s = 0; s < raw->answer_sets_count; s++) {
		if (strcmp(raw->answer_sets[s].id, rq->answer_set) == 0)
			break;
	}
	if (s == raw->answer_sets_count)
		ck_error(ck, ck_node(ck, "questions[%u].answer_set", i),
		    "question '%s' names unknown answer set '%s'", rq->id,
		    rq->answer_set);
	else
		copy_options(sets[s].options, sets[s].n, &qu->options,
		    &qu->n_options);
}

static void
check_question(struct checker *ck, const struct model *m,
    const struct raw_questionnaire *raw, const struct answer_set *sets,
    unsigned i, struct question *qu)
{
	const struct raw_question *rq = &raw->questions[i];
	bool needs_level = m->scoring != SCORING_WEIGHTED_MEAN;
	int area = model_find_area(m, rq->area);
	long level;

	if (area < 0)
		ck_error(ck, ck_node(ck, "questions[%u].area", i),
		    "question '%s' names unknown area '%s'", rq->id, rq->area);
	qu->area = area < 0 ? 0 : (size_t)area;
	ck_text(ck, ck_node(ck, "questions[%u].text", i), "question text",
	    rq->text);
	if (rq->help != NULL)
		ck_text(ck, ck_node(ck, "questions[%u].help", i), "help",
		    rq->help);
	if (ck_number(ck, ck_node(ck, "questions[%u].weight", i), "weight",
	    rq->weight, 0, 1e6, 1, &qu->weight) && qu->weight == 0)
		ck_error(ck, ck->node, "question '%s' has weight 0: remove "
		    "the question or give it a weight above 0", rq->id);
	if (needs_level && rq->level == NULL)
		ck_error(ck, ck_node(ck, "questions[%u]", i),
		    "question '%s' needs a level: the model scores by %s",
		    rq->id, scoring_method_name(m->scoring));
	ck_int(ck, ck_node(ck, "questions[%u].level", i), "level", rq->level,
	    1, model_max_level(m), -1, &level);
	qu->level = (int)level;
	check_profiles(ck, m, rq, i, qu);
	for (unsigned c = 0; c < rq->csf_count; c++)
		ck_csf(ck, ck_node(ck, "questions[%u].csf[%u]", i, c),
		    rq->csf[c]);
	check_question_extras(ck, rq, i, qu);
	check_question_options(ck, m, raw, sets, i, qu);
}

static void
check_questions(struct checker *ck, const struct model *m,
    const struct raw_questionnaire *raw, struct questionnaire *q)
{
	struct answer_set *sets = xcalloc(raw->answer_sets_count,
	    sizeof(*sets));
	struct str_index ids;
	long first;

	str_index_init(&ids);
	for (unsigned s = 0; s < raw->answer_sets_count; s++) {
		const struct raw_answer_set *ra = &raw->answer_sets[s];

		if (ck_id(ck, ck_node(ck, "answer_sets[%u].id", s),
		    "answer set id", ra->id) &&
		    (first = str_index_add(&ids, ra->id, s)) >= 0)
			ck_duplicate(ck, "answer set id", ra->id,
			    "answer_sets[%ld].id", first);
		check_options(ck, m, ck_node(ck, "answer_sets[%u].options", s),
		    ra->options, ra->options_count, &sets[s].options,
		    &sets[s].n);
	}
	str_index_release(&ids);
	if (raw->questions_count == 0)
		ck_error(ck, "questions", "the questionnaire has no questions");
	q->n_questions = raw->questions_count;
	q->questions = xcalloc(raw->questions_count, sizeof(*q->questions));
	for (unsigned i = 0; i < raw->questions_count; i++) {
		struct question *qu = &q->questions[i];

		qu->id = xstrdup(raw->questions[i].id);
		qu->text = xstrdup(raw->questions[i].text);
		qu->help = xstrdup_or_null(raw->questions[i].help);
		qu->n_csf = raw->questions[i].csf_count;
		qu->csf = xcalloc(qu->n_csf, sizeof(*qu->csf));
		for (size_t c = 0; c < qu->n_csf; c++)
			qu->csf[c] = xstrdup(raw->questions[i].csf[c]);
		if (ck_id(ck, ck_node(ck, "questions[%u].id", i),
		    "question id", qu->id) &&
		    (first = str_index_add(&q->index, qu->id, i)) >= 0)
			ck_duplicate(ck, "question id", qu->id,
			    "questions[%ld].id", first);
		check_question(ck, m, raw, sets, i, qu);
		yaml_positions_find(ck->pos, ck_node(ck, "questions[%u]", i),
		    &qu->pos);
	}
	for (unsigned s = 0; s < raw->answer_sets_count; s++)
		free_options(sets[s].options, sets[s].n);
	free(sets);
}

struct questionnaire *
questionnaire_load(const char *path, struct model *const *models,
    size_t n_models, struct soc_errors *errs)
{
	char *data;
	size_t len;
	struct questionnaire *q;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	q = questionnaire_load_data(path, data, len, models, n_models, errs);
	free(data);
	return q;
}

struct questionnaire *
questionnaire_load_data(const char *path, const char *data, size_t len,
    struct model *const *models, size_t n_models, struct soc_errors *errs)
{
	const struct model *model = NULL;
	struct raw_questionnaire *raw;
	struct yaml_positions *pos;
	struct questionnaire *q;
	struct soc_errors found;
	struct checker ck = { .path = path };
	bool failed;

	if (yamlfile_load_data(path, data, len, &questionnaire_schema,
	    (void **)&raw, &pos, errs) < 0)
		return NULL;
	for (size_t i = 0; i < n_models && model == NULL; i++) {
		if (strcmp(models[i]->id, raw->model) == 0)
			model = models[i];
	}
	soc_errors_init(&found);
	ck.pos = pos;
	ck.errs = &found;
	q = xcalloc(1, sizeof(*q));
	str_index_init(&q->index);
	q->path = xstrdup(path);
	q->id = xstrdup(raw->id);
	q->name = xstrdup(raw->name);
	q->model_id = xstrdup(raw->model);
	q->version = xstrdup(raw->version);
	q->description = xstrdup_or_null(raw->description);
	q->model = model;
	ck_id(&ck, "id", "questionnaire id", raw->id);
	ck_text(&ck, "name", "questionnaire name", raw->name);
	ck_text(&ck, "version", "questionnaire version", raw->version);
	if (model == NULL)
		ck_error(&ck, "model", "questionnaire targets unknown model "
		    "'%s'", raw->model);
	else
		check_questions(&ck, model, raw, q);
	yamlfile_free(&questionnaire_schema, raw);
	yaml_positions_free(pos);
	failed = found.n_errors > 0;
	soc_errors_move(errs, &found);
	if (failed) {
		questionnaire_free(q);
		return NULL;
	}
	return q;
}

void
questionnaire_free(struct questionnaire *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; i < q->n_questions; i++) {
		struct question *qu = &q->questions[i];

		free(qu->id);
		free(qu->text);
		free(qu->help);
		free(qu->in_profile);
		for (size_t c = 0; c < qu->n_csf; c++)
			free(qu->csf[c]);
		free(qu->csf);
		free(qu->counterpart);
		free_options(qu->options, qu->n_options);
	}
	free(q->questions);
	str_index_release(&q->index);
	free(q->path);
	free(q->id);
	free(q->name);
	free(q->model_id);
	free(q->version);
	free(q->description);
	free(q);
}

/* The values of the options above 0 that have no action, as "1, 2",
 * and how many; NULL when every one has an action. */
static char *
options_without_action(const struct question *qu, size_t *n)
{
	char *list = NULL;

	*n = 0;
	for (size_t i = 0; i < qu->n_options; i++) {
		char num[32], *longer;

		if (qu->options[i].value <= 0 || qu->options[i].action != NULL)
			continue;
		format_number_short(num, sizeof(num), qu->options[i].value);
		longer = list == NULL ? xstrdup(num) :
		    xasprintf("%s, %s", list, num);
		free(list);
		list = longer;
		(*n)++;
	}
	return list;
}

void
questionnaire_advise(const struct questionnaire *q, struct soc_errors *errs)
{
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct question *qu = &q->questions[i];
		size_t n;
		char *missing = options_without_action(qu, &n);
		char *actions = missing == NULL ? xstrdup("") :
		    xasprintf("no action on option%s %s", n > 1 ? "s" : "",
		    missing);

		if (qu->effort == EFFORT_UNSET)
			soc_warning_at(errs, q->path, &qu->pos,
			    "question '%s' has no effort%s%s", qu->id,
			    missing != NULL ? " and " : "", actions);
		else if (missing != NULL)
			soc_warning_at(errs, q->path, &qu->pos,
			    "question '%s' has %s", qu->id, actions);
		free(actions);
		free(missing);
	}
}
