# Fuzz harnesses (tests/fuzz/README.md), built apart from the normal tree
# so their instrumented objects never mix with it. Used by the top
# Makefile's `fuzz` and `fuzz-smoke`; for AFL++ use FUZZ_CC=afl-clang-fast
# FUZZ_DIR=build-afl and the target fuzz-build.

FUZZ_CC ?= clang
FUZZ_DIR ?= build-fuzz
PKG_CONFIG ?= pkg-config
# The libraries of the top Makefile's LIBS_PKG, which passes its own list.
FUZZ_PKG ?= libcyaml yaml-0.1 xlsxwriter jansson libedit libzip libxml-2.0
FUZZ_SAN ?= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CPPFLAGS = -D_GNU_SOURCE -Iinclude -Itests/fuzz \
	-DFUZZ_SRC='"$(CURDIR)"' -DSOCASSESS_VERSION='"fuzz"' \
	-DSOCASSESS_DATADIR='"$(CURDIR)"' \
	$(shell $(PKG_CONFIG) --cflags $(FUZZ_PKG))
FUZZ_CFLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) -MMD -MP
FUZZ_LIBS = $(shell $(PKG_CONFIG) --libs $(FUZZ_PKG)) -lunistring -lm

FUZZ_LIB_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
FUZZ_LIB_OBJ = $(FUZZ_LIB_SRC:src/%.c=$(FUZZ_DIR)/src/%.o) \
	$(FUZZ_DIR)/fuzz-common.o
FUZZ_TARGETS = model questionnaire wording answers-yaml answers-json import
FUZZ_BIN = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz-%)

fuzz-build: $(FUZZ_BIN)

$(FUZZ_DIR)/src/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/answers-yaml.o: tests/fuzz/fuzz-answers.c
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -DFUZZ_JSON=0 \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/answers-json.o: tests/fuzz/fuzz-answers.c
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -DFUZZ_JSON=1 \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/fuzz-answers-%: $(FUZZ_DIR)/answers-%.o $(FUZZ_LIB_OBJ)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

$(FUZZ_DIR)/fuzz-%: $(FUZZ_DIR)/fuzz-%.o $(FUZZ_LIB_OBJ)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

.PHONY: fuzz-build
.SECONDARY:

-include $(wildcard $(FUZZ_DIR)/*.d $(FUZZ_DIR)/src/*.d)
