/*
 * The questionnaire cache: a checked questionnaire written field by
 * field into one file per questionnaire file name, and read back only when
 * the file's header matches exactly what a parse would start from.
 *
 * A file is: "socqc01\n", the build id of the program, the model's id
 * and hash_bytes of its text, the questionnaire's whole text, the
 * questionnaire's fields, and hash_bytes of all that. Numbers are in
 * the machine's own layout: the build id already ties a file to one
 * program on one kind of machine.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/atomic.h"
#include "socassess/qcache.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

#define MAGIC "socqc01\n"
#define NO_STRING UINT32_MAX
/* The biggest file read back: past it, something else is there. */
#define MAX_FILE (64u * 1024 * 1024)

/* ---- which program this is ------------------------------------------ */

static struct {
	const unsigned char *bytes;  /* in the program's mapped notes */
	size_t len;                  /* 0: no build id, so no cache */
} build_id;
static pthread_once_t build_id_once = PTHREAD_ONCE_INIT;

/* The GNU build id among the notes of one PT_NOTE segment, if there. */
static void
scan_notes(const unsigned char *p, size_t size, size_t align)
{
	const unsigned char *end = p + size;

	while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
		ElfW(Nhdr) nh;
		size_t name, desc;

		memcpy(&nh, p, sizeof(nh));
		p += sizeof(nh);
		name = ((size_t)nh.n_namesz + align - 1) & ~(align - 1);
		desc = ((size_t)nh.n_descsz + align - 1) & ~(align - 1);
		if ((size_t)(end - p) < name || (size_t)(end - p) - name < desc)
			return;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp(p, "GNU", 4) == 0 && nh.n_descsz > 0) {
			build_id.bytes = p + name;
			build_id.len = nh.n_descsz;
			return;
		}
		p += name + desc;
	}
}

/* dl_iterate_phdr lists the program itself first: look there only. */
static int
program_notes(struct dl_phdr_info *info, size_t size, void *ctx)
{
	(void)size;
	(void)ctx;
	for (size_t i = 0; i < info->dlpi_phnum && build_id.len == 0; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_NOTE)
			scan_notes((const unsigned char *)(uintptr_t)
			    (info->dlpi_addr + ph->p_vaddr), ph->p_memsz,
			    ph->p_align == 8 ? 8 : 4);
	}
	return 1;
}

static void
find_build_id(void)
{
	dl_iterate_phdr(program_notes, NULL);
}

/* ---- where ---------------------------------------------------------- */

char *
qcache_dir(void)
{
	const char *own = getenv("SOCASSESS_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (own != NULL && *own != '\0')
		return strcmp(own, "off") == 0 ? NULL : xstrdup(own);
	/* The XDG rule: a relative XDG_CACHE_HOME is ignored. */
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/socassess", xdg);
	if (home != NULL && *home == '/')
		return xasprintf("%s/.cache/socassess", home);
	return NULL;
}

/*
 * The cache file of the questionnaire at path, in dir: one per file
 * name, so the cache holds as many files as there are questionnaire
 * names, however many folders they are used from (two different texts
 * of one name take turns: each run that finds the other one parses).
 */
static char *
slot_path(const char *dir, const char *path)
{
	const char *name = strrchr(path, '/');

	return xasprintf("%s/%s.cache", dir, name != NULL ? name + 1 : path);
}

/* ---- writing -------------------------------------------------------- */

static void
put_u32(struct strbuf *sb, uint32_t v)
{
	strbuf_add(sb, &v, sizeof(v));
}

static void
put_u64(struct strbuf *sb, uint64_t v)
{
	strbuf_add(sb, &v, sizeof(v));
}

static void
put_f64(struct strbuf *sb, double v)
{
	strbuf_add(sb, &v, sizeof(v));
}

/* A string, or NULL; the loads cap every file far below 4 GB. */
static void
put_str(struct strbuf *sb, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	put_u32(sb, s != NULL ? (uint32_t)n : NO_STRING);
	strbuf_add(sb, s, n);
}

static void
put_question(struct strbuf *sb, const struct question *qu, size_t n_profiles)
{
	put_str(sb, qu->id);
	put_str(sb, qu->text);
	put_str(sb, qu->help);
	put_u64(sb, qu->area);
	put_f64(sb, qu->weight);
	put_u32(sb, (uint32_t)qu->level);
	put_u32(sb, qu->in_profile != NULL);
	for (size_t p = 0; qu->in_profile != NULL && p < n_profiles; p++)
		strbuf_addch(sb, qu->in_profile[p]);
	put_u64(sb, qu->n_csf);
	for (size_t c = 0; c < qu->n_csf; c++)
		put_str(sb, qu->csf[c]);
	put_u64(sb, qu->n_options);
	for (size_t o = 0; o < qu->n_options; o++) {
		put_f64(sb, qu->options[o].value);
		put_str(sb, qu->options[o].text);
		put_str(sb, qu->options[o].action);
	}
	put_u32(sb, (uint32_t)qu->effort);
	put_str(sb, qu->counterpart);
	put_u32(sb, qu->pos.line);
	put_u32(sb, qu->pos.column);
}

static void
put_questionnaire(struct strbuf *sb, const char *data, size_t len,
    const struct questionnaire *q)
{
	strbuf_add(sb, MAGIC, strlen(MAGIC));
	put_u32(sb, (uint32_t)build_id.len);
	strbuf_add(sb, build_id.bytes, build_id.len);
	put_str(sb, q->model->id);
	put_u64(sb, q->model->source_hash);
	put_u64(sb, len);
	strbuf_add(sb, data, len);
	put_str(sb, q->id);
	put_str(sb, q->name);
	put_str(sb, q->model_id);
	put_str(sb, q->version);
	put_str(sb, q->description);
	put_u64(sb, q->n_questions);
	for (size_t i = 0; i < q->n_questions; i++)
		put_question(sb, &q->questions[i], q->model->n_profiles);
	put_u64(sb, hash_bytes(sb->buf, sb->len));
}

static int
write_buffer(FILE *fp, const void *ctx)
{
	const struct strbuf *sb = ctx;

	return fwrite(sb->buf, 1, sb->len, fp) == sb->len ? 0 : -1;
}

/* Make dir and any folder above it that is missing, for us alone. */
static int
make_dirs(char *dir)
{
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char was = *p;

		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			*p = was;
			return -1;
		}
		*p = was;
		if (was == '\0')
			return 0;
	}
}

void
qcache_store(const char *path, const char *data, size_t len,
    const struct questionnaire *q)
{
	struct strbuf sb = STRBUF_INIT;
	struct soc_errors ignored;
	char *dir, *slot;

	pthread_once(&build_id_once, find_build_id);
	if (build_id.len == 0 || q->model == NULL ||
	    (dir = qcache_dir()) == NULL)
		return;
	if (make_dirs(dir) == 0) {
		slot = slot_path(dir, path);
		put_questionnaire(&sb, data, len, q);
		soc_errors_init(&ignored);
		atomic_save(slot, write_buffer, &sb, &ignored);
		soc_errors_release(&ignored);
		strbuf_release(&sb);
		free(slot);
	}
	free(dir);
}

/* ---- reading -------------------------------------------------------- */

/* What is left to read; bad once anything did not fit. */
struct reader {
	const unsigned char *p, *end;
	bool bad;
};

static bool
take(struct reader *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return false;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static uint32_t
get_u32(struct reader *r)
{
	uint32_t v = 0;

	take(r, &v, sizeof(v));
	return v;
}

static uint64_t
get_u64(struct reader *r)
{
	uint64_t v = 0;

	take(r, &v, sizeof(v));
	return v;
}

static double
get_f64(struct reader *r)
{
	double v = 0;

	take(r, &v, sizeof(v));
	return v;
}

/* A count of things of at least min bytes each: no more than fit. */
static size_t
get_count(struct reader *r, size_t min)
{
	uint64_t n = get_u64(r);

	if (r->bad || n > (uint64_t)(r->end - r->p) / min) {
		r->bad = true;
		return 0;
	}
	return (size_t)n;
}

/* A new string or NULL (NULL also once bad); required: NULL is bad. */
static char *
get_str(struct reader *r, bool required)
{
	uint32_t n = get_u32(r);
	char *s;

	if (!r->bad && n == NO_STRING && !required)
		return NULL;
	if (r->bad || n == NO_STRING || (size_t)(r->end - r->p) < n ||
	    memchr(r->p, '\0', n) != NULL) {
		r->bad = true;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

/* The n bytes at r equal data's: skip them. */
static bool
same_bytes(struct reader *r, const void *data, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n ||
	    memcmp(r->p, data, n) != 0) {
		r->bad = true;
		return false;
	}
	r->p += n;
	return true;
}

static void
get_question(struct reader *r, struct question *qu, const struct model *m)
{
	uint32_t effort;

	qu->id = get_str(r, true);
	qu->text = get_str(r, true);
	qu->help = get_str(r, false);
	qu->area = (size_t)get_u64(r);
	qu->weight = get_f64(r);
	qu->level = (int)get_u32(r);
	if (get_u32(r) != 0) {
		qu->in_profile = xcalloc(m->n_profiles, sizeof(bool));
		for (size_t p = 0; p < m->n_profiles; p++) {
			unsigned char b = 0;

			take(r, &b, 1);
			qu->in_profile[p] = b != 0;
		}
	}
	qu->n_csf = get_count(r, sizeof(uint32_t));
	qu->csf = xcalloc(qu->n_csf, sizeof(*qu->csf));
	for (size_t c = 0; c < qu->n_csf; c++)
		qu->csf[c] = get_str(r, true);
	qu->n_options = get_count(r, sizeof(double) + 2 * sizeof(uint32_t));
	qu->options = xcalloc(qu->n_options, sizeof(*qu->options));
	for (size_t o = 0; o < qu->n_options; o++) {
		qu->options[o].value = get_f64(r);
		qu->options[o].text = get_str(r, true);
		qu->options[o].action = get_str(r, false);
	}
	effort = get_u32(r);
	qu->effort = (enum effort)effort;
	qu->counterpart = get_str(r, false);
	qu->pos.line = get_u32(r);
	qu->pos.column = get_u32(r);
	if (qu->area >= m->n_areas || effort > EFFORT_HIGH)
		r->bad = true;
}

/* The model the header names, if it is the one the file was made with. */
static const struct model *
get_model(struct reader *r, struct model *const *models, size_t n_models)
{
	char *id = get_str(r, true);
	uint64_t hash = get_u64(r);
	const struct model *found = NULL;

	for (size_t i = 0; id != NULL && i < n_models && found == NULL; i++) {
		if (strcmp(models[i]->id, id) == 0 &&
		    models[i]->source_hash == hash)
			found = models[i];
	}
	free(id);
	if (found == NULL)
		r->bad = true;
	return found;
}

/* The questionnaire after the header, or NULL when r held another. */
static struct questionnaire *
get_questionnaire(struct reader *r, const char *path, const char *data,
    size_t len, struct model *const *models, size_t n_models)
{
	const struct model *m;
	struct questionnaire *q;
	uint32_t id_len;

	same_bytes(r, MAGIC, strlen(MAGIC));
	id_len = get_u32(r);
	if (id_len != build_id.len)
		r->bad = true;
	same_bytes(r, build_id.bytes, build_id.len);
	m = get_model(r, models, n_models);
	if (get_u64(r) != len)
		r->bad = true;
	same_bytes(r, data, len);
	if (r->bad)
		return NULL;
	q = xcalloc(1, sizeof(*q));
	str_index_init(&q->index);
	q->path = xstrdup(path);
	q->model = m;
	q->id = get_str(r, true);
	q->name = get_str(r, true);
	q->model_id = get_str(r, true);
	q->version = get_str(r, true);
	q->description = get_str(r, false);
	q->n_questions = get_count(r, 8 * sizeof(uint32_t));
	q->questions = xcalloc(q->n_questions, sizeof(*q->questions));
	for (size_t i = 0; i < q->n_questions && !r->bad; i++) {
		get_question(r, &q->questions[i], m);
		if (!r->bad && str_index_add(&q->index, q->questions[i].id,
		    i) >= 0)
			r->bad = true;
	}
	if (r->bad || r->p != r->end || q->n_questions == 0 ||
	    strcmp(q->model_id, m->id) != 0) {
		questionnaire_free(q);
		return NULL;
	}
	return q;
}

/*
 * The cache file at slot, whole, in a new buffer: only a regular file of
 * ours that nobody else may write. NULL when there is none such.
 */
static unsigned char *
read_slot(const char *slot, size_t *size)
{
	int fd = open(slot, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	unsigned char *buf = NULL;
	struct stat st;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && (st.st_mode & 022) == 0 &&
	    st.st_size > 8 && st.st_size <= (off_t)MAX_FILE) {
		*size = (size_t)st.st_size;
		buf = xmalloc(*size);
		if (full_read(fd, buf, *size) != (ssize_t)*size) {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

struct questionnaire *
qcache_load(const char *path, const char *data, size_t len,
    struct model *const *models, size_t n_models)
{
	struct questionnaire *q = NULL;
	unsigned char *buf = NULL;
	char *dir, *slot;
	size_t size;
	uint64_t sum;

	pthread_once(&build_id_once, find_build_id);
	if (build_id.len == 0 || (dir = qcache_dir()) == NULL)
		return NULL;
	slot = slot_path(dir, path);
	buf = read_slot(slot, &size);
	if (buf != NULL) {
		memcpy(&sum, buf + size - sizeof(sum), sizeof(sum));
		if (sum == hash_bytes(buf, size - sizeof(sum))) {
			struct reader r = { buf, buf + size - sizeof(sum),
			    false };

			q = get_questionnaire(&r, path, data, len, models,
			    n_models);
		}
	}
	free(buf);
	free(slot);
	free(dir);
	return q;
}
