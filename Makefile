# Two commands do all the set-up: `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libedit-dev libsqlite3-dev pkg-config libcurl4
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PREFIX ?= /usr/local

.PHONY: deps build release run test bench install clean fuzz fuzz-build

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

# Fuzzing (outside CI): each libFuzzer target in Fuzz/ for FUZZ_SECONDS, its grown corpus kept in
# .build-fuzz/corpus, a crash, a broken invariant, a hang (-timeout) or a memory blow-up (-rss_limit_mb)
# written to Fuzz/Findings/. `make fuzz FUZZ_TARGETS=Markdown FUZZ_SECONDS=600` runs one for longer.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= SSE ChatCompletion Ranking Config Markdown Sanitizer
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing
FUZZ_BUILD := $(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz $(FUZZ_FLAGS)

fuzz-build: deps
	$(FUZZ_BUILD)

fuzz: fuzz-build
	@bin=$$($(FUZZ_BUILD) --show-bin-path); failed=""; mkdir -p Fuzz/Findings .build-fuzz/logs; \
	for t in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s (log: .build-fuzz/logs/$$t.log)"; \
		if ! SWIFT_BACKTRACE=enable=no $$bin/Fuzz$$t .build-fuzz/corpus/$$t Fuzz/Corpus/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=Fuzz/Findings/$$t- > .build-fuzz/logs/$$t.log 2>&1; then \
			failed="$$failed $$t"; fi; \
		grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|^stat::number_of_executed_units|^==[0-9]+==|invariant broken|^SUMMARY' .build-fuzz/logs/$$t.log | tail -4; \
	done; \
	if [ -n "$$failed" ]; then echo "findings in:$$failed (inputs in Fuzz/Findings/)"; exit 1; fi

clean:
	rm -rf .build
