/*
 * Workbooks written safely (temporary file, rename on success only),
 * the formats the reports share, and cell writers that keep text from
 * answers files inert and within Excel's limits. The libxlsxwriter
 * traps these guard against are listed in LIBRARIES.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stddef.h>
#include <unistr.h>

#include "socassess/figures.h"
#include "socassess/strbuf.h"
#include "socassess/utf8.h"
#include "socassess/util.h"
#include "socassess/xlsx-book.h"

/* Fills of the level bands, red to green, and their text colours. */
static const lxw_color_t band_fill[XLSX_BANDS] = {
	0xF4B6B0, 0xF8CBAD, 0xFFE699, 0xE2EFDA, 0xC6E0B4, 0x8FD19E,
};

/*
 * Text colours on fills, each at least 4.5:1 against its fill (WCAG AA
 * for normal text; tests/cases/xlsx-contrast computes it): grey for
 * notes (7.0:1 on white, 6.3:1 on the grey fill), dark amber on yellow.
 */
#define TEXT_MUTED 0x595959
#define TEXT_AMBER 0x7A4100

static lxw_format *
new_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "Calibri");
	format_set_font_size(f, 10);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

static void status_formats_init(struct xlsx_formats *f, lxw_workbook *wb);
static void page_formats_init(struct xlsx_formats *f, lxw_workbook *wb);

static void
formats_init(struct xlsx_formats *f, lxw_workbook *wb)
{
	f->title = new_format(wb);
	format_set_font_size(f->title, 18);
	format_set_bold(f->title);
	format_set_font_color(f->title, 0x1F3864);
	f->subtitle = new_format(wb);
	format_set_font_size(f->subtitle, 12);
	format_set_font_color(f->subtitle, 0x404040);
	f->heading = new_format(wb);
	format_set_font_size(f->heading, 12);
	format_set_bold(f->heading);
	format_set_font_color(f->heading, 0x1F3864);
	format_set_bottom(f->heading, LXW_BORDER_THIN);
	format_set_bottom_color(f->heading, 0x1F3864);
	f->intro = new_format(wb);
	format_set_text_wrap(f->intro);
	format_set_font_color(f->intro, 0x404040);
	f->head = new_format(wb);
	format_set_bold(f->head);
	format_set_font_color(f->head, LXW_COLOR_WHITE);
	format_set_bg_color(f->head, 0x1F3864);
	format_set_text_wrap(f->head);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_border_color(f->head, 0xBFBFBF);
	f->label = new_format(wb);
	format_set_bold(f->label);
	f->text = new_format(wb);
	f->wrap = new_format(wb);
	format_set_text_wrap(f->wrap);
	f->muted = new_format(wb);
	format_set_italic(f->muted);
	format_set_font_color(f->muted, TEXT_MUTED);
	format_set_text_wrap(f->muted);
	/* Numbers centred: never flush against the next column's text. */
	f->num2 = new_format(wb);
	format_set_num_format(f->num2, "0.00");
	format_set_align(f->num2, LXW_ALIGN_CENTER);
	f->big = new_format(wb);
	format_set_num_format(f->big, "0.00");
	format_set_font_size(f->big, 16);
	format_set_bold(f->big);
	format_set_font_color(f->big, 0x1F3864);
	format_set_align(f->big, LXW_ALIGN_LEFT);
	f->key = new_format(wb);
	format_set_num_format(f->key, "0.00");
	format_set_align(f->key, LXW_ALIGN_LEFT);
	status_formats_init(f, wb);
}

/*
 * The second half of the shared formats, in the same order as always
 * (the order numbers the styles, and the same inputs give the same
 * bytes): greyed rows, the banner, percentages, integers, dates, and
 * the fills of level bands and gaps.
 */
static void
status_formats_init(struct xlsx_formats *f, lxw_workbook *wb)
{
	f->grey = workbook_add_format(wb);
	format_set_italic(f->grey);
	format_set_font_color(f->grey, TEXT_MUTED);
	format_set_bg_color(f->grey, 0xF2F2F2);
	f->note = new_format(wb);
	format_set_italic(f->note);
	format_set_font_color(f->note, TEXT_MUTED);
	f->banner = new_format(wb);
	format_set_bold(f->banner);
	format_set_text_wrap(f->banner);
	format_set_font_color(f->banner, 0x9C0006);
	format_set_bg_color(f->banner, 0xFFEB9C);
	format_set_border(f->banner, LXW_BORDER_MEDIUM);
	format_set_border_color(f->banner, 0x9C5700);
	f->pct = new_format(wb);
	format_set_num_format(f->pct, "0%");
	format_set_align(f->pct, LXW_ALIGN_CENTER);
	f->integer = new_format(wb);
	format_set_num_format(f->integer, "0");
	format_set_align(f->integer, LXW_ALIGN_CENTER);
	f->date = new_format(wb);
	format_set_num_format(f->date, "yyyy-mm-dd");
	for (size_t i = 0; i < XLSX_BANDS; i++) {
		f->band[i] = workbook_add_format(wb);
		format_set_bg_color(f->band[i], band_fill[i]);
	}
	f->good = workbook_add_format(wb);
	format_set_bg_color(f->good, 0xC6EFCE);
	format_set_font_color(f->good, 0x006100);
	f->warn = workbook_add_format(wb);
	format_set_bg_color(f->warn, 0xFFEB9C);
	format_set_font_color(f->warn, TEXT_AMBER);
	f->bad = workbook_add_format(wb);
	format_set_bg_color(f->bad, 0xFFC7CE);
	format_set_font_color(f->bad, 0x9C0006);
	page_formats_init(f, wb);
}

/*
 * The formats of the executive page and the heatmap: one-line meanings,
 * key figures, signature lines and the level cells of the heatmap.
 */
static void
page_formats_init(struct xlsx_formats *f, lxw_workbook *wb)
{
	f->meaning = new_format(wb);
	format_set_italic(f->meaning);
	format_set_font_color(f->meaning, TEXT_MUTED);
	format_set_text_wrap(f->meaning);
	f->key_pct = new_format(wb);
	format_set_num_format(f->key_pct, "0%");
	format_set_font_size(f->key_pct, 12);
	format_set_bold(f->key_pct);
	format_set_align(f->key_pct, LXW_ALIGN_LEFT);
	f->bold = new_format(wb);
	format_set_bold(f->bold);
	f->sign = new_format(wb);
	format_set_bottom(f->sign, LXW_BORDER_THIN);
	format_set_text_wrap(f->sign);
	format_set_align(f->sign, LXW_ALIGN_VERTICAL_BOTTOM);
	for (size_t i = 0; i <= XLSX_BANDS; i++) {
		lxw_format *h = new_format(wb);

		format_set_text_wrap(h);
		format_set_align(h, LXW_ALIGN_CENTER);
		format_set_align(h, LXW_ALIGN_VERTICAL_CENTER);
		format_set_border(h, LXW_BORDER_THIN);
		format_set_border_color(h, 0x7F7F7F);
		/* The last one: an area without a score. */
		format_set_bg_color(h, i < XLSX_BANDS ? band_fill[i] : 0xFFFFFF);
		f->heat[i] = h;
	}
}

size_t
xlsx_band(int level, int max_level)
{
	if (max_level < 1 || level < 0)
		return 0;
	if (level > max_level)
		level = max_level;
	return (size_t)lround((double)level * (XLSX_BANDS - 1) / max_level);
}

time_t
xlsx_date_time(const char *date)
{
	struct tm tm = { 0 };

	tm.tm_year = 80;
	tm.tm_mday = 1;
	if (date != NULL && date_valid(date)) {
		tm.tm_year = atoi(date) - 1900;
		tm.tm_mon = atoi(date + 5) - 1;
		tm.tm_mday = atoi(date + 8);
	}
	return timegm(&tm);
}

/*
 * True when the character at s (n bytes, code uc; n <= 0 for a byte that
 * is not UTF-8) cannot stand in XML 1.0 text. C0 controls count only for
 * the document properties: cells escape them (_x001B_), properties not.
 */
static bool
xml_bad_char(int n, ucs4_t uc, bool controls)
{
	if (n <= 0 || uc == 0xfffe || uc == 0xffff)
		return true;
	return controls && uc < 0x20 && uc != '\t' && uc != '\n' && uc != '\r';
}

/*
 * s with every character XML 1.0 refuses replaced by U+FFFD, appended to
 * out; returns s itself (out untouched) when nothing needs replacing.
 */
static const char *
xml_text(const char *s, struct strbuf *out, bool controls)
{
	const uint8_t *p = (const uint8_t *)s, *run = p;
	size_t left = strlen(s);
	bool changed = false;

	while (left > 0) {
		ucs4_t uc = 0;
		int n = u8_mbtoucr(&uc, p, left);

		if (!xml_bad_char(n, uc, controls)) {
			p += n;
			left -= (size_t)n;
			continue;
		}
		strbuf_add(out, run, (size_t)(p - run));
		strbuf_addstr(out, "\xef\xbf\xbd");
		n = n > 0 ? n : 1;
		p += n;
		left -= (size_t)n;
		run = p;
		changed = true;
	}
	if (!changed)
		return s;
	strbuf_add(out, run, (size_t)(p - run));
	return out->buf;
}

const char *
xlsx_plain_text(const char *s, struct strbuf *buf)
{
	return xml_text(s, buf, true);
}

/* Give libxlsxwriter only XML-valid document properties (it copies them). */
static lxw_error
set_properties(lxw_workbook *wb, const lxw_doc_properties *props)
{
	lxw_doc_properties clean = *props;
	char **fields[] = { &clean.title, &clean.subject, &clean.author,
		&clean.manager, &clean.company, &clean.category,
		&clean.keywords, &clean.comments, &clean.status,
		&clean.hyperlink_base };
	struct strbuf bufs[ARRAY_SIZE(fields)];
	lxw_error e;

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		strbuf_init(&bufs[i], 0);
		if (*fields[i] != NULL) {
			const char *t = xlsx_plain_text(*fields[i], &bufs[i]);

			if (t != bufs[i].buf)
				strbuf_addstr(&bufs[i], t);
			*fields[i] = bufs[i].buf;
		}
	}
	e = workbook_set_properties(wb, &clean);
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		strbuf_release(&bufs[i]);
	return e;
}

int
xlsx_begin(struct xlsx_book *b, const char *path,
    lxw_doc_properties *props, struct soc_errors *errs)
{
	memset(b, 0, sizeof(*b));
	/* libxlsxwriter wants a path: reserve a unique one, then reuse it. */
	if (atomic_reserve(&b->file, path, errs) < 0)
		return -1;
	b->wb = workbook_new(b->file.tmp);
	if (b->wb == NULL) {
		soc_error_at(errs, NULL, NULL, "cannot create workbook '%s'",
		    path);
		atomic_abort(&b->file);
		return -1;
	}
	formats_init(&b->f, b->wb);
	xlsx_check(b, set_properties(b->wb, props));
	return 0;
}

static void
book_release(struct xlsx_book *b)
{
	for (size_t i = 0; i < b->n_names; i++)
		free(b->names[i]);
	free(b->names);
	memset(b, 0, sizeof(*b));
}

/*
 * workbook_close with standard error pointed at /dev/null: on failure
 * libxlsxwriter prints "[ERROR][./src/packager.c:...]" lines of its own,
 * while our one message names the file and the reason (*err, the errno
 * of the failure, 0 when none was set).
 */
static lxw_error
close_quietly(lxw_workbook *wb, int *err)
{
	int saved, null;
	lxw_error e;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	errno = 0;
	e = workbook_close(wb);
	*err = errno;
	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	return e;
}

int
xlsx_finish(struct xlsx_book *b, struct soc_errors *errs)
{
	lxw_error e;
	int rc = -1, err;

	/* Always close: it frees the workbook, whatever happened before. */
	e = close_quietly(b->wb, &err);
	b->wb = NULL;
	if (b->err == LXW_NO_ERROR)
		b->err = e;
	if (b->err != LXW_NO_ERROR) {
		/* The system's reason (a full disk) says more than the library's. */
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
		    b->file.path, e != LXW_NO_ERROR && err != 0 ?
		    strerror(err) : lxw_strerror(b->err));
		atomic_abort(&b->file);
	} else
		rc = atomic_commit(&b->file, errs);
	book_release(b);
	return rc;
}

void
xlsx_abandon(struct xlsx_book *b)
{
	lxw_workbook_free(b->wb);
	b->wb = NULL;
	atomic_abort(&b->file);
	book_release(b);
}

void
xlsx_check(struct xlsx_book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = e;
}

lxw_worksheet *
xlsx_sheet(struct xlsx_book *b, const char *name)
{
	char base[128], buf[160];
	size_t n = 0, chars = 0;
	lxw_worksheet *ws;
	struct strbuf clean = STRBUF_INIT;

	name = xml_text(name, &clean, false);
	/* At most 31 characters, none of []:*?/\ and no edge quote. */
	for (const char *p = name; *p != '\0' && chars < 27 &&
	    n < sizeof(base) - 5; chars++) {
		const char *start = p++;

		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
		if (strchr("[]:*?/\\'", *start) != NULL) {
			base[n++] = '-';
			continue;
		}
		if ((unsigned char)*start < 0x20) {
			base[n++] = ' ';
			continue;
		}
		memcpy(base + n, start, (size_t)(p - start));
		n += (size_t)(p - start);
	}
	base[n] = '\0';
	strbuf_release(&clean);
	if (n == 0)
		snprintf(base, sizeof(base), "Sheet");
	snprintf(buf, sizeof(buf), "%s", base);
	for (int k = 2;; k++) {
		bool used = false;

		for (size_t i = 0; i < b->n_names && !used; i++)
			used = strcasecmp(b->names[i], buf) == 0;
		if (!used)
			break;
		snprintf(buf, sizeof(buf), "%s (%d)", base, k);
	}
	ws = workbook_add_worksheet(b->wb, buf);
	if (ws == NULL) {
		xlsx_check(b, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return NULL;
	}
	b->names = xreallocarray(b->names, b->n_names + 1,
	    sizeof(*b->names));
	b->names[b->n_names++] = xstrdup(buf);
	return ws;
}

/*
 * s as a cell can hold it: XML-valid, and cut to Excel's limit on a
 * character boundary with a visible mark. Either s or buf->buf.
 */
static const char *
fit_text(const char *s, struct strbuf *buf)
{
	size_t keep;

	s = xml_text(s, buf, false);
	if (strlen(s) <= XLSX_MAX_STRING)
		return s;
	keep = utf8_cut_bytes(s, XLSX_MAX_STRING - strlen(XLSX_TRUNCATED));
	if (s != buf->buf)
		strbuf_add(buf, s, keep);
	buf->len = keep;
	buf->buf[keep] = '\0';
	strbuf_addstr(buf, XLSX_TRUNCATED);
	return buf->buf;
}

void
xlsx_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, lxw_format *f)
{
	struct strbuf buf = STRBUF_INIT;

	if (ws == NULL)
		return;
	if (s == NULL) {
		if (f != NULL)
			xlsx_check(b, worksheet_write_blank(ws, row, col, f));
		return;
	}
	/* write_string: text from answers files never becomes a formula. */
	xlsx_check(b, worksheet_write_string(ws, row, col, fit_text(s, &buf),
	    f));
	strbuf_release(&buf);
}

void
xlsx_chart_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, lxw_format *f)
{
	struct strbuf buf = STRBUF_INIT;

	xlsx_text(b, ws, row, col, s != NULL ? xlsx_plain_text(s, &buf) :
	    NULL, f);
	strbuf_release(&buf);
}

void
xlsx_merge(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t c1, lxw_col_t c2, const char *s, lxw_format *f)
{
	struct strbuf buf = STRBUF_INIT;

	if (ws == NULL)
		return;
	/* merge_range writes its text with worksheet_write_string. */
	xlsx_check(b, worksheet_merge_range(ws, row, c1, row, c2,
	    fit_text(s != NULL ? s : "", &buf), f));
	strbuf_release(&buf);
}

void
xlsx_num(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, double v, lxw_format *f)
{
	if (ws == NULL)
		return;
	/* Rounded as the JSON report rounds, so both show the same value. */
	v = figure_round(v);
	xlsx_check(b, worksheet_write_number(ws, row, col, v, f));
}

void
xlsx_opt(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, struct opt_score s, lxw_format *f)
{
	if (s.set)
		xlsx_num(b, ws, row, col, s.value, f);
	else
		xlsx_text(b, ws, row, col, NULL, f);
}

void
xlsx_rich(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *head, const char *rest, lxw_format *f)
{
	struct strbuf hb = STRBUF_INIT, rb = STRBUF_INIT;
	lxw_rich_string_tuple bold = { .format = b->f.bold };
	lxw_rich_string_tuple plain = { .format = b->f.text };
	lxw_rich_string_tuple *parts[] = { &bold, &plain, NULL };

	if (ws == NULL)
		return;
	if (rest == NULL || *rest == '\0' || *head == '\0') {
		xlsx_text(b, ws, row, col, *head != '\0' ? head : rest, f);
		return;
	}
	/* Rich strings are written without escaping control characters. */
	bold.string = xlsx_str(xlsx_plain_text(head, &hb));
	plain.string = xlsx_str(xlsx_plain_text(rest, &rb));
	xlsx_check(b, worksheet_write_rich_string(ws, row, col, parts, f));
	strbuf_release(&hb);
	strbuf_release(&rb);
}

/* A series of spec's data, column col, filled or drawn in colour. */
static void
chart_series(lxw_chart *ch, const struct xlsx_chart_spec *spec,
    const char *name, lxw_col_t col, lxw_color_t colour)
{
	lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
	lxw_chart_line line = { .color = colour, .width = 0.75f };
	lxw_chart_fill fill = { .color = colour };

	chart_series_set_categories(s, spec->sheet, spec->first,
	    spec->cat_col, spec->last, spec->cat_col);
	chart_series_set_values(s, spec->sheet, spec->first, col, spec->last,
	    col);
	chart_series_set_name(s, name);
	chart_series_set_line(s, &line);
	chart_series_set_fill(s, &fill);
}

void
xlsx_bar_chart(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const struct xlsx_chart_spec *spec)
{
	lxw_chart_font title = { .size = 11, .bold = LXW_TRUE };
	lxw_chart_font axis = { .size = 9, .bold = LXW_TRUE };
	lxw_chart_font small = { .size = 9 };
	lxw_chart_options opt = { .x_offset = 4, .y_offset = 4 };
	lxw_chart *ch;
	char name[64];

	if (ws == NULL || spec->last < spec->first)
		return;
	ch = workbook_add_chart(b->wb, LXW_CHART_BAR);
	chart_series(ch, spec, "Score", spec->score_col, 0x1F3864);
	chart_series(ch, spec, "Target", spec->target_col, 0xF4B183);
	chart_title_set_name(ch, spec->title);
	chart_title_set_name_font(ch, &title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_legend_set_font(ch, &small);
	/* Categories top-down in table order, values 0..max. */
	chart_axis_set_reverse(ch->y_axis);
	chart_axis_set_crossing_max(ch->y_axis);
	chart_axis_set_num_font(ch->y_axis, &small);
	chart_axis_set_name(ch->y_axis, spec->category);
	chart_axis_set_name_font(ch->y_axis, &axis);
	snprintf(name, sizeof(name), "Maturity level (0 to %d)", spec->max);
	chart_axis_set_name(ch->x_axis, name);
	chart_axis_set_name_font(ch->x_axis, &axis);
	chart_axis_set_min(ch->x_axis, 0);
	chart_axis_set_max(ch->x_axis, spec->max);
	chart_axis_set_major_unit(ch->x_axis, 1);
	chart_axis_set_num_format(ch->x_axis, "0");
	chart_axis_set_num_font(ch->x_axis, &small);
	chart_axis_major_gridlines_set_visible(ch->x_axis, LXW_TRUE);
	chart_set_series_gap(ch, 50);
	opt.x_scale = (double)spec->width / 480;
	opt.y_scale = (double)spec->height / 288;
	xlsx_check(b, worksheet_insert_chart_opt(ws, row, col, ch, &opt));
}

/*
 * Display width of the next piece of a line that wrapping keeps whole:
 * a word with the space after it, or up to and with a hyphen (where
 * spreadsheets also break). *len gets its length in bytes.
 */
static size_t
wrap_piece(const char *p, size_t left, size_t *len)
{
	size_t n = 0;

	while (n < left && p[n] != ' ' && p[n] != '-')
		n++;
	if (n < left)
		n++;
	*len = n;
	return utf8_width_n(p, n);
}

/* Lines one paragraph of len bytes takes in lines of chars columns. */
static size_t
paragraph_lines(const char *p, size_t left, double chars)
{
	size_t lines = 1;
	double used = 0;

	while (left > 0) {
		size_t n, w = wrap_piece(p, left, &n);

		if (used > 0 && used + (double)w > chars + 1) {
			lines++;
			used = 0;
		}
		/* A piece wider than a line is broken where it must be. */
		while ((double)w > chars + 1) {
			w -= (size_t)chars;
			lines++;
		}
		used += (double)w;
		p += n;
		left -= n;
	}
	return lines;
}

size_t
xlsx_lines(const char *s, double width)
{
	/*
	 * A width unit holds about 1.15 characters of 10-point Calibri (or
	 * its metric twin Carlito) on average; lines break between words
	 * (or after a hyphen), so wrap word by word.
	 */
	double chars = width * 1.15 - 1;
	size_t lines = 0;

	if (s == NULL)
		return 1;
	if (chars < 4)
		chars = 4;
	/* Display width, so a wide CJK character counts as two. */
	for (const char *p = s;;) {
		size_t n = strcspn(p, "\n");

		lines += paragraph_lines(p, n, chars);
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	return lines;
}

void
xlsx_wrap(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, double width, size_t *lines)
{
	size_t n = xlsx_lines(s, width);

	xlsx_text(b, ws, row, col, s, b->f.wrap);
	if (n > *lines)
		*lines = n;
}

void
xlsx_row_lines(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    size_t lines)
{
	if (ws == NULL || lines <= 1)
		return;
	/* Excel caps rows at 409 points; 10-point text needs 13 a line. */
	if (lines > 30)
		lines = 30;
	xlsx_check(b, worksheet_set_row(ws, row, 13.0 * (double)lines + 3,
	    NULL));
}

void
xlsx_paragraph(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t c1, lxw_col_t c2, const double *widths, const char *s,
    lxw_format *f)
{
	double chars = 0;

	if (ws == NULL || s == NULL)
		return;
	for (lxw_col_t c = c1; c <= c2; c++)
		chars += widths[c];
	/* Merged cells never grow by themselves. */
	xlsx_row_lines(b, ws, row, xlsx_lines(s, chars) + 1);
	xlsx_merge(b, ws, row, c1, c2, s, f);
}

lxw_format *
xlsx_cell_format(struct xlsx_book *b, const char *num_format,
    lxw_color_t fill, lxw_color_t ink, bool centre)
{
	lxw_format *f = new_format(b->wb);

	if (num_format != NULL)
		format_set_num_format(f, num_format);
	if (fill != 0)
		format_set_bg_color(f, fill);
	format_set_font_color(f, ink);
	if (centre)
		format_set_align(f, LXW_ALIGN_CENTER);
	return f;
}

double
xlsx_fit_width(const char *s, double lo, double hi)
{
	double w = s != NULL ? (double)utf8_width(s) / 1.25 + 2 : lo;

	return w < lo ? lo : w > hi ? hi : w;
}

void
xlsx_text_colour(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t col, const char *text, lxw_format *f)
{
	lxw_conditional_format cf = { 0 };
	char *quoted = xasprintf("\"%s\"", text);

	cf.type = LXW_CONDITIONAL_TYPE_CELL;
	cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
	cf.value_string = quoted;
	cf.format = f;
	xlsx_check(b, worksheet_conditional_format_range(ws, r1, col, r2, col,
	    &cf));
	free(quoted);
}

void
xlsx_print_setup(lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&L&A&RPage &P of &N");
}

void
xlsx_fit_short(lxw_worksheet *ws, double points)
{
	if (points > XLSX_PAGE_PT && points <= XLSX_PAGE_PT * 1.3)
		worksheet_fit_to_pages(ws, 1, 1);
}

void
xlsx_table(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t head_row,
    const struct xlsx_col *cols, size_t n_cols, size_t n_rows)
{
	if (ws == NULL || n_cols == 0)
		return;
	for (size_t c = 0; c < n_cols; c++) {
		xlsx_check(b, worksheet_set_column(ws, (lxw_col_t)c,
		    (lxw_col_t)c, cols[c].width, cols[c].wrap ? b->f.wrap :
		    NULL));
		xlsx_text(b, ws, head_row, (lxw_col_t)c, cols[c].head,
		    b->f.head);
	}
	worksheet_freeze_panes(ws, head_row + 1, 0);
	xlsx_check(b, worksheet_autofilter(ws, head_row, 0, head_row +
	    (lxw_row_t)n_rows, (lxw_col_t)(n_cols - 1)));
	xlsx_check(b, worksheet_repeat_rows(ws, head_row, head_row));
	xlsx_print_setup(ws);
}

static void
cond_formula(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t c1, lxw_col_t c2, const char *formula,
    lxw_format *f)
{
	lxw_conditional_format cf = { 0 };

	cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
	cf.value_string = xlsx_str(formula);
	cf.format = f;
	cf.stop_if_true = LXW_TRUE;
	xlsx_check(b, worksheet_conditional_format_range(ws, r1, c1, r2, c2,
	    &cf));
}

void
xlsx_band_colours(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t c1, lxw_col_t c2,
    lxw_col_t score_col, int max_level)
{
	char col[16], formula[96];

	if (ws == NULL || last_row < first_row || max_level < 1)
		return;
	lxw_col_to_name(col, score_col, LXW_FALSE);
	/* The first matching rule wins: lowest band first. */
	for (int k = 0; k <= max_level; k++) {
		size_t band = xlsx_band(k, max_level);

		if (k < max_level)
			snprintf(formula, sizeof(formula),
			    "=AND(ISNUMBER($%s%u),$%s%u<%d)", col,
			    (unsigned)first_row + 1, col,
			    (unsigned)first_row + 1, k + 1);
		else
			snprintf(formula, sizeof(formula), "=ISNUMBER($%s%u)",
			    col, (unsigned)first_row + 1);
		cond_formula(b, ws, first_row, last_row, c1, c2, formula,
		    b->f.band[band]);
	}
}

void
xlsx_grey_insufficient(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t c1, lxw_col_t c2,
    lxw_col_t gap_col)
{
	char col[16], formula[96];

	if (ws == NULL || last_row < first_row)
		return;
	lxw_col_to_name(col, gap_col, LXW_FALSE);
	snprintf(formula, sizeof(formula), "=$%s%u=\"%s\"", col,
	    (unsigned)first_row + 1, XLSX_INSUFFICIENT);
	cond_formula(b, ws, first_row, last_row, c1, c2, formula, b->f.grey);
}

void
xlsx_short_gap(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t gap_col,
    lxw_col_t short_col)
{
	char gap[16], n[16], formula[128];
	unsigned r = (unsigned)first_row + 1;

	if (ws == NULL || last_row < first_row)
		return;
	lxw_col_to_name(gap, gap_col, LXW_FALSE);
	lxw_col_to_name(n, short_col, LXW_FALSE);
	snprintf(formula, sizeof(formula), "=AND(ISNUMBER($%s%u),$%s%u=0,"
	    "$%s%u>0)", gap, r, gap, r, n, r);
	cond_formula(b, ws, first_row, last_row, gap_col, gap_col, formula,
	    b->f.warn);
}

void
xlsx_gap_colours(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t col)
{
	char name[16], formula[96];
	unsigned r = (unsigned)first_row + 1;

	if (ws == NULL || last_row < first_row)
		return;
	lxw_col_to_name(name, col, LXW_FALSE);
	snprintf(formula, sizeof(formula), "=AND(ISNUMBER(%s%u),%s%u>=1)",
	    name, r, name, r);
	cond_formula(b, ws, first_row, last_row, col, col, formula, b->f.bad);
	snprintf(formula, sizeof(formula), "=AND(ISNUMBER(%s%u),%s%u>0)",
	    name, r, name, r);
	cond_formula(b, ws, first_row, last_row, col, col, formula,
	    b->f.warn);
	snprintf(formula, sizeof(formula), "=AND(ISNUMBER(%s%u),%s%u=0)",
	    name, r, name, r);
	cond_formula(b, ws, first_row, last_row, col, col, formula,
	    b->f.good);
}
