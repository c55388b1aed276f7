# socassess: plain Makefile. `make` builds the binary, `make check` runs
# every test, `make check-san` runs them under ASan and UBSan.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/socassess
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
LIBS_PKG = libcyaml yaml-0.1 xlsxwriter jansson libedit

WARNINGS = -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wvla -Wformat=2
CFLAGS ?= -O2 -g
ifeq ($(CI),true)
WARNINGS += -Werror
endif
ifdef SANITIZE
CFLAGS += -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

ALL_CPPFLAGS = -D_GNU_SOURCE -Iinclude \
	-DSOCASSESS_VERSION='"$(VERSION)"' \
	-DSOCASSESS_DATADIR='"$(DATADIR)"' \
	$(shell $(PKG_CONFIG) --cflags $(LIBS_PKG)) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARNINGS) $(CFLAGS) -MMD -MP
# libunistring has no pkg-config file on Debian 12.
LIBS = $(shell $(PKG_CONFIG) --libs $(LIBS_PKG)) -lunistring -lm
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

# Everything but main.c goes into a static library the tests link too.
LIB_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:.c=.o)
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:.c=)

ifeq ($(V),1)
Q =
else
Q = @
endif

all: socassess

libsocassess.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(AR) rcs $@ $^

socassess: src/main.o libsocassess.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

%.o: %.c
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

tests/unit/%: tests/unit/%.c tests/unit/testutil.h libsocassess.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
		libsocassess.a $(LIBS) $(TEST_LIBS)

check: socassess $(TEST_BIN)
	$(Q)status=0; \
	for t in $(TEST_BIN); do \
		echo "== $$t"; \
		SOCASSESS_SRC=$(CURDIR) ./$$t || status=1; \
	done; \
	echo "== tests/cases"; \
	sh tests/run-cases.sh ./socassess || status=1; \
	exit $$status

# Automatic checks of the shipped questionnaires and model (actions,
# effort, vague quantifiers, profiles, quick-scan counterparts, topics);
# `make check` runs those the shipped data passes (tests/cases/content-shipped).
content-check:
	$(Q)/usr/bin/python3 tests/content-check.py $(CURDIR)

# A separate tree so sanitized objects never mix with normal ones.
check-san:
	$(Q)rm -rf build-san && mkdir -p build-san && \
	cp -r Makefile src include tests models questionnaires build-san/ && \
	if [ -d templates ]; then cp -r templates build-san/; fi && \
	if [ -d examples ]; then cp -r examples build-san/; fi && \
	if [ -d docs ]; then cp -r docs build-san/; fi && \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) -C build-san SANITIZE=address,undefined check

# Fuzzing (tests/fuzz/README.md): in-process libFuzzer harnesses for
# every loader and the scorer, built with clang into build-fuzz/.
# `make fuzz` runs each for FUZZ_TIME seconds; `make fuzz-smoke` runs
# each briefly (CI). Both fail when a harness finds a crash.
FUZZ_TIME ?= 300
fuzz-build:
	$(Q)$(MAKE) -s -f tests/fuzz/fuzz.mk -j2 fuzz-build
fuzz: fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_TIME)
fuzz-smoke: fuzz-build
	$(Q)sh tests/fuzz/run.sh 12

# Batch throughput: N synthetic full assessments scored to JSON.
bench: socassess
	$(Q)sh tests/bench.sh ./socassess 100 1000

# Render a sample workbook to PDF and PNG pages in preview/ to look at
# (LibreOffice and poppler-utils; not part of CI: LibreOffice is heavy).
PREVIEW_INPUT = examples/young-centralized.yaml
preview: socassess
	$(Q)for t in soffice pdftoppm; do command -v $$t >/dev/null || { \
		echo "preview: '$$t' missing; apt-get install" \
		    "libreoffice-calc-nogui poppler-utils" >&2; exit 1; }; done
	$(Q)rm -rf preview && mkdir -p preview/profile
	$(Q)./socassess --quiet score $(PREVIEW_INPUT) --xlsx preview/report.xlsx
	$(Q)./socassess --quiet score examples/*.yaml --out-dir preview/batch \
		--xlsx preview/portfolio.xlsx
	$(Q)for f in report portfolio; do \
		soffice -env:UserInstallation=file://$(CURDIR)/preview/profile \
		    --headless --convert-to pdf --outdir preview \
		    preview/$$f.xlsx >/dev/null 2>&1 || exit 1; \
		pdftoppm -png -r 70 preview/$$f.pdf preview/$$f || exit 1; \
	done
	$(Q)rm -rf preview/profile
	@echo "preview/: report.pdf, portfolio.pdf and their pages as PNG"

install: socassess
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/models \
		$(DESTDIR)$(DATADIR)/questionnaires \
		$(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(MANDIR)/man1
	install -m 755 socassess $(DESTDIR)$(BINDIR)/socassess
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
	libunistring-dev clang libclang-rt-14-dev \
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
	rm -f socassess libsocassess.a src/*.o src/*.d tests/unit/*.d $(TEST_BIN)
	rm -rf build-san build-fuzz preview

.PHONY: all bench check check-san content-check install uninstall deps clean \
	preview fuzz fuzz-build fuzz-smoke

-include $(LIB_SRC:.c=.d) src/main.d $(TEST_SRC:.c=.d)
