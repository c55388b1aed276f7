/*
 * Tests of the shared helpers (src/util.c): strict number, boolean and
 * date parsing, id and blank checks, "did you mean" distances, the
 * short number format, and whole reads and writes on pipes and files.
 */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "socassess/util.h"

static void
test_parse_double(void **state)
{
	static const char *const bad[] = { "", " 1", "+1", "1.5kg", "12abc",
	    "nan", "inf", "0x10", "1e999", "1,5", "--1", "1.5 ", "1 ", "-", "e", "." };
	double v;

	(void)state;
	assert_true(parse_double("1.5", &v));
	assert_true(v == 1.5);
	assert_true(parse_double("-2", &v));
	assert_true(v == -2);
	assert_true(parse_double("1e3", &v));
	assert_true(v == 1000);
	assert_true(parse_double("0.1", &v));
	assert_true(v == 0.1);
	/* Single digits take a way of their own: the same values. */
	for (char d = '0'; d <= '9'; d++) {
		char one[2] = { d, '\0' };

		assert_true(parse_double(one, &v));
		assert_true(v == strtod(one, NULL));
	}
	assert_true(parse_double("07", &v));
	assert_true(v == 7);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		v = 42;
		if (parse_double(bad[i], &v))
			fail_msg("'%s' parsed as %g", bad[i], v);
		assert_true(v == 42);
	}
	assert_false(parse_double(NULL, &v));
}

static void
test_parse_int_bool(void **state)
{
	long v;
	bool b;

	(void)state;
	assert_true(parse_int("10", 0, 10, &v));
	assert_int_equal(v, 10);
	assert_true(parse_int("-3", -5, 5, &v));
	assert_int_equal(v, -3);
	assert_true(parse_int("0", 0, 1, &v));
	/* YAML 1.1 readers take 010 as octal 8: refused. */
	assert_false(parse_int("010", 0, 100, &v));
	assert_false(parse_int("-01", -5, 5, &v));
	assert_false(parse_int("11", 0, 10, &v));
	assert_false(parse_int("1.0", 0, 10, &v));
	assert_false(parse_int("1e2", 0, 1000, &v));
	assert_false(parse_int("", 0, 10, &v));
	assert_false(parse_int("99999999999999999999", 0, 10, &v));
	assert_true(parse_bool("true", &b) && b);
	assert_true(parse_bool("false", &b) && !b);
	assert_false(parse_bool("True", &b));
	assert_false(parse_bool("yes", &b));
	assert_false(parse_bool("1", &b));
	assert_false(parse_bool(NULL, &b));
}

static void
test_ids_and_blanks(void **state)
{
	(void)state;
	assert_true(id_valid("owasp-soc_full.v2"));
	assert_false(id_valid(""));
	assert_false(id_valid(NULL));
	assert_false(id_valid("a b"));
	assert_false(id_valid("a/b"));
	assert_false(id_valid("\xc3\xa9"));
	assert_true(str_blank(NULL));
	assert_true(str_blank(""));
	assert_true(str_blank(" \t\r\n"));
	assert_false(str_blank(" x "));
}

static void
test_dates(void **state)
{
	char *why;

	(void)state;
	assert_true(date_valid("2026-02-28"));
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("26-01-01"));
	assert_false(date_valid(""));
	assert_null(date_problem("2026-03-31"));
	/* In the right format but not a day: say so, not "write it so". */
	why = date_problem("2026-02-30");
	assert_non_null(why);
	assert_non_null(strstr(why, "does not exist"));
	free(why);
	why = date_problem("30.02.2026");
	assert_non_null(why);
	assert_non_null(strstr(why, "YYYY-MM-DD"));
	free(why);
}

static void
test_closest(void **state)
{
	static const char *const names[] = { "value", "comment", "evidence",
	    "na", "id" };

	(void)state;
	assert_int_equal(str_distance("", ""), 0);
	assert_int_equal(str_distance("value", "value"), 0);
	assert_int_equal(str_distance("vaule", "value"), 1); /* a swap */
	assert_int_equal(str_distance("valu", "value"), 1);
	assert_int_equal(str_distance("comment", "xyz"), 7);
	assert_string_equal(str_closest("vaule", names, 5), "value");
	assert_string_equal(str_closest("commnet", names, 5), "comment");
	assert_string_equal(str_closest("evidense", names, 5), "evidence");
	/* Short names allow one edit only. */
	assert_string_equal(str_closest("nq", names, 5), "na");
	assert_null(str_closest("xy", names, 5));
	assert_null(str_closest("banana", names, 5));
}

static void
test_format_number(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 3, "3" }, { 0.5, "0.5" }, { -0.0, "0" },
		{ 1.0 / 3, "0.3333333333" }, { 1e20, "1e+20" }, { -2.25, "-2.25" },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		format_number_short(buf, sizeof(buf), cases[i].v);
		assert_string_equal(buf, cases[i].want);
	}
}

static void
test_alloc_wrappers(void **state)
{
	char *s;
	int *v;

	(void)state;
	s = xasprintf("%s-%d", "a", 7);
	assert_string_equal(s, "a-7");
	free(s);
	assert_null(xstrdup_or_null(NULL));
	s = xstrdup_or_null("x");
	assert_string_equal(s, "x");
	free(s);
	v = xcalloc(4, sizeof(*v));
	assert_int_equal(v[3], 0);
	v = xreallocarray(v, 1000, sizeof(*v));
	v[999] = 1;
	free(v);
	/* Zero sizes still give a pointer to free. */
	free(xmalloc(0));
	free(xcalloc(0, 0));
}

/* More than a pipe holds, so transfers come in pieces. */
#define BIG (256 * 1024)

static volatile sig_atomic_t ticks;

static void
tick(int sig)
{
	(void)sig;
	ticks++;
}

/*
 * A timer interrupting every millisecond, its handler installed without
 * SA_RESTART, so a blocked read or write returns EINTR or short.
 */
static void
interrupt_often(bool on)
{
	struct sigaction sa = { .sa_handler = on ? tick : SIG_DFL };
	struct itimerval it = { { 0, on ? 1000 : 0 }, { 0, on ? 1000 : 0 } };

	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
}

/*
 * A child that sleeps, then copies the BIG bytes of pipe to back into
 * pipe from; killed by an alarm when the test fails and leaves it
 * waiting.
 */
static pid_t
slow_echo(const int to[2], const int from[2])
{
	pid_t pid = fork();
	int in = to[0], out = from[1];
	char *buf;

	assert_true(pid >= 0);
	if (pid > 0)
		return pid;
	close(to[1]);
	close(from[0]);
	alarm(10);
	buf = malloc(BIG);
	usleep(50 * 1000);
	_exit(buf != NULL && full_read(in, buf, BIG) == BIG &&
	    full_write(out, buf, BIG) == 0 ? 0 : 1);
}

static void
test_full_pipe(void **state)
{
	char *out = malloc(BIG), *in = calloc(1, BIG + 1);
	int to[2], from[2], status;
	pid_t pid;

	(void)state;
	for (size_t i = 0; i < BIG; i++)
		out[i] = (char)('a' + i % 26);
	assert_int_equal(pipe(to), 0);
	assert_int_equal(pipe(from), 0);
	pid = slow_echo(to, from);
	close(to[0]);
	close(from[1]);
	ticks = 0;
	interrupt_often(true);
	/* The child reads nothing for 50 ms: the write blocks, interrupted. */
	assert_int_equal(full_write(to[1], out, BIG), 0);
	close(to[1]);
	assert_int_equal(full_read(from[0], in, BIG), BIG);
	interrupt_often(false);
	assert_true(ticks > 0);
	assert_memory_equal(in, out, BIG);
	/* At the end of the pipe: what there was, then nothing. */
	assert_int_equal(full_read(from[0], in, BIG), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(from[0]);

	/* A short read at the end: the 5 bytes there are. */
	assert_int_equal(pipe(to), 0);
	assert_int_equal(full_write(to[1], "hello", 5), 0);
	close(to[1]);
	memset(in, 0, 16);
	assert_int_equal(full_read(to[0], in, 16), 5);
	assert_string_equal(in, "hello");
	/* The reader is gone: EPIPE, SIGPIPE being ignored. */
	assert_int_equal(pipe(from), 0);
	close(from[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	assert_int_equal(full_write(from[1], "x", 1), -1);
	assert_int_equal(errno, EPIPE);
	signal(SIGPIPE, SIG_DFL);
	/* Reading a write end fails. */
	errno = 0;
	assert_int_equal(full_read(from[1], in, 1), -1);
	assert_int_equal(errno, EBADF);
	close(from[1]);
	close(to[0]);
	free(in);
	free(out);
}

static void
test_full_positional(void **state)
{
	char tmpl[] = "/tmp/socassess-util.XXXXXX", buf[32] = "";
	int fd = mkstemp(tmpl);

	(void)state;
	assert_true(fd >= 0);
	unlink(tmpl);
	assert_int_equal(full_pwrite(fd, "0123456789", 10, 0), 0);
	assert_int_equal(full_pwrite(fd, "abc", 3, 4), 0);
	assert_int_equal(full_pread(fd, buf, 5, 2), 5);
	assert_string_equal(buf, "23abc");
	/* Past the end: only what the file holds. */
	memset(buf, 0, sizeof(buf));
	assert_int_equal(full_pread(fd, buf, sizeof(buf), 8), 2);
	assert_string_equal(buf, "89");
	assert_int_equal(full_pread(fd, buf, sizeof(buf), 10), 0);
	/* The file position stays where it was. */
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	errno = 0;
	assert_int_equal(full_pwrite(fd, "x", 1, 0), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(full_pread(fd, buf, 1, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_double),
		cmocka_unit_test(test_parse_int_bool),
		cmocka_unit_test(test_ids_and_blanks),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_closest),
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_alloc_wrappers),
		cmocka_unit_test(test_full_pipe),
		cmocka_unit_test(test_full_positional),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
