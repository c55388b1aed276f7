/*
 * The questionnaire cache: a checked questionnaire written field by
 * field into one file per questionnaire file name, and read back only when
 * the file's header matches exactly what a parse would start from.
 *
 * A file is: "socqc02\n", the build id of the program, the model's id
 * and hash_bytes of its text, the questionnaire's whole text, the
 * questionnaire's fields, and hash_bytes of all that. Strings and
 * arrays are in wire.h's byte form, numbers in the machine's own
 * layout: the build id already ties a file to one program on one kind
 * of machine.
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
#include "socassess/wire.h"

#define MAGIC "socqc02\n"
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

/* Numbers in their memory form, strings and arrays as wire.h puts them. */
#define PUT(sb, v) strbuf_add((sb), &(v), sizeof(v))

static void
put_question(struct strbuf *sb, const struct question *qu, size_t n_profiles)
{
	uint32_t level = (uint32_t)qu->level, effort = (uint32_t)qu->effort;
	uint64_t area = qu->area, n_csf = qu->n_csf, n_opt = qu->n_options;

	wire_put_string(sb, qu->id);
	wire_put_string(sb, qu->text);
	wire_put_string(sb, qu->help);
	PUT(sb, area);
	PUT(sb, qu->weight);
	PUT(sb, level);
	wire_put_array(sb, qu->in_profile, n_profiles, sizeof(bool));
	PUT(sb, n_csf);
	for (size_t c = 0; c < qu->n_csf; c++)
		wire_put_string(sb, qu->csf[c]);
	PUT(sb, n_opt);
	for (size_t o = 0; o < qu->n_options; o++) {
		PUT(sb, qu->options[o].value);
		wire_put_string(sb, qu->options[o].text);
		wire_put_string(sb, qu->options[o].action);
	}
	PUT(sb, effort);
	wire_put_string(sb, qu->counterpart);
	PUT(sb, qu->pos.line);
	PUT(sb, qu->pos.column);
}

static void
put_questionnaire(struct strbuf *sb, const char *data, size_t len,
    const struct questionnaire *q)
{
	uint32_t id_len = (uint32_t)build_id.len;
	uint64_t text_len = len, n = q->n_questions, sum;

	strbuf_add(sb, MAGIC, strlen(MAGIC));
	PUT(sb, id_len);
	strbuf_add(sb, build_id.bytes, build_id.len);
	wire_put_string(sb, q->model->id);
	PUT(sb, q->model->source_hash);
	PUT(sb, text_len);
	strbuf_add(sb, data, len);
	wire_put_string(sb, q->id);
	wire_put_string(sb, q->name);
	wire_put_string(sb, q->model_id);
	wire_put_string(sb, q->version);
	wire_put_string(sb, q->description);
	PUT(sb, n);
	for (size_t i = 0; i < q->n_questions; i++)
		put_question(sb, &q->questions[i], q->model->n_profiles);
	sum = hash_bytes(sb->buf, sb->len);
	PUT(sb, sum);
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
	struct wire_cursor c;
	bool bad;
};

static void
take(struct reader *r, void *out, size_t n)
{
	if (r->bad || wire_take(&r->c, out, n) < 0)
		r->bad = true;
}

/* A number in its memory form into v, as PUT wrote it. */
#define GET(r, v) take((r), &(v), sizeof(v))

/* A count of things of at least min bytes each: no more than fit. */
static size_t
get_count(struct reader *r, size_t min)
{
	uint64_t n = 0;

	GET(r, n);
	if (r->bad || n > r->c.left / min) {
		r->bad = true;
		return 0;
	}
	return (size_t)n;
}

/* A new string or NULL (NULL also once bad); required: NULL is bad. */
static char *
get_str(struct reader *r, bool required)
{
	char *s = NULL;

	if (r->bad || wire_take_string(&r->c, &s) < 0 ||
	    (s == NULL && required))
		r->bad = true;
	return s;
}

/* The n bytes at r equal data's: skip them. */
static void
same_bytes(struct reader *r, const void *data, size_t n)
{
	if (r->bad || r->c.left < n || memcmp(r->c.p, data, n) != 0) {
		r->bad = true;
		return;
	}
	r->c.p += n;
	r->c.left -= n;
}

/* Which profiles a question is asked for: NULL (all) or one flag each. */
static bool *
get_profiles(struct reader *r, size_t n_profiles)
{
	void *a = NULL;
	unsigned char *flag;

	if (r->bad || wire_take_array(&r->c, &a, n_profiles, sizeof(bool)) <
	    0) {
		r->bad = true;
		return NULL;
	}
	/* Any byte but 0 means true: a bool holds 0 or 1 only. */
	flag = a;
	for (size_t p = 0; flag != NULL && p < n_profiles; p++)
		flag[p] = flag[p] != 0;
	return a;
}

static void
get_question(struct reader *r, struct question *qu, const struct model *m)
{
	uint64_t area = 0;
	uint32_t level = 0, effort = 0;

	qu->id = get_str(r, true);
	qu->text = get_str(r, true);
	qu->help = get_str(r, false);
	GET(r, area);
	qu->area = (size_t)area;
	GET(r, qu->weight);
	GET(r, level);
	qu->level = (int)level;
	qu->in_profile = get_profiles(r, m->n_profiles);
	qu->n_csf = get_count(r, sizeof(uint32_t));
	qu->csf = xcalloc(qu->n_csf, sizeof(*qu->csf));
	for (size_t c = 0; c < qu->n_csf; c++)
		qu->csf[c] = get_str(r, true);
	qu->n_options = get_count(r, sizeof(double) + 2 * sizeof(uint32_t));
	qu->options = xcalloc(qu->n_options, sizeof(*qu->options));
	for (size_t o = 0; o < qu->n_options; o++) {
		GET(r, qu->options[o].value);
		qu->options[o].text = get_str(r, true);
		qu->options[o].action = get_str(r, false);
	}
	GET(r, effort);
	qu->effort = (enum effort)effort;
	qu->counterpart = get_str(r, false);
	GET(r, qu->pos.line);
	GET(r, qu->pos.column);
	if (qu->area >= m->n_areas || effort > EFFORT_HIGH)
		r->bad = true;
}

/* The model the header names, if it is the one the file was made with. */
static const struct model *
get_model(struct reader *r, struct model *const *models, size_t n_models)
{
	char *id = get_str(r, true);
	uint64_t hash = 0;
	const struct model *found = NULL;

	GET(r, hash);
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
	uint32_t id_len = 0;
	uint64_t text_len = 0;

	same_bytes(r, MAGIC, strlen(MAGIC));
	GET(r, id_len);
	if (id_len != build_id.len)
		r->bad = true;
	same_bytes(r, build_id.bytes, build_id.len);
	m = get_model(r, models, n_models);
	GET(r, text_len);
	if (text_len != len)
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
	if (r->bad || r->c.left != 0 || q->n_questions == 0 ||
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
			struct reader r = { { (const char *)buf,
			    size - sizeof(sum) }, false };

			q = get_questionnaire(&r, path, data, len, models,
			    n_models);
		}
	}
	free(buf);
	free(slot);
	free(dir);
	return q;
}
