/*
 * Building answers in memory and writing them as YAML. The text is meant
 * to be read back by our loader (libcyaml, every scalar a string) and by
 * people: every string is double-quoted, so no text typed in an interview
 * can turn into a number, a boolean, a comment, a list or a second key,
 * and numbers are formatted in the C locale whatever LC_NUMERIC says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/answers-write.h"
#include "socassess/atomic.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

struct answers *
answers_new(const struct questionnaire *q, size_t pi, const char *path)
{
	const struct model *m = q->model;
	struct answers *a = xcalloc(1, sizeof(*a));

	a->path = xstrdup(path);
	a->q = q;
	a->model = m;
	a->profile = pi;
	a->meta.questionnaire = xstrdup(q->id);
	a->meta.questionnaire_version = xstrdup_or_null(q->version);
	a->meta.profile = xstrdup(m->profiles[pi].id);
	answers_init_areas(a);
	a->by_question = xcalloc(q->n_questions, sizeof(*a->by_question));
	for (size_t i = 0; i < q->n_questions; i++)
		a->by_question[i] = -1;
	return a;
}

struct answer *
answers_edit(struct answers *a, size_t qi)
{
	struct answer *an;

	if (a->by_question[qi] >= 0)
		return &a->items[a->by_question[qi]];
	a->items = xreallocarray(a->items, a->n_items + 1, sizeof(*a->items));
	an = &a->items[a->n_items];
	memset(an, 0, sizeof(*an));
	an->id = xstrdup(a->q->questions[qi].id);
	an->question = qi;
	an->option = -1;
	a->by_question[qi] = (long)a->n_items++;
	return an;
}

/* Move an answer's state into *was (when not NULL) before a change. */
static void
keep_prior(struct answer *an, struct answer_prior *was)
{
	if (was != NULL) {
		was->has_value = an->has_value;
		was->value = an->value;
		was->na = an->na;
		was->na_reason = an->na_reason;
	} else
		free(an->na_reason);
	an->na_reason = NULL;
}

int
answer_set_value(struct answers *a, size_t qi, double value,
    struct answer_prior *was)
{
	const struct question *qu = &a->q->questions[qi];
	int o = question_find_option(qu, value);
	struct answer *an;

	if (o < 0)
		return -1;
	an = answers_edit(a, qi);
	keep_prior(an, was);
	an->has_value = true;
	an->value = qu->options[o].value;
	an->option = o;
	an->na = false;
	return 0;
}

int
answer_set_na(struct answers *a, size_t qi, const char *reason,
    struct answer_prior *was)
{
	const struct answer *now = answers_get(a, qi);
	char *keep;
	struct answer *an;

	if (!str_blank(reason) && !utf8_valid(reason))
		return -1;
	if (str_blank(reason) && (now == NULL || now->na_reason == NULL))
		return -1;
	keep = xstrdup(str_blank(reason) ? now->na_reason : reason);
	an = answers_edit(a, qi);
	keep_prior(an, was);
	an->na_reason = keep;
	an->has_value = false;
	an->value = 0;
	an->option = -1;
	an->na = true;
	return 0;
}

void
answer_clear(struct answers *a, size_t qi, struct answer_prior *was)
{
	struct answer *an;

	if (answers_get(a, qi) == NULL) {
		if (was != NULL)
			memset(was, 0, sizeof(*was));
		return;
	}
	an = answers_edit(a, qi);
	keep_prior(an, was);
	an->has_value = false;
	an->value = 0;
	an->option = -1;
	an->na = false;
}

void
answer_prior_release(struct answer_prior *was)
{
	free(was->na_reason);
	was->na_reason = NULL;
}

int
answer_append_comment(struct answers *a, size_t qi, const char *text)
{
	struct answer *an;
	char *joined;

	if (str_blank(text) || !utf8_valid(text))
		return -1;
	an = answers_edit(a, qi);
	if (an->comment == NULL)
		joined = xstrdup(text);
	else
		joined = xasprintf("%s\n%s", an->comment, text);
	free(an->comment);
	an->comment = joined;
	return 0;
}

void
answer_delete_comment(struct answers *a, size_t qi)
{
	if (answers_get(a, qi) == NULL)
		return;
	answers_set_string(&answers_edit(a, qi)->comment, NULL);
}

void
answers_set_string(char **field, const char *s)
{
	char *copy = xstrdup_or_null(s);

	free(*field);
	*field = copy;
}

void
answer_add_evidence(struct answer *an, const char *item)
{
	an->evidence = xreallocarray(an->evidence, an->n_evidence + 1,
	    sizeof(*an->evidence));
	an->evidence[an->n_evidence++] = xstrdup(item);
}

void
answer_clear_evidence(struct answer *an)
{
	for (size_t i = 0; i < an->n_evidence; i++)
		free(an->evidence[i]);
	free(an->evidence);
	an->evidence = NULL;
	an->n_evidence = 0;
}

/*
 * The escape of a multi-byte character at p that a YAML reader would
 * fold or drop raw (NEL, LS and PS become a space in libyaml; a BOM is
 * dropped), written to fp; returns the bytes it stands for, 0 for none.
 */
static size_t
put_unicode_escape(FILE *fp, const unsigned char *p)
{
	if (p[0] == 0xc2 && p[1] == 0x85) {
		fputs("\\N", fp);
		return 2;
	}
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
		fputs(p[2] == 0xa8 ? "\\L" : "\\P", fp);
		return 3;
	}
	if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		fputs("\\uFEFF", fp);
		return 3;
	}
	return 0;
}

/* One byte of a double-quoted scalar: quotes, backslashes, C0 and DEL. */
static void
put_escaped_byte(FILE *fp, unsigned char c)
{
	if (c == '"' || c == '\\')
		fprintf(fp, "\\%c", c);
	else if (c == '\n')
		fputs("\\n", fp);
	else if (c == '\t')
		fputs("\\t", fp);
	else if (c == '\r')
		fputs("\\r", fp);
	else if (c < 0x20 || c == 0x7f)
		fprintf(fp, "\\x%02x", c);
	else
		fputc(c, fp);
}

/*
 * s as a YAML double-quoted scalar: no text can turn into a number, a
 * boolean, a comment, a list or a second key, and nothing is folded or
 * dropped on reading.
 */
static void
put_quoted(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	while (*p != '\0') {
		size_t n = put_unicode_escape(fp, p);

		if (n == 0)
			put_escaped_byte(fp, *p++);
		else
			p += n;
	}
	fputc('"', fp);
}

/* "  key: "string"\n", nothing when s is NULL. */
static void
put_field(FILE *fp, const char *indent, const char *key, const char *s)
{
	if (s == NULL)
		return;
	fprintf(fp, "%s%s: ", indent, key);
	put_quoted(fp, s);
	fputc('\n', fp);
}

void
yaml_put_field(FILE *fp, const char *indent, const char *key, const char *s)
{
	put_field(fp, indent, key, s);
}

/* How a file is written: the answers as they are, or a blank template. */
struct yaml_style {
	bool blank;  /* every field, empty ones as "" with a hint */
	void (*describe)(FILE *fp, const struct answers *a, size_t qi);
};

/*
 * A metadata field of a template: its text, or "" followed by the hint
 * (when not NULL) lined up in a comment column.
 */
static void
put_blank_field(FILE *fp, const char *key, const char *s, const char *hint)
{
	int n;

	if (s != NULL) {
		put_field(fp, "  ", key, s);
		return;
	}
	n = fprintf(fp, "  %s: \"\"", key);
	if (hint != NULL)
		fprintf(fp, "%*s# %s", n < 23 ? 23 - n : 1, "", hint);
	fputc('\n', fp);
}

/* names joined by " | ", owned by the caller. */
static char *
choices(const char *const *names, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i > 0 ? " | " : "", names[i]);
	return strbuf_detach(&sb, NULL);
}

static void
put_meta(FILE *fp, const struct answers_meta *me, const struct yaml_style *st)
{
	char *types, *styles;

	fputs("assessment:\n", fp);
	put_field(fp, "  ", "questionnaire", me->questionnaire);
	put_field(fp, "  ", "questionnaire_version",
	    me->questionnaire_version);
	put_field(fp, "  ", "profile", me->profile);
	if (!st->blank) {
		put_field(fp, "  ", "organisation", me->organisation);
		put_field(fp, "  ", "scope", me->scope);
		put_field(fp, "  ", "assessor", me->assessor);
		put_field(fp, "  ", "date", me->date);
		put_field(fp, "  ", "type", me->type);
		put_field(fp, "  ", "style", me->style);
		return;
	}
	types = choices(assessment_types, ASSESSMENT_TYPES);
	styles = choices(assessment_styles, ASSESSMENT_STYLES);
	put_blank_field(fp, "organisation", me->organisation, NULL);
	put_blank_field(fp, "scope", me->scope, NULL);
	put_blank_field(fp, "assessor", me->assessor, NULL);
	put_blank_field(fp, "date", me->date, "YYYY-MM-DD");
	put_blank_field(fp, "type", me->type, types);
	put_blank_field(fp, "style", me->style, styles);
	fputc('\n', fp);
	free(types);
	free(styles);
}

/* The importance and target overrides; a template shows their form. */
static void
put_overrides(FILE *fp, const struct answers *a, const struct yaml_style *st)
{
	const struct model *m = a->model;
	bool imp = false, tgt = false;
	char num[32];

	for (size_t i = 0; i < m->n_areas; i++) {
		if (!a->weight_overridden[i] || a->area_importance[i] == NULL)
			continue;
		fputs(imp ? "" : "importance:\n", fp);
		imp = true;
		put_field(fp, "  - ", "area", m->areas[i].id);
		put_field(fp, "    ", "importance", a->area_importance[i]);
	}
	for (size_t i = 0; i < m->n_areas; i++) {
		if (!a->target_overridden[i])
			continue;
		fputs(tgt ? "" : "targets:\n", fp);
		tgt = true;
		format_number_short(num, sizeof(num), a->area_target[i]);
		put_field(fp, "  - ", "area", m->areas[i].id);
		fprintf(fp, "    level: %s\n", num);
	}
	if (st->blank && !imp && !tgt)
		fputs("# Optional: this organisation's own area importance and "
		    "targets.\n# importance:\n#   - {area: AREA, importance: "
		    "low}\n# targets:\n#   - {area: AREA, level: 4}\n\n", fp);
}

/* The disagreeing answers of a merged file, and how they were settled. */
static void
put_candidates(FILE *fp, const struct answer *an)
{
	char num[32];

	if (an->n_candidates > 0)
		fputs("    candidates:\n", fp);
	for (size_t c = 0; c < an->n_candidates; c++) {
		const struct answer_candidate *ca = &an->candidates[c];

		fputs("      - ", fp);
		if (ca->assessor != NULL) {
			put_field(fp, "", "assessor", ca->assessor);
			fputs("        ", fp);
		}
		if (ca->na) {
			fputs("na: true\n", fp);
			put_field(fp, "        ", "na_reason", ca->na_reason);
		} else {
			format_number_short(num, sizeof(num), ca->value);
			fprintf(fp, "value: %s\n", num);
		}
		put_field(fp, "        ", "comment", ca->comment);
	}
	put_field(fp, "    ", "resolution", an->resolution);
}

static void
put_answer(FILE *fp, const struct answer *an, const struct yaml_style *st)
{
	char num[32];

	put_field(fp, "  - ", "id", an->id);
	if (an->na) {
		fputs("    na: true\n", fp);
		put_field(fp, "    ", "na_reason", an->na_reason);
	} else if (an->has_value) {
		format_number_short(num, sizeof(num), an->value);
		fprintf(fp, "    value: %s\n", num);
	} else if (st->blank)
		fputs("    value:\n", fp);
	put_field(fp, "    ", "comment", an->comment == NULL && st->blank ?
	    "" : an->comment);
	if (an->n_evidence > 0) {
		fputs("    evidence:\n", fp);
		for (size_t e = 0; e < an->n_evidence; e++) {
			fputs("      - ", fp);
			put_quoted(fp, an->evidence[e]);
			fputc('\n', fp);
		}
	}
	put_field(fp, "    ", "assessor", an->assessor);
	put_candidates(fp, an);
}

/* The whole file in style st; -1 on a write error. */
static int
write_yaml(const struct answers *a, FILE *fp, const struct yaml_style *st)
{
	bool any = false;

	if (!st->blank)
		fputs("# socassess answers file. Check it with 'socassess "
		    "validate', score it\n# with 'socassess score', continue "
		    "it with 'socassess interview --resume'.\n", fp);
	put_meta(fp, &a->meta, st);
	put_overrides(fp, a, st);
	for (size_t qi = 0; qi < a->q->n_questions; qi++) {
		const struct answer *an = answers_get(a, qi);

		if (an == NULL)
			continue;
		fputs(any ? "" : "answers:\n", fp);
		any = true;
		if (st->describe != NULL)
			st->describe(fp, a, qi);
		put_answer(fp, an, st);
	}
	return ferror(fp) ? -1 : 0;
}

int
answers_write_yaml(const struct answers *a, FILE *fp)
{
	static const struct yaml_style plain = { false, NULL };

	return write_yaml(a, fp, &plain);
}

int
answers_write_template(const struct answers *a, FILE *fp,
    void (*describe)(FILE *fp, const struct answers *a, size_t qi))
{
	const struct yaml_style blank = { true, describe };

	return write_yaml(a, fp, &blank);
}

char *
answers_yaml_text(const struct answers *a)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL) {
		fputs("socassess: out of memory\n", stderr);
		exit(1);
	}
	answers_write_yaml(a, fp);
	fclose(fp);
	return buf;
}

static int
write_answers(FILE *fp, const void *a)
{
	return answers_write_yaml(a, fp);
}

int
answers_save(const struct answers *a, const char *path,
    struct soc_errors *errs)
{
	return atomic_save(path, write_answers, a, errs);
}
