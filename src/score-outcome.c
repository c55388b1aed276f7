/*
 * The byte form of score-outcome.h (wire.h): flags, then the messages
 * and the queued report as strings, then the row as the portfolio's
 * spool writes it (portfolio_row_encode).
 */
#include <stdlib.h>
#include <string.h>

#include "socassess/score-outcome.h"
#include "socassess/wire.h"

void
score_outcome_encode(struct strbuf *out, const char *messages,
    const char *report_path, const char *report_tmp, bool write_failed,
    const struct portfolio_row *row)
{
	unsigned char flags = (unsigned char)((write_failed ? 1 : 0) |
	    (row != NULL ? 2 : 0));

	strbuf_addch(out, flags);
	wire_put_string(out, messages);
	wire_put_string(out, report_path);
	wire_put_string(out, report_tmp);
	if (row != NULL)
		portfolio_row_encode(out, row);
}

int
score_outcome_decode(const char *data, size_t len, struct score_outcome *o)
{
	struct wire_cursor c = { data, len };
	unsigned char flags;

	memset(o, 0, sizeof(*o));
	if (wire_take(&c, &flags, 1) < 0 ||
	    wire_take_string(&c, &o->messages) < 0 ||
	    wire_take_string(&c, &o->report_path) < 0 ||
	    wire_take_string(&c, &o->report_tmp) < 0)
		return -1;
	o->write_failed = flags & 1;
	o->scored = (flags & 2) != 0;
	if (o->scored && portfolio_row_decode(&c, &o->row) < 0)
		return -1;
	return 0;
}

void
score_outcome_release(struct score_outcome *o)
{
	free(o->messages);
	free(o->report_path);
	free(o->report_tmp);
	portfolio_row_release(&o->row);
	memset(o, 0, sizeof(*o));
}
