/*
 * The action plan file: loading and checking it, updating it from a
 * newer result, writing it as YAML (docs/plan.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "socassess/answers-write.h"
#include "socassess/atomic.h"
#include "socassess/check.h"
#include "socassess/plan.h"
#include "socassess/strbuf.h"
#include "socassess/strindex.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

/* Slack when comparing an answered value with an item's level. */
#define PLAN_EPS 1e-9

const char *const plan_status_names[PLAN_STATUSES] = {
	[PLAN_OPEN] = "open",
	[PLAN_IN_PROGRESS] = "in-progress",
	[PLAN_DONE] = "done",
	[PLAN_DROPPED] = "dropped",
};

const char *const plan_status_labels[PLAN_STATUSES] = {
	[PLAN_OPEN] = "Open",
	[PLAN_IN_PROGRESS] = "In progress",
	[PLAN_DONE] = "Done",
	[PLAN_DROPPED] = "Dropped",
};

static const char *const effort_names[] = { "low", "medium", "high" };

struct raw_head {
	char *questionnaire;
	char *organisation;
	char *assessment;
};

struct raw_item {
	char *id;
	char *area;
	char *action;
	char *priority;
	char *effort;
	char *status;
	char *owner;
	char *due;
	char *notes;
	char *met;
};

struct raw_plan {
	struct raw_head *plan;
	struct raw_item *items;
	unsigned items_count;
};

static const cyaml_schema_field_t head_fields[] = {
	YF_STR("questionnaire", YF_REQ, struct raw_head, questionnaire),
	YF_STR("organisation", YF_OPT, struct raw_head, organisation),
	YF_STR("assessment", YF_OPT, struct raw_head, assessment),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t item_fields[] = {
	YF_STR("id", YF_REQ, struct raw_item, id),
	YF_STR("area", YF_REQ, struct raw_item, area),
	YF_STR("action", YF_REQ, struct raw_item, action),
	YF_STR("priority", YF_OPT, struct raw_item, priority),
	YF_STR("effort", YF_OPT, struct raw_item, effort),
	YF_STR("status", YF_REQ, struct raw_item, status),
	YF_STR("owner", YF_OPT, struct raw_item, owner),
	YF_STR("due", YF_OPT, struct raw_item, due),
	YF_STR("notes", YF_OPT, struct raw_item, notes),
	YF_STR("met", YF_OPT, struct raw_item, met),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t item_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_item, item_fields),
};

static const cyaml_schema_field_t plan_fields[] = {
	CYAML_FIELD_MAPPING_PTR("plan", CYAML_FLAG_POINTER, struct raw_plan,
	    plan, head_fields),
	YF_SEQ("items", YF_REQ, struct raw_plan, items, &item_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t plan_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_plan, plan_fields),
};

/* A copy of an optional text, NULL when blank; checks it is UTF-8. */
static char *
optional_text(struct checker *ck, const char *node, const char *what,
    const char *s)
{
	if (str_blank(s))
		return NULL;
	return ck_text(ck, node, what, s) ? xstrdup(s) : NULL;
}

/* A copy of an optional date, NULL when blank or not a real date. */
static char *
optional_date(struct checker *ck, const char *node, const char *what,
    const char *s)
{
	char *why;

	if (str_blank(s))
		return NULL;
	why = date_problem(s);
	if (why == NULL)
		return xstrdup(s);
	ck_error(ck, node, "%s '%s' %s", what, s, why);
	free(why);
	return NULL;
}

/* Split "QUESTION@LEVEL" into it->question and it->level. */
static void
check_id(struct checker *ck, const char *node, struct plan_item *it)
{
	const char *at = strrchr(it->id, '@');
	char *question;

	if (at == NULL || at == it->id) {
		ck_error(ck, node, "item id '%s' must be QUESTION@LEVEL, such "
		    "as 'sm.charter@3'", it->id);
		return;
	}
	question = xasprintf("%.*s", (int)(at - it->id), it->id);
	if (!id_valid(question))
		ck_error(ck, node, "question id '%s' must only hold letters, "
		    "digits, '.', '_' and '-'", question);
	else if (!parse_double(at + 1, &it->level) || it->level < 0)
		ck_error(ck, node, "level '%s' of item '%s' must be a number "
		    "of 0 or more", at + 1, it->id);
	it->question = question;
}

/* A name among names, or an error naming the closest one. */
static int
check_name(struct checker *ck, const char *node, const char *what,
    const char *s, const char *const *names, size_t n)
{
	struct strbuf list = STRBUF_INIT;
	const char *near;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	}
	near = str_closest(s, names, n);
	if (near != NULL) {
		ck_error(ck, node, "unknown %s '%s': did you mean '%s'?", what,
		    s, near);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&list, "%s%s", i == 0 ? "" : i + 1 < n ? ", " :
		    " or ", names[i]);
	ck_error(ck, node, "unknown %s '%s' (expected %s)", what, s,
	    list.buf);
	strbuf_release(&list);
	return -1;
}

static void
check_item(struct checker *ck, unsigned i, const struct raw_item *ri,
    struct plan_item *it)
{
	long priority = 0;
	int status;

	it->id = xstrdup(ri->id);
	check_id(ck, ck_node(ck, "items[%u].id", i), it);
	it->area = xstrdup(ri->area);
	ck_id(ck, ck_node(ck, "items[%u].area", i), "area id", ri->area);
	it->action = xstrdup(ri->action);
	ck_text(ck, ck_node(ck, "items[%u].action", i), "action", ri->action);
	if (ck_int(ck, ck_node(ck, "items[%u].priority", i), "priority",
	    ri->priority, 1, 1000000, 0, &priority))
		it->priority = priority;
	if (!str_blank(ri->effort) && check_name(ck, ck_node(ck,
	    "items[%u].effort", i), "effort", ri->effort, effort_names,
	    ARRAY_SIZE(effort_names)) >= 0)
		it->effort = xstrdup(ri->effort);
	status = check_name(ck, ck_node(ck, "items[%u].status", i), "status",
	    ri->status, plan_status_names, PLAN_STATUSES);
	it->status = status < 0 ? PLAN_OPEN : (enum plan_status)status;
	it->owner = optional_text(ck, ck_node(ck, "items[%u].owner", i),
	    "owner", ri->owner);
	it->notes = optional_text(ck, ck_node(ck, "items[%u].notes", i),
	    "notes", ri->notes);
	it->due = optional_date(ck, ck_node(ck, "items[%u].due", i),
	    "due date", ri->due);
	it->met = optional_date(ck, ck_node(ck, "items[%u].met", i),
	    "met date", ri->met);
}

static void
check_items(struct checker *ck, const struct raw_plan *raw, struct plan *p)
{
	struct str_index ids;

	str_index_init(&ids);
	p->items = xcalloc(raw->items_count + 1u, sizeof(*p->items));
	p->n_items = raw->items_count;
	for (unsigned i = 0; i < raw->items_count; i++) {
		long first;

		check_item(ck, i, &raw->items[i], &p->items[i]);
		first = str_index_add(&ids, p->items[i].id, i);
		if (first >= 0) {
			ck_node(ck, "items[%u].id", i);
			ck_duplicate(ck, "item id", p->items[i].id,
			    "items[%ld].id", first);
		}
	}
	str_index_release(&ids);
}

struct plan *
plan_load(const char *path, struct soc_errors *errs)
{
	char *data;
	size_t len;
	struct plan *p;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	p = plan_load_data(path, data, len, errs);
	free(data);
	return p;
}

struct plan *
plan_load_data(const char *path, const char *data, size_t len,
    struct soc_errors *errs)
{
	struct raw_plan *raw;
	struct yaml_positions *pos;
	struct soc_errors found;
	struct checker ck = { .path = path };
	struct plan *p;
	bool failed;

	if (yamlfile_load_data(path, data, len, &plan_schema, (void **)&raw,
	    &pos, errs) < 0)
		return NULL;
	soc_errors_init(&found);
	ck.pos = pos;
	ck.errs = &found;
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->questionnaire = xstrdup(raw->plan->questionnaire);
	ck_id(&ck, "plan.questionnaire", "questionnaire id",
	    raw->plan->questionnaire);
	p->organisation = optional_text(&ck, "plan.organisation",
	    "organisation", raw->plan->organisation);
	p->assessment = optional_date(&ck, "plan.assessment",
	    "assessment date", raw->plan->assessment);
	check_items(&ck, raw, p);
	yamlfile_free(&plan_schema, raw);
	yaml_positions_free(pos);
	failed = found.n_errors > 0;
	soc_errors_move(errs, &found);
	if (failed) {
		plan_free(p);
		return NULL;
	}
	return p;
}

static void
item_release(struct plan_item *it)
{
	free(it->id);
	free(it->question);
	free(it->area);
	free(it->action);
	free(it->effort);
	free(it->owner);
	free(it->due);
	free(it->notes);
	free(it->met);
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n_items; i++)
		item_release(&p->items[i]);
	free(p->items);
	free(p->path);
	free(p->questionnaire);
	free(p->organisation);
	free(p->assessment);
	free(p);
}

const struct plan_item *
plan_find(const struct plan *p, const char *id)
{
	for (size_t i = 0; p != NULL && i < p->n_items; i++) {
		if (strcmp(p->items[i].id, id) == 0)
			return &p->items[i];
	}
	return NULL;
}

char *
plan_item_id(const struct question *qu, size_t oi)
{
	char num[32];

	format_number_short(num, sizeof(num), qu->options[oi].value);
	return xasprintf("%s@%s", qu->id, num);
}

/* Copy what people wrote into an item: owner, due, status, notes. */
static void
keep_people_fields(struct plan_item *to, const struct plan_item *from)
{
	to->owner = xstrdup_or_null(from->owner);
	to->due = xstrdup_or_null(from->due);
	to->status = from->status;
	to->notes = xstrdup_or_null(from->notes);
}

/* The item of recommendation rank (0-based) of r, kept from old. */
static void
item_from_rec(struct plan_item *it, const struct result *r, size_t rank,
    const struct plan *old)
{
	const struct recommendation *rec = &r->recs[rank];
	const struct question *qu = &r->q->questions[rec->question];
	const struct plan_item *was;

	it->id = plan_item_id(qu, rec->next_option);
	it->question = xstrdup(qu->id);
	it->level = qu->options[rec->next_option].value;
	it->area = xstrdup(r->model->areas[rec->area].id);
	it->action = xstrdup(question_next_step(qu, rec->next_option));
	it->priority = (long)rank + 1;
	it->effort = xstrdup_or_null(effort_name(qu->effort));
	it->status = PLAN_OPEN;
	was = plan_find(old, it->id);
	if (was != NULL)
		keep_people_fields(it, was);
}

/* An old item r no longer recommends, copied; met when r says so. */
static void
item_kept(struct plan_item *it, const struct plan_item *from,
    const struct result *r)
{
	int qi = questionnaire_find(r->q, from->question);
	const char *date = r->answers->meta.date;

	*it = (struct plan_item){
		.id = xstrdup(from->id),
		.question = xstrdup(from->question),
		.level = from->level,
		.area = xstrdup(from->area),
		.action = xstrdup(from->action),
		.effort = xstrdup_or_null(from->effort),
		.met = xstrdup_or_null(from->met),
	};
	keep_people_fields(it, from);
	if (it->met == NULL && qi >= 0 && date != NULL &&
	    r->questions[qi].state == Q_ANSWERED &&
	    r->questions[qi].value + PLAN_EPS >= from->level)
		it->met = xstrdup(date);
}

struct plan *
plan_update(const struct plan *old, const struct result *r,
    const char *path)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	const struct answers_meta *me = &r->answers->meta;
	size_t n_old = old != NULL ? old->n_items : 0;

	p->path = xstrdup(path);
	p->questionnaire = xstrdup(r->q->id);
	p->organisation = xstrdup_or_null(me->organisation != NULL ?
	    me->organisation : old != NULL ? old->organisation : NULL);
	p->assessment = xstrdup_or_null(me->date);
	p->items = xcalloc(r->n_recs + n_old + 1, sizeof(*p->items));
	for (size_t i = 0; i < r->n_recs; i++)
		item_from_rec(&p->items[p->n_items++], r, i, old);
	for (size_t i = 0; i < n_old; i++) {
		const struct plan_item *from = &old->items[i];
		bool recommended = false;

		for (size_t k = 0; k < r->n_recs && !recommended; k++)
			recommended = strcmp(p->items[k].id, from->id) == 0;
		if (!recommended)
			item_kept(&p->items[p->n_items++], from, r);
	}
	return p;
}

bool
plan_status_parse(const char *s, enum plan_status *out)
{
	for (size_t i = 0; i < PLAN_STATUSES; i++) {
		if (strcasecmp(s, plan_status_names[i]) == 0 ||
		    strcasecmp(s, plan_status_labels[i]) == 0) {
			*out = (enum plan_status)i;
			return true;
		}
	}
	return false;
}

bool
plan_item_overdue(const struct plan_item *it, const char *date)
{
	return date != NULL && it->due != NULL && it->met == NULL &&
	    (it->status == PLAN_OPEN || it->status == PLAN_IN_PROGRESS) &&
	    strcmp(it->due, date) < 0;
}

char *
plan_summary_text(const struct plan *p, const char *date)
{
	struct strbuf sb = STRBUF_INIT;
	size_t count[PLAN_STATUSES] = { 0 }, met = 0, overdue = 0;

	for (size_t i = 0; i < p->n_items; i++) {
		count[p->items[i].status]++;
		met += p->items[i].met != NULL;
		overdue += plan_item_overdue(&p->items[i], date);
	}
	strbuf_addf(&sb, "Action plan %s: %zu item%s, %zu open, %zu in "
	    "progress, %zu done, %zu dropped; %zu met\n", p->path,
	    p->n_items, p->n_items == 1 ? "" : "s", count[PLAN_OPEN],
	    count[PLAN_IN_PROGRESS], count[PLAN_DONE], count[PLAN_DROPPED],
	    met);
	if (date == NULL) {
		strbuf_addstr(&sb, "Overdue: not counted, the assessment has "
		    "no date\n");
		return strbuf_detach(&sb, NULL);
	}
	strbuf_addf(&sb, "Overdue on %s (the assessment date): %zu\n", date,
	    overdue);
	for (size_t i = 0; i < p->n_items; i++) {
		const struct plan_item *it = &p->items[i];

		if (plan_item_overdue(it, date))
			strbuf_addf(&sb, "  %s  due %s  %s  %s\n", it->id,
			    it->due, plan_status_labels[it->status],
			    it->owner != NULL ? it->owner : "(no owner)");
	}
	return strbuf_detach(&sb, NULL);
}

static void
put_item(FILE *fp, const struct plan_item *it)
{
	fputs("\n", fp);
	yaml_put_field(fp, "  - ", "id", it->id);
	yaml_put_field(fp, "    ", "area", it->area);
	yaml_put_field(fp, "    ", "action", it->action);
	if (it->priority > 0)
		fprintf(fp, "    priority: %ld\n", it->priority);
	yaml_put_field(fp, "    ", "effort", it->effort);
	yaml_put_field(fp, "    ", "status", plan_status_names[it->status]);
	yaml_put_field(fp, "    ", "owner", it->owner);
	yaml_put_field(fp, "    ", "due", it->due);
	yaml_put_field(fp, "    ", "notes", it->notes);
	yaml_put_field(fp, "    ", "met", it->met);
}

int
plan_write_yaml(const struct plan *p, FILE *fp)
{
	fputs("# socassess action plan (docs/plan.md). Fill in owner, due "
	    "(YYYY-MM-DD),\n# status (open, in-progress, done, dropped) and "
	    "notes; 'socassess plan'\n# keeps them when it updates the plan "
	    "from a newer assessment.\n", fp);
	fputs("plan:\n", fp);
	yaml_put_field(fp, "  ", "questionnaire", p->questionnaire);
	yaml_put_field(fp, "  ", "organisation", p->organisation);
	yaml_put_field(fp, "  ", "assessment", p->assessment);
	fputs(p->n_items == 0 ? "items: []\n" : "items:\n", fp);
	for (size_t i = 0; i < p->n_items; i++)
		put_item(fp, &p->items[i]);
	return ferror(fp) ? -1 : 0;
}

static int
write_plan(FILE *fp, const void *p)
{
	return plan_write_yaml(p, fp);
}

int
plan_save(const struct plan *p, const char *path, struct soc_errors *errs)
{
	return atomic_save(path, write_plan, p, errs);
}
