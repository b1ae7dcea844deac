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
PREFIX ?= /usr/local
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

.PHONY: all deps demo check clean
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

$(B)/libcourseq.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(B)/libcourseq.so.$(SOVERSION): $(CORE_OBJ)
	$(CC) -shared -Wl,-soname,libcourseq.so.$(SOVERSION) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libcourseq.so: $(B)/libcourseq.so.$(SOVERSION)
	ln -sf libcourseq.so.$(SOVERSION) $@

# The Lua module for plain lua5.4: require "courseq" with LUA_CPATH at build/lua.
$(B)/lua/courseq.so: $(LUA_OBJ) $(B)/libcourseq.a
	@mkdir -p $(dir $@)
	$(CC) -shared $(LDFLAGS) -o $@ $(LUA_OBJ) $(B)/libcourseq.a $(PKG_LIBS)

$(B)/courseq: $(CLI_OBJ) $(B)/libcourseq.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libcourseq.a $(PKG_LIBS)

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

include tests/tests.mk

clean:
	rm -rf $(B)
