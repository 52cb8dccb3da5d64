# Expanse image: expanse-serve by default, expanse-train with `train ...`.
#
#   docker build -t expanse .
#   docker run -p 8080:8080 expanse
#   docker run --user "$(id -u):$(id -g)" \
#       -v "$PWD/data:/data:ro" -v "$PWD/models:/models" expanse \
#       train fit --data /data/x.csv --out /models/m.safetensors
# (--user lets the trainer write into a host folder that the image's user,
# UID 10001, does not own.)
#
# The build stage links the Swift runtime statically (scripts/build-release
# uses --static-swift-stdlib), and Foundation into expanse-train, the only
# binary that uses it. The runtime stage then needs only Debian packages and
# no copy of the toolchain's libraries, whose set and path would have to
# follow the build image. The cost is size: expanse-train carries its own
# copy of Foundation and of the ICU data.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build

WORKDIR /src

# The package installation is a layer of its own, so it stays cached while
# only the sources change.
COPY scripts/install-system-packages scripts/
RUN scripts/install-system-packages build

COPY . .
RUN scripts/build-release /out


FROM ${RUNTIME_IMAGE} AS runtime

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Shared libraries the binaries link: OpenBLAS (libopenblas.so.0), OpenSSL
# (libssl.so.3, libcrypto.so.3) and zlib. libstdc++6 and zlib1g come with
# the base image. The openssl command serves the health check over HTTPS.
# The versions are Debian 12's at the time of pinning. When a build fails
# with "Version ... was not found", take the new ones from
# `apt-cache policy PACKAGE` in a debian:bookworm-slim container.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates=20250419~deb12u2 \
        libopenblas0-pthread=0.3.21+ds-4 \
        libssl3=3.0.22-1~deb12u2 \
        openssl=3.0.22-1~deb12u2 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 expanse \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin expanse \
    && install -d -o 10001 -g 10001 -m 0755 /models /data

# The binaries carry everything they read at start-up (expanse-serve compiles
# its model and OpenAPI document in), so the folder is put on PATH as it is.
COPY --from=build /out/ /opt/expanse/
COPY --chmod=0755 deploy/image/entrypoint /usr/local/bin/expanse-entrypoint
COPY --chmod=0755 deploy/image/healthcheck /usr/local/bin/expanse-healthcheck

# Fails the build when a binary is missing or needs a shared library that
# the image lacks.
RUN ldd /opt/expanse/expanse-serve /opt/expanse/expanse-train >/tmp/ldd.txt \
    && ! grep 'not found' /tmp/ldd.txt \
    && rm /tmp/ldd.txt

ENV PATH=/opt/expanse:$PATH \
    EXPANSE_HOST=0.0.0.0 \
    EXPANSE_PORT=8080

USER 10001:10001
WORKDIR /models
EXPOSE 8080

# The check reads EXPANSE_PORT and EXPANSE_TLS_CERT, so set the port and TLS
# through the environment, not through flags. A container that runs the
# trainer reports itself unhealthy. Kubernetes ignores HEALTHCHECK and uses
# the probes in deploy/base/deployment.yaml instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["/usr/local/bin/expanse-healthcheck", "/healthz"]

ENTRYPOINT ["/usr/local/bin/expanse-entrypoint"]
CMD []
