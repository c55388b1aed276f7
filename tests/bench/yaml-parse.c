/*
 * The floor for `make bench`: read each file named on the command line
 * and run libyaml's event parser over it, doing nothing with the events.
 * socassess cannot read and score faster than this; the benchmark prints
 * its times as multiples of this program's.
 */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

/* The whole of path in a new buffer (*len bytes), or NULL. */
static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		if (n == cap) {
			unsigned char *more;

			cap = cap ? cap * 2 : 65536;
			more = realloc(buf, cap);
			if (more == NULL)
				break;
			buf = more;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*len = n;
	return buf;
}

/* Parse one file to the end of its stream; the number of events or -1. */
static long
parse(const unsigned char *data, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	long n = 0;
	int done = 0;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, data, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			n = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		n++;
	}
	yaml_parser_delete(&parser);
	return n;
}

int
main(int argc, char **argv)
{
	long events = 0;

	for (int i = 1; i < argc; i++) {
		size_t len = 0;
		unsigned char *data = read_file(argv[i], &len);
		long n = data != NULL ? parse(data, len) : -1;

		free(data);
		if (n < 0) {
			fprintf(stderr, "yaml-parse: cannot parse '%s'\n",
			    argv[i]);
			return 1;
		}
		events += n;
	}
	printf("%ld events\n", events);
	return 0;
}
