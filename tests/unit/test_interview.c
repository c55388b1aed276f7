/*
 * Interview screen tests (src/interview.c): for every question of the
 * shipped questionnaires and every profile, the screen laid out for
 * 80x24, 60x20 and 200x50 leaves a row for the prompt, never writes a
 * line wider than the terminal, and holds the whole question text, the
 * current answer and the key line, also with a long comment and
 * evidence; hostile text is shown, not obeyed; the option ranges. A
 * walk of conflicts (every question of the full questionnaire answered
 * differently by three assessors with long, hostile text) fits too and
 * shows every assessor.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "socassess/answers-write.h"
#include "socassess/catalog.h"
#include "socassess/interview.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

static struct catalog shipped, fixtures;

static int
group_setup(void **state)
{
	int rc;

	(void)state;
	rc = test_catalog_load(&shipped, test_src_dir());
	if (rc == 0)
		rc = test_catalog_load(&fixtures,
		    test_path_static("tests/data/score"));
	return rc;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_release(&shipped);
	catalog_release(&fixtures);
	return 0;
}

/* s with every run of blanks and line breaks made one space. */
static char *
collapse(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (strchr(" \t\n", *s) != NULL) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else
			*o++ = *s;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* The checks every screen passes at cols x rows. */
static void
check_screen(const struct interview *iv, size_t cols, size_t rows,
    const char *want_answer)
{
	const struct question *qu = &iv->a->q->questions[iv->order[iv->pos]];
	struct strbuf sb = STRBUF_INIT;
	char *screen, *text, pos[64];
	size_t lines = 0;

	if (!interview_screen(iv, cols, rows, &sb))
		fail_msg("question %s does not fit %zux%zu", qu->id, cols, rows);
	for (const char *l = sb.buf; *l != '\0'; lines++) {
		size_t n = strcspn(l, "\n");

		if (utf8_width_n(l, n) >= cols)
			fail_msg("%s at %zux%zu: line too wide: %.*s", qu->id,
			    cols, rows, (int)n, l);
		l += n + (l[n] == '\n');
	}
	assert_true(lines < rows);
	screen = collapse(sb.buf);
	text = collapse(qu->text);
	if (strstr(screen, text) == NULL)
		fail_msg("%s at %zux%zu: question text missing:\n%s", qu->id,
		    cols, rows, sb.buf);
	snprintf(pos, sizeof(pos), "%s %zu of %zu", iv->conflicts ?
	    "Conflict" : "Question", iv->pos + 1, iv->n_order);
	assert_non_null(strstr(sb.buf, pos));
	assert_non_null(strstr(screen, want_answer));
	assert_non_null(strstr(screen, "q quit"));
	free(screen);
	free(text);
	strbuf_release(&sb);
}

static void
walk_all(struct interview *iv, bool annotate)
{
	static const size_t sizes[][2] = { { 80, 24 }, { 60, 20 }, { 200, 50 } };

	for (iv->pos = 0; iv->pos < iv->n_order; iv->pos++) {
		size_t qi = iv->order[iv->pos];
		const struct question *qu = &iv->a->q->questions[qi];
		const char *want = "Not answered yet.";

		if (annotate) {
			assert_int_equal(answer_set_value(iv->a, qi,
			    qu->options[qu->n_options - 1].value, NULL), 0);
			assert_int_equal(answer_append_comment(iv->a, qi,
			    "Discussed at length with the SOC manager, the "
			    "CISO and two analysts; the written procedure is "
			    "older than the current tooling."), 0);
			answer_append_comment(iv->a, qi, "Second line.");
			answer_add_evidence(answers_edit(iv->a, qi),
			    "https://wiki.example/soc/procedures/escalation-"
			    "matrix-2026-v3");
			answer_add_evidence(answers_edit(iv->a, qi), "TICKET-1");
			want = "(marked >)";
		}
		for (size_t s = 0; s < ARRAY_SIZE(sizes); s++)
			check_screen(iv, sizes[s][0], sizes[s][1], want);
	}
}

static void
start(struct interview *iv, struct answers *a)
{
	struct interview_io io = { .in = stdin, .out = stderr,
	    .screen = true };

	interview_init(iv, &io);
	interview_start(iv, a, "unused.yaml", NULL);
}

/* Every question, every profile, unanswered; then all annotated. */
static void
test_every_screen_fits(void **state)
{
	(void)state;
	for (size_t k = 0; k < shipped.n_questionnaires; k++) {
		const struct questionnaire *q = shipped.questionnaires[k];

		for (size_t p = 0; p < q->model->n_profiles; p++) {
			struct answers *a = answers_new(q, p, "unused.yaml");
			struct interview iv;

			start(&iv, a);
			assert_true(iv.n_order > 0);
			walk_all(&iv, false);
			if (p == 0)
				walk_all(&iv, true);
			interview_release(&iv);
			answers_free(a);
		}
	}
}

/* An interview on a new file of questionnaire id of cat, first profile. */
static struct answers *
start_new(struct interview *iv, const struct catalog *cat, const char *id)
{
	const struct questionnaire *q = catalog_questionnaire(cat, id);
	struct answers *a;

	assert_non_null(q);
	a = answers_new(q, 0, "unused.yaml");
	start(iv, a);
	return a;
}

/* A notice stays on the screen, wrapped; the end screen fits too. */
static void
test_notice_and_end(void **state)
{
	struct interview iv;
	struct answers *a = start_new(&iv, &shipped, "owasp-soc-full");
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&iv.notice, "No question, area or domain 'zzz': 'l' "
	    "lists the areas, a number 1-164 goes to that question.");
	assert_true(interview_screen(&iv, 60, 20, &sb));
	assert_non_null(strstr(sb.buf, "No question, area or domain 'zzz'"));
	assert_non_null(strstr(sb.buf, "q quit"));
	iv.pos = iv.n_order;
	assert_true(interview_screen(&iv, 60, 20, &sb));
	assert_non_null(strstr(sb.buf, "End of the questionnaire"));
	/* Too small for anything: the whole screen, never a cut text. */
	iv.pos = 0;
	assert_false(interview_screen(&iv, 60, 5, &sb));
	assert_non_null(strstr(sb.buf, "q quit"));
	strbuf_release(&sb);
	interview_release(&iv);
	answers_free(a);
}

/* ESC in a comment is shown as \x1b, never written raw. */
static void
test_hostile_text_shown(void **state)
{
	struct interview iv;
	struct answers *a = start_new(&iv, &fixtures, "t-wm-q");
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	answer_append_comment(a, iv.order[0], "Evil\033]0;pwned\a\033[2J");
	assert_true(interview_screen(&iv, 80, 24, &sb));
	assert_null(strchr(sb.buf, '\033'));
	assert_non_null(strstr(sb.buf, "Evil\\x1b]0;pwned\\x07\\x1b[2J"));
	strbuf_release(&sb);
	interview_release(&iv);
	answers_free(a);
}

/* Three assessors' answers to question qi: lowest, highest and N/A. */
static void
add_candidates(struct answers *a, size_t qi)
{
	const struct question *qu = &a->q->questions[qi];
	struct answer *an = answers_edit(a, qi);
	struct answer_candidate *c = xcalloc(3, sizeof(*c));

	c[0].assessor = xstrdup("Alice Ng");
	c[0].has_value = true;
	c[0].value = qu->options[0].value;
	c[0].comment = xstrdup("Seen in the March review with the SOC "
	    "manager and two analysts.\nThe evidence folder has the minutes.");
	c[1].assessor = xstrdup("Bob Otieno");
	c[1].has_value = true;
	c[1].value = qu->options[qu->n_options - 1].value;
	c[2].assessor = xstrdup("Carol \033[7mD\xc3\xad" "az\033[0m "
	    "\xe9\x99\x88\xe9\x9d\x99 of the Rotterdam night shift");
	c[2].na = true;
	c[2].na_reason = xstrdup("Run by the group CERT under its own "
	    "charter, which this assessment does not cover at all.");
	c[2].comment = xstrdup("\033]0;pwned\aNight shift view: it works "
	    "differently after midnight, says the shift lead.");
	an->candidates = c;
	an->n_candidates = 3;
	answers_set_string(&an->assessor, "Alice Ng, Bob Otieno, Carol");
}

/*
 * Every question of the full questionnaire a conflict: the walk holds
 * them all, in questionnaire order, and each screen fits with a notice
 * on top, shows each assessor (the hostile name escaped) and no ESC.
 */
static void
test_conflict_screens_fit(void **state)
{
	static const size_t sizes[][2] = { { 80, 24 }, { 60, 20 } };
	const struct questionnaire *q = catalog_questionnaire(&shipped,
	    "owasp-soc-full");
	struct answers *a = answers_new(q, 0, "unused.yaml");
	struct interview_io io = { .in = stdin, .out = stderr,
	    .screen = true };
	struct interview iv;
	struct strbuf sb = STRBUF_INIT;
	size_t all, open;

	(void)state;
	for (size_t qi = 0; qi < q->n_questions; qi++)
		add_candidates(a, qi);
	interview_conflicts(a, &all, &open);
	interview_init(&iv, &io);
	iv.conflicts = true;
	interview_start(&iv, a, "unused.yaml", NULL);
	assert_int_equal(iv.n_order, all);
	assert_int_equal(open, all);
	for (iv.pos = 0; iv.pos < iv.n_order; iv.pos++) {
		if (iv.pos > 0)
			assert_true(iv.order[iv.pos] > iv.order[iv.pos - 1]);
		strbuf_reset(&iv.notice);
		strbuf_addstr(&iv.notice, "Resolved conflict 12 (q.pf.forensic-"
		    "investigation.capability) as 3 and its comment; b goes "
		    "back to it.");
		for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
			check_screen(&iv, sizes[s][0], sizes[s][1],
			    "Not resolved yet.");
			interview_screen(&iv, sizes[s][0], sizes[s][1], &sb);
			assert_null(strchr(sb.buf, '\033'));
			assert_non_null(strstr(sb.buf, "\n  Alice Ng: "));
			assert_non_null(strstr(sb.buf, "\n  Bob Otieno: "));
			assert_non_null(strstr(sb.buf,
			    "\n  Carol \\x1b[7mD"));
			assert_non_null(strstr(sb.buf, "resolve"));
		}
	}
	strbuf_release(&sb);
	interview_release(&iv);
	answers_free(a);
}

static void
test_value_range(void **state)
{
	const struct questionnaire *q = catalog_questionnaire(&fixtures,
	    "t-wm-q");
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_non_null(q);
	interview_value_range(&q->questions[0], &sb);
	assert_string_equal(sb.buf, "0-3");
	for (size_t k = 0; k < fixtures.n_questionnaires; k++) {
		const struct questionnaire *g = fixtures.questionnaires[k];

		for (size_t i = 0; i < g->n_questions; i++) {
			if (g->questions[i].n_options != 3 ||
			    g->questions[i].options[1].value != 0.5)
				continue;
			strbuf_reset(&sb);
			interview_value_range(&g->questions[i], &sb);
			assert_string_equal(sb.buf, "0, 0.5 or 1");
		}
	}
	strbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_screen_fits),
		cmocka_unit_test(test_notice_and_end),
		cmocka_unit_test(test_hostile_text_shown),
		cmocka_unit_test(test_conflict_screens_fit),
		cmocka_unit_test(test_value_range),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
