/*
 * For `make bench`: the hand-written JSON writer against jansson on the
 * same reports. Each answers file named is loaded and scored (not
 * timed); then its report is written by json-writer.c into memory, and
 * jansson, given the same document as a tree, copies the tree (as
 * building it from the result would allocate it) and dumps it in the
 * same layout. Prints the CPU times (a busy machine stretches wall
 * time, not these) and how many of jansson's texts are byte for byte
 * ours (hostile text differs: we also escape DEL and C1).
 * usage: json-writers DATA-DIR ANSWERS...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "socassess/answers.h"
#include "socassess/catalog.h"
#include "socassess/report.h"
#include "socassess/score.h"

#define JANSSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
	JSON_REAL_PRECISION(15))

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct totals {
	double ours, dump, build_dump;
	int same, n;
};

/* Time both writers on the report of r. */
static void
time_one(const struct result *r, struct totals *t)
{
	char *text = NULL, *theirs;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	double t0, t1;
	json_t *tree, *copy;

	t0 = now();
	report_json_write(r, NULL, fp);
	fclose(fp);
	t->ours += now() - t0;
	tree = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (tree == NULL) {
		fprintf(stderr, "json-writers: jansson cannot read a report\n");
		exit(1);
	}
	t0 = now();
	theirs = json_dumps(tree, JANSSON_FLAGS);
	t1 = now();
	free(theirs);
	copy = json_deep_copy(tree);
	theirs = json_dumps(copy, JANSSON_FLAGS);
	t->build_dump += now() - t1;
	t->dump += t1 - t0;
	t->same += theirs != NULL && strlen(theirs) + 1 == len &&
	    memcmp(theirs, text, len - 1) == 0;
	t->n++;
	free(theirs);
	json_decref(copy);
	json_decref(tree);
	free(text);
}

int
main(int argc, char **argv)
{
	struct catalog cat;
	struct soc_errors errs;
	struct totals t = { 0 };

	if (argc < 3) {
		fprintf(stderr, "usage: json-writers DATA-DIR ANSWERS...\n");
		return 2;
	}
	soc_errors_init(&errs);
	if (catalog_load(&cat, argv[1], &errs) < 0)
		return 1;
	for (int i = 2; i < argc; i++) {
		struct answers *a = answers_load(argv[i], &cat, &errs);
		struct result *r;

		if (a == NULL) {
			fprintf(stderr, "json-writers: cannot load '%s'\n",
			    argv[i]);
			return 1;
		}
		r = score_compute(a);
		time_one(r, &t);
		result_free(r);
		answers_free(a);
	}
	printf("%d %.3f %.3f %.3f %d\n", t.n, t.ours, t.dump, t.build_dump,
	    t.same);
	catalog_release(&cat);
	soc_errors_release(&errs);
	return 0;
}
