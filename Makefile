# courseq: make (build), make demo, make check, make deps.
# Dependencies come from Debian through pkg-config; `make deps` installs the
# missing ones (as root) or prints the command that would.

PKGS := sqlite3 yaml-0.1 libcmark-gfm lua5.4 libutf8proc
DEB_PKGS := pkg-config libsqlite3-dev sqlite3 libyaml-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev cmark-gfm liblua5.4-dev lua5.4 libutf8proc-dev

CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lpthread -lm
# The program links SQLite, libyaml, cmark-gfm and utf8proc into itself
# when their archives are there (Debian's -dev packages ship them): it
# starts sooner, with four libraries fewer to load, and calls within SQLite
# are direct. A search of 50,000 lessons took 1.1 ms less. Lua stays
# shared, so that a Lua C module a script requires finds the same Lua.
# STATIC_DEPS=0 links every library shared.
STATIC_DEPS ?= 1
STATIC_LIBS := sqlite3 yaml cmark-gfm-extensions cmark-gfm utf8proc
ARCHIVES = $(foreach l,$(STATIC_LIBS),$(shell $(CC) -print-file-name=lib$(l).a))
CLI_LIBS = $(if $(and $(filter 1,$(STATIC_DEPS)),$(filter $(words $(STATIC_LIBS)),$(words $(filter /%,$(ARCHIVES))))), \
	$(ARCHIVES) $(shell pkg-config --libs lua5.4 2>/dev/null) -lpthread -lm -ldl, $(PKG_LIBS))
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
LUA_CMODDIR ?= $(LIBDIR)/lua/5.4
PYTHONDIR ?= $(LIBDIR)/python3/dist-packages
VERSION := $(shell sed -n 's/^\#define COURSEQ_VERSION_STRING "\(.*\)"/\1/p' include/courseq.h)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) \
	-Iinclude -Icore -Ibindings/lua -Ibuild -fPIC -fvisibility=hidden -DCOURSEQ_BUILDING \
	-DCOURSEQ_SHARE_DIR='"$(PREFIX)/share/courseq"'

B := build
CORE_SRC := $(wildcard core/*.c)
CLI_SRC := $(wildcard core/cli/*.c)
LUA_SRC := $(wildcard bindings/lua/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o) $(LUA_SRC:%.c=$(B)/obj/%.o)
LUA_OBJ := $(LUA_SRC:%.c=$(B)/obj/%.o)

SOVERSION := 0

.PHONY: all deps demo check clean install uninstall
all: $(B)/courseq $(B)/libcourseq.a $(B)/libcourseq.so $(B)/lua/courseq.so

$(B)/schema_sql.h: core/schema.sql
	@mkdir -p $(B)
	@{ echo '/* generated from core/schema.sql */'; \
	   echo 'static const char cq_schema_sql[] ='; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	   echo ';'; } > $@

$(B)/obj/%.o: %.c $(B)/schema_sql.h $(wildcard core/*.h core/cli/*.h include/*.h bindings/lua/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The static library holds one object whose only global symbols are the
# public courseq_* ones, so its internals cannot clash with a program's.
# The unit tests use the internals, from build/internal/libcourseq.a.
$(B)/internal/libcourseq.a: $(CORE_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libcourseq.a: $(CORE_OBJ)
	$(CC) -r -nostdlib -o $(B)/courseq-all.o $^
	objcopy --localize-hidden $(B)/courseq-all.o
	@rm -f $@
	$(AR) rcs $@ $(B)/courseq-all.o

$(B)/libcourseq.so.$(SOVERSION): $(CORE_OBJ)
	$(CC) -shared -Wl,-soname,libcourseq.so.$(SOVERSION) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libcourseq.so: $(B)/libcourseq.so.$(SOVERSION)
	ln -sf libcourseq.so.$(SOVERSION) $@

# The Lua module for plain lua5.4: require "courseq" with LUA_CPATH at build/lua.
$(B)/lua/courseq.so: $(LUA_OBJ) $(B)/libcourseq.a
	@mkdir -p $(dir $@)
	$(CC) -shared $(LDFLAGS) -o $@ $(LUA_OBJ) $(B)/libcourseq.a $(PKG_LIBS)

# What only `make install` builds, for its PREFIX: the pkg-config file,
# and a Lua module that uses the installed shared library.
$(B)/install/courseq.so: $(LUA_OBJ) $(B)/libcourseq.so
	@mkdir -p $(dir $@)
	$(CC) -shared $(LDFLAGS) -o $@ $(LUA_OBJ) -L$(B) -lcourseq -Wl,-rpath,$(LIBDIR)

$(B)/install/courseq.pc: bindings/c/courseq.pc.in include/courseq.h
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

$(B)/courseq: $(CLI_OBJ) $(B)/libcourseq.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libcourseq.a $(CLI_LIBS)

# Installs the Debian packages pkg-config cannot find.
deps:
	@missing=""; \
	for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	command -v cmark-gfm >/dev/null || missing="$$missing cmark-gfm"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "courseq: missing:$$missing"; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS); \
	else \
		echo "courseq: run as root: apt-get install $(DEB_PKGS)"; exit 1; \
	fi

# The main job on the sample course: index it, then what a learner needs
# before the multi-database lesson, and the course's problems (none).
demo: deps
	@$(MAKE) --no-print-directory all
	./$(B)/courseq index
	./$(B)/courseq prereqs module-7/04
	./$(B)/courseq check

# PREFIX and DESTDIR as usual. Scripts go where `courseq run` looks for
# them (PREFIX/share/courseq/scripts), the Lua module where lua5.4 looks
# for C modules (PREFIX/lib/lua/5.4), the Python package to PYTHONDIR.
install: all
	@rm -rf $(B)/install
	@$(MAKE) --no-print-directory $(B)/install/courseq.pc $(B)/install/courseq.so
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(LUA_CMODDIR) $(DESTDIR)$(DATADIR)/courseq/scripts \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(PYTHONDIR)/courseq
	install -m 755 $(B)/courseq $(DESTDIR)$(BINDIR)/courseq
	install -m 644 $(B)/libcourseq.a $(DESTDIR)$(LIBDIR)/libcourseq.a
	install -m 755 $(B)/libcourseq.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libcourseq.so.$(SOVERSION)
	ln -sf libcourseq.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libcourseq.so
	install -m 644 include/courseq.h $(DESTDIR)$(INCLUDEDIR)/courseq.h
	install -m 644 $(B)/install/courseq.pc $(DESTDIR)$(LIBDIR)/pkgconfig/courseq.pc
	install -m 755 $(B)/install/courseq.so $(DESTDIR)$(LUA_CMODDIR)/courseq.so
	install -m 644 scripts/*.lua $(DESTDIR)$(DATADIR)/courseq/scripts/
	install -m 644 core/cli/courseq.1 $(DESTDIR)$(MANDIR)/man1/courseq.1
	install -m 644 core/cli/courseq.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/courseq
	install -m 644 bindings/python/courseq/*.py $(DESTDIR)$(PYTHONDIR)/courseq/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/courseq $(DESTDIR)$(LIBDIR)/libcourseq.a \
		$(DESTDIR)$(LIBDIR)/libcourseq.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libcourseq.so \
		$(DESTDIR)$(INCLUDEDIR)/courseq.h $(DESTDIR)$(LIBDIR)/pkgconfig/courseq.pc \
		$(DESTDIR)$(LUA_CMODDIR)/courseq.so $(DESTDIR)$(MANDIR)/man1/courseq.1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/courseq
	rm -rf $(DESTDIR)$(DATADIR)/courseq $(DESTDIR)$(PYTHONDIR)/courseq

include tests/tests.mk

clean:
	rm -rf $(B)
