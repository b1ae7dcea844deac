# The Astro site around the sample course, its build and its tests.
# Included by the top-level Makefile; every path is relative to the repository
# root, where make runs. Needs node (>= 18.20.8, 20 or 22) and npm.
#
#   make site        npm ci in content/ if needed, then astro build -> content/dist
#   make site-check  site, then the crawl of content/dist (CRAWL_JSON=FILE writes
#                    every checked link as JSON)
#   make mdx-check   compiles every lesson with @mdx-js/mdx (npm ci in tests/node
#                    if needed)

NPM  ?= npm
NODE ?= node

SITE_DIR     := content
SITE_DIST    := $(SITE_DIR)/dist
SITE_LESSONS := $(SITE_DIR)/src/content/course
# npm writes node_modules/.package-lock.json on every install: it is missing
# when node_modules is, and older than package-lock.json when that changed.
SITE_NPM_STAMP       := $(SITE_DIR)/node_modules/.package-lock.json
TESTS_NODE_NPM_STAMP := tests/node/node_modules/.package-lock.json

.PHONY: site site-check mdx-check

$(SITE_NPM_STAMP): $(SITE_DIR)/package-lock.json
	cd $(SITE_DIR) && $(NPM) ci --no-audit --no-fund
	@touch $@

site: $(SITE_NPM_STAMP)
	cd $(SITE_DIR) && ASTRO_TELEMETRY_DISABLED=1 $(NPM) run build

site-check: site
	$(NODE) tests/site/crawl.mjs $(SITE_DIST)$(if $(CRAWL_JSON), --json $(CRAWL_JSON))

$(TESTS_NODE_NPM_STAMP): tests/node/package-lock.json
	cd tests/node && $(NPM) ci --no-audit --no-fund
	@touch $@

mdx-check: $(TESTS_NODE_NPM_STAMP)
	$(NODE) tests/node/compile-lessons.mjs $(SITE_LESSONS)
