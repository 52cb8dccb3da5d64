# Entry points for building, testing, linting and packaging Expanse. Each
# target installs what it needs first, so it works from a fresh clone on
# Debian 12 with the Swift toolchain (as root, or after running the sudo
# command that scripts/install-system-packages prints).

# Output folder of the release build that `run` starts.
OUT ?= out
# Flags passed to expanse-serve by `run`, for example SERVE_FLAGS="--port 9090".
SERVE_FLAGS ?=
# Tag of the image that `image` builds.
IMAGE ?= expanse:dev

.PHONY: help run test bench lint image clean

help:
	@echo "make run     build a release and start expanse-serve on the embedded model (127.0.0.1:8080)"
	@echo "make test    swift build, swift test, then Tests/interop/run when it exists"
	@echo "make bench   run bench/run when it exists"
	@echo "make lint    hadolint, kubernetes-validate and openapi-spec-validator (scripts/lint)"
	@echo "make image   docker build -t \$$(IMAGE) (default $(IMAGE)); needs a running Docker engine"
	@echo "make clean   remove .build and \$$(OUT) but keep .venv-tools (delete it by hand to rebuild it)"

run:
	scripts/install-system-packages build
	scripts/build-release $(OUT)
	$(OUT)/expanse-serve $(SERVE_FLAGS)

test:
	scripts/install-system-packages build test
	scripts/python-tools
	swift build
	swift test
	@if [ -f Tests/interop/run ]; then \
		echo "Tests/interop/run"; \
		Tests/interop/run; \
	else \
		echo "Tests/interop/run does not exist yet: skipping the interoperability tests"; \
	fi

bench:
	@if [ -f bench/run ]; then \
		scripts/install-system-packages build bench && bench/run; \
	else \
		echo "bench/run does not exist yet: no benchmark to run"; \
	fi

lint:
	scripts/lint

image:
	@if ! command -v docker >/dev/null 2>&1; then \
		echo "error: docker is not installed. Install Docker and start its engine to build the image" >&2; \
		exit 1; \
	fi
	@if ! timeout 20 docker info >/dev/null 2>&1; then \
		echo "error: no Docker engine answered 'docker info'. Start one, or set DOCKER_HOST to one, and retry" >&2; \
		exit 1; \
	fi
	docker build -t $(IMAGE) .

clean:
	rm -rf .build $(OUT)
