/*
 * Finding the data directory and loading what it holds.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/catalog.h"
#include "socassess/qcache.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

#ifndef SOCASSESS_DATADIR
#define SOCASSESS_DATADIR "/usr/local/share/socassess"
#endif

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding the running binary, or NULL. */
static char *
exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(exe);
}

/* True when dir is a socassess source tree (models and src/main.c). */
static bool
is_source_tree(const char *dir)
{
	char *models = xasprintf("%s/models", dir);
	char *src = xasprintf("%s/src/main.c", dir);
	bool yes = is_dir(models) && access(src, R_OK) == 0;

	free(models);
	free(src);
	return yes;
}

/*
 * Data next to the binary: the source tree when it runs from a checkout
 * (./socassess, or the build folder below it: build/socassess), else
 * ../share/socassess, so an installed tree can be moved (or staged with
 * DESTDIR) and still find its data.
 */
static char *
data_near_binary(void)
{
	char *bin = exe_dir(), *parent, *share;
	char *found = NULL;

	if (bin == NULL)
		return NULL;
	/* bin is absolute (/proc/self/exe): its parent is a plain cut. */
	parent = xasprintf("%.*s", (int)(strrchr(bin, '/') - bin), bin);
	share = xasprintf("%s/../share/socassess", bin);
	if (is_source_tree(bin))
		found = xstrdup(bin);
	else if (is_source_tree(parent))
		found = xstrdup(parent);
	else if (is_dir(share))
		found = xstrdup(share);
	free(parent);
	free(share);
	free(bin);
	return found;
}

char *
catalog_find_data_dir(const char *explicit_dir)
{
	const char *env = getenv("SOCASSESS_DATA");
	char *dir;

	if (explicit_dir != NULL)
		return xstrdup(explicit_dir);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((dir = data_near_binary()) != NULL)
		return dir;
	return xstrdup(SOCASSESS_DATADIR);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
catalog_list_files(const char *dir, struct soc_errors *errs)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **files = NULL;
	size_t n = 0;

	if (d == NULL) {
		soc_error_at(errs, NULL, NULL, "cannot open folder '%s': %s",
		    dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		files = xreallocarray(files, n + 2, sizeof(*files));
		files[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	files = xreallocarray(files, n + 1, sizeof(*files));
	files[n] = NULL;
	qsort(files, n, sizeof(*files), compare_strings);
	return files;
}

void
catalog_free_list(char **files)
{
	if (files == NULL)
		return;
	for (char **f = files; *f != NULL; f++)
		free(*f);
	free(files);
}

void
catalog_add_model(struct catalog *cat, struct model *m)
{
	cat->models = xreallocarray(cat->models, cat->n_models + 1,
	    sizeof(*cat->models));
	cat->models[cat->n_models++] = m;
}

void
catalog_add_questionnaire(struct catalog *cat, struct questionnaire *q)
{
	cat->questionnaires = xreallocarray(cat->questionnaires,
	    cat->n_questionnaires + 1, sizeof(*cat->questionnaires));
	cat->questionnaires[cat->n_questionnaires++] = q;
}

void
catalog_move_models(struct catalog *to, struct catalog *from)
{
	for (size_t i = 0; i < from->n_models; i++)
		catalog_add_model(to, from->models[i]);
	free(from->models);
	from->models = NULL;
	from->n_models = 0;
}

void
catalog_move_questionnaires(struct catalog *to, struct catalog *from)
{
	for (size_t i = 0; i < from->n_questionnaires; i++)
		catalog_add_questionnaire(to, from->questionnaires[i]);
	free(from->questionnaires);
	from->questionnaires = NULL;
	from->n_questionnaires = 0;
}

void
catalog_add_wording(struct catalog *cat, struct wording *w)
{
	cat->wordings = xreallocarray(cat->wordings, cat->n_wordings + 1,
	    sizeof(*cat->wordings));
	cat->wordings[cat->n_wordings++] = w;
}

/* True when s is one of the n strings of list. */
static bool
in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; s != NULL && i < n; i++) {
		if (strcmp(list[i], s) == 0)
			return true;
	}
	return false;
}

/* The value of one top-level key of a file, by a quick look, or NULL. */
static char *
peek_one(const char *path, const char *key)
{
	char *value;

	yamlfile_peek(path, &key, 1, &value);
	return value;
}

/* The id a file name names: "x" for "DIR/x.yaml". */
static char *
name_id(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return xasprintf("%.*s", (int)(strlen(base) - 5), base);
}

/*
 * The id a file holds by a quick look; a file where none can be seen is
 * taken for the one its name names: its full load then reports what is
 * wrong with it.
 */
static char *
peek_id(const char *path)
{
	char *id = peek_one(path, "id");

	return id != NULL ? id : name_id(path);
}

/*
 * What a partial load needs: the questionnaire ids asked for, then the
 * models those name (all of them when want->all_models).
 */
struct wanted {
	const char *const *ids;     /* NULL: everything */
	size_t n_ids;
	char **models;
	size_t n_models;
	bool all_models;
};

static void
load_models(struct catalog *cat, const char *data_dir,
    const struct wanted *want, struct soc_errors *errs)
{
	char *dir = xasprintf("%s/models", data_dir);
	char **files = catalog_list_files(dir, errs);

	free(dir);
	for (size_t i = 0; files != NULL && files[i] != NULL; i++) {
		struct model *m;

		if (want->ids != NULL && !want->all_models) {
			char *id = peek_id(files[i]);
			bool needed = in_list(id, (const char *const *)
			    want->models, want->n_models);

			free(id);
			if (!needed)
				continue;
		}
		if ((m = model_load(files[i], errs)) == NULL)
			continue;
		if (catalog_model(cat, m->id) != NULL) {
			soc_error_at(errs, files[i], NULL,
			    "model id '%s' is used by another file", m->id);
			model_free(m);
			continue;
		}
		catalog_add_model(cat, m);
	}
	catalog_free_list(files);
}

/*
 * Every questionnaire file's id into cat->questionnaire_ids, and the
 * files of the ids wanted (with the models they name) into *load, a
 * NULL-terminated list owned by the caller.
 */
static void
pick_questionnaires(struct catalog *cat, char **files, struct wanted *want,
    char ***load)
{
	static const char *const keys[] = { "id", "model" };
	size_t n = 0;

	*load = xcalloc(1, sizeof(**load));
	for (size_t i = 0; files != NULL && files[i] != NULL; i++) {
		char *v[2];

		yamlfile_peek(files[i], keys, 2, v);
		if (v[0] == NULL)
			v[0] = name_id(files[i]);
		cat->questionnaire_ids = xreallocarray(cat->questionnaire_ids,
		    cat->n_questionnaire_ids + 1,
		    sizeof(*cat->questionnaire_ids));
		cat->questionnaire_ids[cat->n_questionnaire_ids++] = v[0];
		if (!in_list(v[0], want->ids, want->n_ids)) {
			free(v[1]);
			continue;
		}
		*load = xreallocarray(*load, n + 2, sizeof(**load));
		(*load)[n++] = files[i];
		(*load)[n] = NULL;
		if (v[1] == NULL)
			want->all_models = true;
		else if (in_list(v[1], (const char *const *)want->models,
		    want->n_models))
			free(v[1]);
		else {
			want->models = xreallocarray(want->models,
			    want->n_models + 1, sizeof(*want->models));
			want->models[want->n_models++] = v[1];
		}
	}
}

/*
 * The questionnaire at path, from the cache when it has this very text
 * (and model, and build), else parsed and, when no message came of it,
 * kept in the cache for the next run.
 */
static struct questionnaire *
load_questionnaire(const char *path, const struct catalog *cat,
    struct soc_errors *errs)
{
	size_t before = errs->n, len;
	struct questionnaire *q;
	char *data;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	q = qcache_load(path, data, len, cat->models, cat->n_models);
	if (q == NULL) {
		q = questionnaire_load_data(path, data, len, cat->models,
		    cat->n_models, errs);
		if (q != NULL && errs->n == before)
			qcache_store(path, data, len, q);
	}
	free(data);
	return q;
}

static void
load_questionnaires(struct catalog *cat, char *const *files,
    struct soc_errors *errs)
{
	for (size_t i = 0; files != NULL && files[i] != NULL; i++) {
		struct questionnaire *q = load_questionnaire(files[i], cat,
		    errs);

		if (q == NULL)
			continue;
		if (catalog_questionnaire(cat, q->id) != NULL) {
			soc_error_at(errs, files[i], NULL, "questionnaire id "
			    "'%s' is used by another file", q->id);
			questionnaire_free(q);
			continue;
		}
		catalog_add_questionnaire(cat, q);
	}
}

/*
 * The report wordings of data_dir; with only_loaded, those of the models
 * loaded (and any whose model cannot be seen without loading it).
 */
static void
load_wordings(struct catalog *cat, const char *data_dir, bool only_loaded,
    struct soc_errors *errs)
{
	char *dir = xasprintf("%s/templates", data_dir);
	char **files = is_dir(dir) ? catalog_list_files(dir, errs) : NULL;

	for (size_t i = 0; files != NULL && files[i] != NULL; i++) {
		struct wording *w;

		if (only_loaded) {
			char *model = peek_one(files[i], "model");
			bool skip = model != NULL &&
			    catalog_model(cat, model) == NULL;

			free(model);
			if (skip)
				continue;
		}
		w = wording_load(files[i], cat->models, cat->n_models, errs);
		if (w == NULL)
			continue;
		if (catalog_wording(cat, w->model_id, w->language) != NULL) {
			soc_error_at(errs, files[i], NULL, "wording for model "
			    "'%s' in language '%s' is given by another file",
			    w->model_id, w->language);
			wording_free(w);
			continue;
		}
		catalog_add_wording(cat, w);
	}
	catalog_free_list(files);
	free(dir);
}

/* catalog_load and catalog_load_some: want->ids NULL loads everything. */
static int
load_catalog(struct catalog *cat, const char *data_dir, struct wanted *want,
    struct soc_errors *errs)
{
	size_t before = errs->n_errors;
	char *dir;
	char **files, **load = NULL;

	memset(cat, 0, sizeof(*cat));
	cat->data_dir = xstrdup(data_dir);
	if (!is_dir(data_dir)) {
		soc_error_at(errs, NULL, NULL, "data folder '%s' does not "
		    "exist (use --data-dir or SOCASSESS_DATA)", data_dir);
		return -1;
	}
	dir = xasprintf("%s/questionnaires", data_dir);
	files = catalog_list_files(dir, errs);
	free(dir);
	/* The questionnaires first: they say which models are needed. */
	if (want->ids != NULL)
		pick_questionnaires(cat, files, want, &load);
	load_models(cat, data_dir, want, errs);
	load_questionnaires(cat, want->ids != NULL ? load : files, errs);
	free(load);
	catalog_free_list(files);
	load_wordings(cat, data_dir, want->ids != NULL, errs);
	for (size_t i = 0; i < want->n_models; i++)
		free(want->models[i]);
	free(want->models);
	return errs->n_errors > before ? -1 : 0;
}

int
catalog_load(struct catalog *cat, const char *data_dir,
    struct soc_errors *errs)
{
	struct wanted all = { 0 };

	return load_catalog(cat, data_dir, &all, errs);
}

int
catalog_load_some(struct catalog *cat, const char *data_dir,
    const char *const *ids, size_t n_ids, struct soc_errors *errs)
{
	struct wanted some = { .ids = ids, .n_ids = n_ids };

	/* A non-NULL list, even when empty, means "only these". */
	if (ids == NULL)
		some.ids = (const char *const[]){ NULL };
	return load_catalog(cat, data_dir, &some, errs);
}

void
catalog_release(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n_wordings; i++)
		wording_free(cat->wordings[i]);
	for (size_t i = 0; i < cat->n_questionnaires; i++)
		questionnaire_free(cat->questionnaires[i]);
	for (size_t i = 0; i < cat->n_models; i++)
		model_free(cat->models[i]);
	free(cat->wordings);
	free(cat->questionnaires);
	free(cat->models);
	for (size_t i = 0; i < cat->n_questionnaire_ids; i++)
		free(cat->questionnaire_ids[i]);
	free(cat->questionnaire_ids);
	free(cat->data_dir);
	memset(cat, 0, sizeof(*cat));
}

const struct model *
catalog_model(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n_models; i++) {
		if (strcmp(cat->models[i]->id, id) == 0)
			return cat->models[i];
	}
	return NULL;
}

const struct questionnaire *
catalog_questionnaire(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n_questionnaires; i++) {
		if (strcmp(cat->questionnaires[i]->id, id) == 0)
			return cat->questionnaires[i];
	}
	return NULL;
}

const struct wording *
catalog_wording(const struct catalog *cat, const char *model_id,
    const char *language)
{
	for (size_t i = 0; i < cat->n_wordings; i++) {
		if (strcmp(cat->wordings[i]->model_id, model_id) == 0 &&
		    strcmp(cat->wordings[i]->language, language) == 0)
			return cat->wordings[i];
	}
	return NULL;
}

char *
catalog_unknown_questionnaire(const struct catalog *cat, const char *id)
{
	size_t max = cat->n_questionnaire_ids + cat->n_questionnaires, n = 0;
	const char **names = xcalloc(max + 1, sizeof(*names));
	struct strbuf sb = STRBUF_INIT;
	const char *near;

	for (size_t i = 0; i < cat->n_questionnaire_ids; i++) {
		if (!in_list(cat->questionnaire_ids[i], names, n))
			names[n++] = cat->questionnaire_ids[i];
	}
	for (size_t i = 0; i < cat->n_questionnaires; i++) {
		if (!in_list(cat->questionnaires[i]->id, names, n))
			names[n++] = cat->questionnaires[i]->id;
	}
	strbuf_addf(&sb, "unknown questionnaire '%s'", id);
	near = str_closest(id, names, n);
	if (near != NULL)
		strbuf_addf(&sb, ": did you mean '%s'?", near);
	else if (n == 0)
		strbuf_addstr(&sb, " (the data folder holds none)");
	else {
		strbuf_addstr(&sb, " (expected one of: ");
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "", names[i]);
		strbuf_addch(&sb, ')');
	}
	free(names);
	return strbuf_detach(&sb, NULL);
}
