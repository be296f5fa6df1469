# Two commands do all the set-up: `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libedit-dev libsqlite3-dev pkg-config libcurl4
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PREFIX ?= /usr/local

.PHONY: deps build release run test bench install clean

# Installs the system libraries the package links against, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product council

# The binary to keep on your PATH: smaller and faster than the debug build.
release: deps
	$(SWIFT) build -c release --product council

# The release binary and its shell completions where shells look for them (PREFIX, DESTDIR as usual).
install: release
	@bin=$$($(SWIFT) build -c release --show-bin-path)/council; root="$(DESTDIR)$(PREFIX)"; \
	install -d "$$root/bin" "$$root/share/bash-completion/completions" "$$root/share/zsh/site-functions" \
		"$$root/share/fish/vendor_completions.d" && \
	install -m 755 "$$bin" "$$root/bin/council" && \
	"$$bin" --generate-completion-script bash > "$$root/share/bash-completion/completions/council" && \
	"$$bin" --generate-completion-script zsh > "$$root/share/zsh/site-functions/_council" && \
	"$$bin" --generate-completion-script fish > "$$root/share/fish/vendor_completions.d/council.fish" && \
	echo "installed $$root/bin/council and its bash, zsh and fish completions"

run: build
	@$$($(SWIFT) build --show-bin-path)/council $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release
	$$($(SWIFT) build -c release --show-bin-path)/CouncilBench $(ARGS)

clean:
	rm -rf .build
