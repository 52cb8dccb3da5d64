# Entry points for building, testing, linting and packaging Expanse. Each
# target installs what it needs first, so it works from a fresh clone on
# Debian 12 with the Swift toolchain (as root, or after running the sudo
# command that scripts/install-system-packages prints).

# Output folder of the release build that `run` starts.
OUT ?= out
# Flags passed to expanse-serve by `run`, for example SERVE_FLAGS="--port 9090".
SERVE_FLAGS ?=
# Arguments of bench/run, for example BENCH_ARGS="data.csv.gz ../reference .venv-ref/bin/python"
# to add the training comparison.
BENCH_ARGS ?=
# Tag of the image that `image` builds.
IMAGE ?= expanse:dev

.PHONY: help run test bench lint image clean

help:
	@echo "make run     build a release and start expanse-serve on the embedded model (127.0.0.1:8080)"
	@echo "make test    swift build, swift test (Swift Testing), the NumPy interoperability test and the schemathesis contract test"
	@echo "make bench   serving and TLS benchmarks (bench/run); BENCH_ARGS adds the training comparison"
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
	swift test --disable-xctest
	Tests/interop/run
	Tests/contract/run

bench:
	scripts/install-system-packages build bench
	bench/run $(BENCH_ARGS)

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
