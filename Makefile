# socassess: plain Makefile. `make` builds the binary (into build/, then
# copied to ./socassess), `make check` runs every test (`make -j2 check`
# runs them in parallel), `make check-san` runs them under ASan and UBSan.
#
#   make O=DIR    build into DIR instead of build/ (nothing is ever
#                 written beside the sources)
#   make SAN=1    build with -fsanitize=address,undefined
#   make V=1      show the commands
# Changing CFLAGS, VERSION or any other flag rebuilds everything.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/socassess
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
O ?= build

CC ?= cc
PKG_CONFIG ?= pkg-config
LIBS_PKG = libcyaml yaml-0.1 xlsxwriter jansson libedit libzip libxml-2.0

WARNINGS = -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wvla -Wformat=2 \
	-Wconversion -Wcast-qual
CFLAGS ?= -O2 -g
ifeq ($(CI),true)
WARNINGS += -Werror
endif
ifeq ($(SAN),1)
SANITIZE ?= address,undefined
endif
ifdef SANITIZE
CFLAGS += -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
# What the tests run with: leaks count, the known library leak does not.
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1
endif

ALL_CPPFLAGS = -D_GNU_SOURCE -Iinclude \
	-DSOCASSESS_VERSION='"$(VERSION)"' \
	-DSOCASSESS_DATADIR='"$(DATADIR)"' \
	$(shell $(PKG_CONFIG) --cflags $(LIBS_PKG)) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 -pthread $(WARNINGS) $(CFLAGS) -MMD -MP
# libunistring has no pkg-config file on Debian 12.
LIBS = $(shell $(PKG_CONFIG) --libs $(LIBS_PKG)) -lunistring -lm -pthread
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

# Everything but main.c goes into a static library the tests link too.
LIB_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
LIB = $(O)/libsocassess.a
BIN = $(O)/socassess
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:%.c=$(O)/%)
UNIT_NAMES = $(notdir $(TEST_SRC:.c=))
CASE_NAMES = $(notdir $(patsubst %/,%,$(wildcard tests/cases/*/)))

ifeq ($(V),1)
Q =
else
Q = @
endif

all: socassess

# The binary where the README runs it; a copy, not a link, so it finds
# the data of the source tree beside itself.
socassess: $(BIN) FORCE
	$(Q)cmp -s $(BIN) $@ || cp $(BIN) $@

# Every flag that shapes the objects, kept in $(O)/FLAGS and rewritten
# only when it changes, so objects depend on the flags (git's
# GIT-CFLAGS): a new CFLAGS= or VERSION= rebuilds, nothing else does.
TRACKED_FLAGS = $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) $(LIBS)
$(O)/FLAGS: FORCE
	@mkdir -p $(O)
	@flags='$(subst ','\'',$(TRACKED_FLAGS))'; \
	if [ x"$$flags" != x"$$(cat $@ 2>/dev/null)" ]; then \
		$(if $(Q),echo "  FLAGS   $@";) echo "$$flags" >$@; fi

$(LIB): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(O)/src/main.o $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/%.o: %.c $(O)/FLAGS
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/tests/unit/%: tests/unit/%.c tests/unit/testutil.h $(LIB) $(O)/FLAGS
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(LIB) $(LIBS) $(TEST_LIBS)

# Each unit test and each case of tests/cases is a target of its own, so
# `make -j2 check` runs them side by side. Each writes one line (ok or
# FAIL) into $(O)/results; check then counts them and shows what failed.
# The slowest tests start first, so they do not finish last alone.
RESULTS = $(O)/results
SLOW_TESTS = test_yamlfile test_atomic
UNIT_ORDER = $(filter $(SLOW_TESTS),$(UNIT_NAMES)) \
	$(filter-out $(SLOW_TESTS),$(UNIT_NAMES))
check: $(UNIT_ORDER:%=check-unit/%) $(CASE_NAMES:%=check-case/%)
	$(Q)cd $(RESULTS) && \
	failed=$$(cat $(UNIT_NAMES:%=unit-%) $(CASE_NAMES:%=case-%) | \
		grep -c '^FAIL'); \
	for t in $(UNIT_NAMES); do \
		if grep -q '^FAIL' unit-$$t; then \
			echo "== $$t (output in $(RESULTS)/unit-$$t.log)"; \
			tail -n 30 unit-$$t.log; fi; \
	done; \
	cat $(UNIT_NAMES:%=unit-%) $(CASE_NAMES:%=case-%) | grep '^FAIL'; \
	echo "$(words $(UNIT_NAMES)) unit tests and $(words $(CASE_NAMES))" \
		"cases: $$failed failed"; \
	[ "$$failed" -eq 0 ]

# The tests share a questionnaire cache of their own, never the user's:
# the first to load a questionnaire stores it, the others read it back.
TEST_CACHE = $(abspath $(O))/test-cache
check-unit/%: $(O)/tests/unit/%
	@mkdir -p $(RESULTS)
	$(Q)if SOCASSESS_SRC=$(CURDIR) SOCASSESS_CACHE=$(TEST_CACHE) \
		./$< >$(RESULTS)/unit-$*.log 2>&1; \
	then echo "ok $*"; else echo "FAIL $* (unit test)"; fi | \
		tee $(RESULTS)/unit-$*

check-case/%: $(BIN)
	@mkdir -p $(RESULTS)
	$(Q)SOCASSESS_CACHE=$(TEST_CACHE) sh tests/run-cases.sh $(BIN) $* | \
		tee $(RESULTS)/case-$*

# Automatic checks of the shipped questionnaires and model (actions,
# effort, vague quantifiers, profiles, quick-scan counterparts, topics);
# `make check` runs them too (tests/cases/content-shipped).
content-check:
	$(Q)/usr/bin/python3 tests/content-check.py $(CURDIR)

# The whole suite under AddressSanitizer and UBSan, in its own build
# folder so sanitized objects never mix with normal ones.
check-san:
	$(Q)$(MAKE) --no-print-directory O=build-san SAN=1 check

# Fuzzing (tests/fuzz/README.md): in-process libFuzzer harnesses for
# every loader and the scorer, built with clang into build-fuzz/.
# `make fuzz` runs each for FUZZ_TIME seconds; `make fuzz-smoke` runs
# each briefly (CI). Both fail when a harness finds a crash.
FUZZ_TIME ?= 300
fuzz-build:
	$(Q)$(MAKE) -s -f tests/fuzz/fuzz.mk -j2 FUZZ_PKG="$(LIBS_PKG)" fuzz-build
fuzz: fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_TIME)
fuzz-smoke: fuzz-build
	$(Q)sh tests/fuzz/run.sh 12

# Batch throughput (tests/bench.sh): N synthetic full assessments read
# and scored, with JSON and XLSX reports, against a bare libyaml parse
# of the same files. `make bench N="100 1000"` for a quick run.
N ?= 100 1000 10000
BENCH_PARSE = $(O)/tests/bench/yaml-parse
$(BENCH_PARSE): tests/bench/yaml-parse.c $(O)/FLAGS
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs yaml-0.1)
BENCH_JSON = $(O)/tests/bench/json-writers
$(BENCH_JSON): tests/bench/json-writers.c $(LIB) $(O)/FLAGS
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(LIB) $(LIBS)
BENCH_FILES = $(O)/tests/bench/write-files
$(BENCH_FILES): tests/bench/write-files.c $(O)/FLAGS
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<
bench: socassess $(BENCH_PARSE) $(BENCH_JSON) $(BENCH_FILES)
	$(Q)sh tests/bench.sh ./socassess $(BENCH_PARSE) $(BENCH_JSON) \
		$(BENCH_FILES) $(N)

# Render the sample workbooks to PDF and PNG pages in preview/ to look
# at: the report of each example (preview/NAME.pdf, NAME-NN.png) and the
# portfolio of all three. Needs LibreOffice, poppler-utils and the
# Carlito font (fonts-crosextra-carlito, metric-compatible with Calibri:
# without it LibreOffice lays pages out with another font); it installs
# nothing (`make deps` does). Not part of CI: LibreOffice is heavy.
preview: socassess
	$(Q)for t in soffice pdftoppm; do command -v $$t >/dev/null || { \
		echo "preview: '$$t' missing; apt-get install" \
		    "libreoffice-calc-nogui poppler-utils" >&2; exit 1; }; done
	$(Q)fc-match Calibri 2>/dev/null | grep -q Carlito || { \
		echo "preview: the Carlito font is missing; apt-get install" \
		    "fonts-crosextra-carlito" >&2; exit 1; }
	$(Q)rm -rf preview && mkdir -p preview/profile
	$(Q)./socassess --quiet score examples/*.yaml --out-dir preview \
		--xlsx preview/portfolio.xlsx
	$(Q)rm -f preview/*.json
	$(Q)soffice -env:UserInstallation=file://$(CURDIR)/preview/profile \
		--headless --convert-to pdf --outdir preview preview/*.xlsx \
		>/dev/null 2>&1
	$(Q)for f in preview/*.pdf; do \
		pdftoppm -png -r 70 $$f $${f%.pdf} || exit 1; done
	$(Q)rm -rf preview/profile
	@echo "preview/: a PDF and PNG pages per workbook:" \
	    $$(cd preview && ls *.pdf)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/models \
		$(DESTDIR)$(DATADIR)/questionnaires \
		$(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/socassess
	install -m 644 models/*.yaml $(DESTDIR)$(DATADIR)/models/
	install -m 644 questionnaires/*.yaml $(DESTDIR)$(DATADIR)/questionnaires/
	if ls templates/*.yaml >/dev/null 2>&1; then \
		install -m 644 templates/*.yaml $(DESTDIR)$(DATADIR)/templates/; fi
	install -m 644 docs/socassess.1 $(DESTDIR)$(MANDIR)/man1/socassess.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/socassess $(DESTDIR)$(MANDIR)/man1/socassess.1
	rm -rf $(DESTDIR)$(DATADIR)

# Install the Debian packages the build and tests need, when missing:
# the libraries, then what the tests read reports with (python3 with
# yaml, openpyxl and jsonschema) and drive the interview with (tmux).
DEB_PACKAGES = build-essential pkg-config libcyaml-dev libyaml-dev \
	libxlsxwriter-dev libjansson-dev libcmocka-dev libedit-dev \
	libunistring-dev libzip-dev libxml2-dev clang libclang-rt-14-dev \
	libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils \
	python3 python3-yaml python3-openpyxl python3-jsonschema tmux
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		echo "installing:$$missing"; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			--no-install-recommends $$missing; \
	else echo "all build and test dependencies are installed"; fi

clean:
	rm -rf $(O) build build-san build-fuzz build-afl preview socassess

# Functions above complexity 15 or 80 lines (pmccabe): what to split.
complexity:
	$(Q)command -v pmccabe >/dev/null || { \
		echo "complexity: apt-get install pmccabe" >&2; exit 1; }
	$(Q)pmccabe src/*.c | sort -k1,1nr | \
	awk '$$1 > 15 || $$5 > 80 { printf "%-44s %3d complexity %4d lines\n", \
		$$6 " " $$7, $$1, $$5; n++ } \
		END { print n + 0 " functions above complexity 15 or 80 lines" }'

FORCE:

# Test programs are built through a pattern rule; keep them.
.SECONDARY: $(TEST_BIN)

.PHONY: all bench check check-san complexity content-check install \
	uninstall deps clean preview socassess FORCE fuzz fuzz-build fuzz-smoke

-include $(LIB_OBJ:.o=.d) $(O)/src/main.d $(TEST_BIN:=.d) $(BENCH_PARSE).d $(BENCH_JSON).d \
	$(BENCH_FILES).d
