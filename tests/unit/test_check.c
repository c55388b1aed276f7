/*
 * Tests of the semantic check helpers (src/check.c): a node path is
 * placed at its line, or at its nearest existing parent; values are
 * parsed strictly with messages that name what and the allowed range;
 * NIST CSF tags.
 */
#include "testutil.h"

#include <float.h>

#include "socassess/check.h"
#include "socassess/util.h"

static const char text[] =
    "name: x\n"
    "areas:\n"
    "  - id: a1\n"
    "    weight: 2\n"
    "  - id: a2\n";

struct fixture {
	struct soc_errors errs;
	struct yaml_positions *pos;
	struct checker ck;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	soc_errors_init(&f->errs);
	f->pos = yamlfile_scan_data("f.yaml", text, strlen(text), &f->errs);
	f->ck.path = "f.yaml";
	f->ck.pos = f->pos;
	f->ck.errs = &f->errs;
	*state = f;
	return f->pos != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	yaml_positions_free(f->pos);
	soc_errors_release(&f->errs);
	free(f);
	return 0;
}

/* The last problem added: its line, column and text. */
static const struct soc_error *
last(const struct fixture *f)
{
	assert_true(f->errs.n > 0);
	return &f->errs.items[f->errs.n - 1];
}

static void
test_places(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(ck_node(&f->ck, "areas[%d].weight", 0),
	    "areas[0].weight");
	ck_error(&f->ck, f->ck.node, "bad %s", "weight");
	assert_int_equal(last(f)->line, 4);
	assert_int_equal(last(f)->column, 13);
	assert_string_equal(last(f)->text, "bad weight");
	assert_string_equal(last(f)->path, "f.yaml");
	/* A field that is absent: its mapping's place. */
	ck_error(&f->ck, ck_node(&f->ck, "areas[%d].weight", 1), "missing");
	assert_int_equal(last(f)->line, 5);
	/* An entry past the end: the list's own place (its first entry). */
	ck_warning(&f->ck, "areas[7]", "far away");
	assert_int_equal(last(f)->severity, SOC_WARNING);
	assert_int_equal(last(f)->line, 3);
	assert_int_equal(f->errs.n_errors, 2);
}

static void
test_numbers(void **state)
{
	struct fixture *f = *state;
	double d;
	long l;

	assert_true(ck_number(&f->ck, "name", "weight", "1.5", 0, 5, 1, &d));
	assert_true(d == 1.5);
	assert_true(ck_number(&f->ck, "name", "weight", NULL, 0, 5, 1, &d));
	assert_true(d == 1);
	assert_int_equal(f->errs.n, 0);
	assert_false(ck_number(&f->ck, "name", "weight", "7", 0, 5, 1, &d));
	assert_true(d == 1);
	assert_string_equal(last(f)->text,
	    "weight '7' must be a number from 0 to 5");
	assert_int_equal(last(f)->line, 1);
	assert_false(ck_number(&f->ck, "name", "size", "-1", 0, DBL_MAX, 0,
	    &d));
	assert_string_equal(last(f)->text, "size '-1' must be a number >= 0");
	assert_false(ck_number(&f->ck, "name", "weight", "2kg", 0, 5, 1, &d));
	assert_true(ck_int(&f->ck, "name", "level", "3", 1, 5, 0, &l));
	assert_int_equal(l, 3);
	assert_false(ck_int(&f->ck, "name", "level", "2.5", 1, 5, 0, &l));
	assert_int_equal(l, 0);
	assert_string_equal(last(f)->text,
	    "level '2.5' must be a whole number from 1 to 5");
}

static void
test_text_and_ids(void **state)
{
	struct fixture *f = *state;

	assert_true(ck_text(&f->ck, "name", "name", "SOC \xe7\xb5\x84"));
	assert_true(ck_id(&f->ck, "name", "id", "a1.x"));
	assert_int_equal(f->errs.n, 0);
	assert_false(ck_text(&f->ck, "name", "name", "  "));
	assert_string_equal(last(f)->text, "name must not be empty");
	assert_false(ck_text(&f->ck, "name", "name", "a\xffz"));
	assert_string_equal(last(f)->text, "name is not valid UTF-8");
	assert_false(ck_id(&f->ck, "name", "id", "a b"));
	assert_string_equal(last(f)->text,
	    "id 'a b' must only hold letters, digits, '.', '_' and '-'");
	assert_false(ck_id(&f->ck, "name", "id", NULL));
	assert_string_equal(last(f)->text,
	    "id '' must only hold letters, digits, '.', '_' and '-'");
}

static void
test_csf(void **state)
{
	static const char *const good[] = { "GV", "ID", "PR", "DE", "RS",
	    "RC", "GV.OC", "DE.CM", "DE.CM-01", "RS.MA-99" };
	static const char *const bad[] = { "", "XX", "gv", "G", "GVX",
	    "GV.oc", "GV-OC", "GV.OC-1", "GV.OC-01x", "GV.OC.01", "XX.CM-01" };
	struct fixture *f = *state;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		if (!csf_tag_valid(good[i]))
			fail_msg("'%s' refused", good[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (csf_tag_valid(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
	}
	assert_true(ck_csf(&f->ck, "name", "DE.CM-01"));
	assert_false(ck_csf(&f->ck, "name", "DX"));
	assert_string_equal(last(f)->text, "'DX' is not a NIST CSF 2.0 tag "
	    "(like DE, DE.CM or DE.CM-01)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_places, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_and_ids, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_csf, setup, teardown),
	};

	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
