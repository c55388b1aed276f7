/*
 * Unit tests of the questionnaire cache: what comes back is what the
 * parse made, field for field; another text, another model, a damaged
 * or foreign file are misses, never a crash or a wrong questionnaire;
 * "off" writes nothing.
 */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/model.h"
#include "socassess/qcache.h"
#include "socassess/questionnaire.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

/* The shipped model, and a questionnaire's text and parsed form. */
struct fixture {
	struct model *model;
	char *path;
	char *data;
	size_t len;
	struct questionnaire *parsed;
};

static char cache_dir[4200];

static void
use_cache(void)
{
	snprintf(cache_dir, sizeof(cache_dir), "%s/cache", test_dir());
	assert_int_equal(setenv("SOCASSESS_CACHE", cache_dir, 1), 0);
}

static void
fixture_load(struct fixture *f, const char *questionnaire)
{
	struct soc_errors errs;

	soc_errors_init(&errs);
	f->model = model_load(test_path_static("models/owasp-soc.yaml"),
	    &errs);
	assert_non_null(f->model);
	f->path = test_path(questionnaire);
	assert_int_equal(yamlfile_read_capped(f->path, &f->data, &f->len,
	    &errs), 0);
	f->parsed = questionnaire_load_data(f->path, f->data, f->len,
	    &f->model, 1, &errs);
	assert_non_null(f->parsed);
	assert_int_equal(errs.n, 0);
	soc_errors_release(&errs);
}

static void
fixture_release(struct fixture *f)
{
	questionnaire_free(f->parsed);
	model_free(f->model);
	free(f->data);
	free(f->path);
}

/* The one file in the cache folder, as a new path. */
static char *
slot_file(void)
{
	DIR *d = opendir(cache_dir);
	struct dirent *de;
	char *found = NULL;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		assert_null(found);
		found = xasprintf("%s/%s", cache_dir, de->d_name);
	}
	closedir(d);
	assert_non_null(found);
	return found;
}

/* The cache has f's questionnaire. */
static void
assert_cached(const struct fixture *f)
{
	struct questionnaire *q = qcache_load(f->path, f->data, f->len,
	    &f->model, 1);

	assert_non_null(q);
	questionnaire_free(q);
}

static void
assert_same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void
assert_same_question(const struct question *a, const struct question *b,
    size_t n_profiles)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->text, b->text);
	assert_same_string(a->help, b->help);
	assert_int_equal(a->area, b->area);
	assert_true(a->weight == b->weight);
	assert_int_equal(a->level, b->level);
	assert_int_equal(a->in_profile == NULL, b->in_profile == NULL);
	for (size_t p = 0; a->in_profile != NULL && p < n_profiles; p++)
		assert_int_equal(a->in_profile[p], b->in_profile[p]);
	assert_int_equal(a->n_csf, b->n_csf);
	for (size_t c = 0; c < a->n_csf; c++)
		assert_string_equal(a->csf[c], b->csf[c]);
	assert_int_equal(a->n_options, b->n_options);
	for (size_t o = 0; o < a->n_options; o++) {
		assert_true(a->options[o].value == b->options[o].value);
		assert_string_equal(a->options[o].text, b->options[o].text);
		assert_same_string(a->options[o].action,
		    b->options[o].action);
	}
	assert_int_equal(a->effort, b->effort);
	assert_same_string(a->counterpart, b->counterpart);
	assert_int_equal(a->pos.line, b->pos.line);
	assert_int_equal(a->pos.column, b->pos.column);
}

static void
assert_same_questionnaire(const struct questionnaire *a,
    const struct questionnaire *b)
{
	assert_string_equal(a->path, b->path);
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->model_id, b->model_id);
	assert_string_equal(a->version, b->version);
	assert_same_string(a->description, b->description);
	assert_ptr_equal(a->model, b->model);
	assert_int_equal(a->n_questions, b->n_questions);
	for (size_t i = 0; i < a->n_questions; i++) {
		assert_same_question(&a->questions[i], &b->questions[i],
		    a->model->n_profiles);
		assert_int_equal(questionnaire_find(b, b->questions[i].id),
		    (int)i);
	}
}

/* Both shipped questionnaires come back exactly as parsed. */
static void
test_round_trip(void **state)
{
	static const char *const files[] = {
		"questionnaires/owasp-soc-full.yaml",
		"questionnaires/owasp-soc-quick.yaml",
	};

	(void)state;
	use_cache();
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		struct fixture f;
		struct questionnaire *q;

		fixture_load(&f, files[i]);
		assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
		qcache_store(f.path, f.data, f.len, f.parsed);
		q = qcache_load(f.path, f.data, f.len, &f.model, 1);
		assert_non_null(q);
		assert_same_questionnaire(f.parsed, q);
		questionnaire_free(q);
		fixture_release(&f);
	}
	/* One file per questionnaire, no temporary left. */
	assert_int_equal(test_count_entries(cache_dir, false), 2);
	assert_int_equal(test_count_entries(cache_dir, true), 0);
	assert_int_equal(test_remove_dir(cache_dir), 0);
}

/* A text one byte longer, or changed in place, is not the cached one. */
static void
test_other_text(void **state)
{
	struct fixture f;
	char *longer;

	(void)state;
	use_cache();
	fixture_load(&f, "questionnaires/owasp-soc-quick.yaml");
	qcache_store(f.path, f.data, f.len, f.parsed);
	longer = xasprintf("%s\n", f.data);
	assert_null(qcache_load(f.path, longer, f.len + 1, &f.model, 1));
	free(longer);
	f.data[f.len / 2] ^= 1;
	assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
	f.data[f.len / 2] ^= 1;
	assert_cached(&f);
	fixture_release(&f);
	assert_int_equal(test_remove_dir(cache_dir), 0);
}

/* Another text of the model, or no such model loaded: a miss. */
static void
test_other_model(void **state)
{
	struct soc_errors errs;
	struct fixture f;
	struct model *other;
	char *data, *edited;
	size_t len;

	(void)state;
	use_cache();
	soc_errors_init(&errs);
	fixture_load(&f, "questionnaires/owasp-soc-quick.yaml");
	qcache_store(f.path, f.data, f.len, f.parsed);
	assert_int_equal(yamlfile_read_capped(f.model->path, &data, &len,
	    &errs), 0);
	edited = xasprintf("%s# edited\n", data);
	other = model_load_data(f.model->path, edited, strlen(edited), &errs);
	assert_non_null(other);
	assert_int_equal(errs.n, 0);
	assert_null(qcache_load(f.path, f.data, f.len, &other, 1));
	assert_null(qcache_load(f.path, f.data, f.len, NULL, 0));
	model_free(other);
	free(edited);
	free(data);
	soc_errors_release(&errs);
	fixture_release(&f);
	assert_int_equal(test_remove_dir(cache_dir), 0);
}

/* Write len bytes of buf to path, with a mode. */
static void
write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(full_write(fd, buf, len), 0);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
}

/*
 * A file cut anywhere, or with a byte changed, is a miss: the sum
 * catches it. Cut and given a right sum again (the worst a bug could
 * write), the reader still stops at the end and frees what it made.
 */
static void
test_damaged(void **state)
{
	struct soc_errors errs;
	struct fixture f;
	unsigned char *whole;
	size_t size;
	char *slot;

	(void)state;
	use_cache();
	soc_errors_init(&errs);
	fixture_load(&f, "questionnaires/owasp-soc-quick.yaml");
	qcache_store(f.path, f.data, f.len, f.parsed);
	slot = slot_file();
	assert_int_equal(yamlfile_read_capped(slot, (char **)&whole, &size,
	    &errs), 0);
	for (size_t cut = 0; cut < size; cut += 997) {
		uint64_t sum = hash_bytes(whole, cut);
		unsigned char *copy = xmalloc(cut + sizeof(sum));

		memcpy(copy, whole, cut);
		write_file(slot, whole, cut, 0600);
		assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
		memcpy(copy + cut, &sum, sizeof(sum));
		write_file(slot, copy, cut + sizeof(sum), 0600);
		assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
		free(copy);
	}
	for (size_t at = 0; at < size; at += size / 7) {
		whole[at] ^= 0x40;
		write_file(slot, whole, size, 0600);
		assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
		whole[at] ^= 0x40;
	}
	write_file(slot, whole, size, 0600);
	assert_cached(&f);
	free(whole);
	free(slot);
	soc_errors_release(&errs);
	fixture_release(&f);
	assert_int_equal(test_remove_dir(cache_dir), 0);
}

/* A file others may write, or a link, is not taken. */
static void
test_not_ours(void **state)
{
	struct fixture f;
	char *slot, *moved;

	(void)state;
	use_cache();
	fixture_load(&f, "questionnaires/owasp-soc-quick.yaml");
	qcache_store(f.path, f.data, f.len, f.parsed);
	slot = slot_file();
	assert_int_equal(chmod(slot, 0666), 0);
	assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
	assert_int_equal(chmod(slot, 0644), 0);
	moved = xasprintf("%s/elsewhere", test_dir());
	assert_int_equal(rename(slot, moved), 0);
	assert_int_equal(symlink(moved, slot), 0);
	assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
	assert_int_equal(unlink(slot), 0);
	assert_int_equal(rename(moved, slot), 0);
	assert_cached(&f);
	free(moved);
	free(slot);
	fixture_release(&f);
	assert_int_equal(test_remove_dir(cache_dir), 0);
}

/* The folder's rules, and "off"; a place that cannot be a folder. */
static void
test_where(void **state)
{
	struct fixture f;
	char *dir, *blocked;

	(void)state;
	assert_int_equal(setenv("HOME", "/home/someone", 1), 0);
	assert_int_equal(setenv("XDG_CACHE_HOME", "relative", 1), 0);
	assert_int_equal(setenv("SOCASSESS_CACHE", "", 1), 0);
	dir = qcache_dir();
	assert_string_equal(dir, "/home/someone/.cache/socassess");
	free(dir);
	assert_int_equal(setenv("XDG_CACHE_HOME", "/xdg", 1), 0);
	dir = qcache_dir();
	assert_string_equal(dir, "/xdg/socassess");
	free(dir);
	assert_int_equal(setenv("SOCASSESS_CACHE", "/own", 1), 0);
	dir = qcache_dir();
	assert_string_equal(dir, "/own");
	free(dir);
	assert_int_equal(unsetenv("SOCASSESS_CACHE"), 0);
	assert_int_equal(unsetenv("XDG_CACHE_HOME"), 0);
	assert_int_equal(unsetenv("HOME"), 0);
	assert_null(qcache_dir());

	fixture_load(&f, "questionnaires/owasp-soc-quick.yaml");
	assert_int_equal(setenv("SOCASSESS_CACHE", "off", 1), 0);
	assert_null(qcache_dir());
	qcache_store(f.path, f.data, f.len, f.parsed);
	assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
	assert_int_equal(test_count_entries(test_dir(), false), 0);
	/* A file where the folder should be: nothing stored, no message. */
	blocked = xasprintf("%s/file", test_dir());
	write_file(blocked, "x", 1, 0600);
	assert_int_equal(setenv("SOCASSESS_CACHE", blocked, 1), 0);
	qcache_store(f.path, f.data, f.len, f.parsed);
	assert_null(qcache_load(f.path, f.data, f.len, &f.model, 1));
	assert_int_equal(test_count_entries(test_dir(), false), 1);
	assert_int_equal(unlink(blocked), 0);
	free(blocked);
	fixture_release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_other_text),
		cmocka_unit_test(test_other_model),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_where),
	};

	return cmocka_run_group_tests_name("qcache", tests, test_dir_setup,
	    test_dir_teardown);
}
