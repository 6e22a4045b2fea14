# syntax=docker/dockerfile:1
#
# A minimal Airbyte source image for one spout connector:
#
#   docker build -t airbyte/source-shop:0.1.0 \
#     --build-arg CONNECTOR_MANIFEST=connectors/shop-manifest/manifest.yaml \
#     --build-arg CONNECTOR_NAME=airbyte/source-shop --build-arg CONNECTOR_VERSION=0.1.0 .
#   docker build -t airbyte/source-example-shop:0.1.0 --build-arg CONNECTOR=example-shop \
#     --build-arg CONNECTOR_NAME=airbyte/source-example-shop .
#   docker build -t spout/source-declarative-manifest:0.1.0 \
#     --build-arg CONNECTOR_NAME=spout/source-declarative-manifest .      # generic manifest runner
#
#   docker run --rm airbyte/source-shop:0.1.0 spec
#   docker run --rm -v "$PWD/secrets:/secrets:ro" airbyte/source-shop:0.1.0 check --config /secrets/config.json
#
# Stage 1 embeds the connector (scripts/build.ts) and `deno compile`s it into one self-contained binary.
# Stage 2 is distroless (glibc for the binary, CA certificates, no shell, no package manager) and runs as
# the non-root user 65532. The checks in tests/dist_docker_test.ts keep this file honest.

ARG DENO_VERSION=2.9.6

FROM denoland/deno:${DENO_VERSION} AS build
# At most one of: a manifest path in this repo, or a code connector name from connectors/mod.ts. With neither,
# the image is the generic manifest runner (like airbyte/source-declarative-manifest: the manifest comes in the
# config under __injected_declarative_manifest).
ARG CONNECTOR_MANIFEST=""
ARG CONNECTOR=""
WORKDIR /app
COPY deno.json deno.lock cli.ts mod.ts ./
COPY src ./src
COPY connectors ./connectors
COPY scripts ./scripts
# deno compile records the CA stores in the binary: trust the image's CA certificates besides Mozilla's.
ENV DENO_TLS_CA_STORE="mozilla,system"
RUN set -eu; \
    if [ -n "${CONNECTOR_MANIFEST}" ] && [ -n "${CONNECTOR}" ]; then \
      echo "give at most one of --build-arg CONNECTOR_MANIFEST=connectors/NAME/manifest.yaml or --build-arg CONNECTOR=NAME" >&2; \
      exit 2; \
    elif [ -n "${CONNECTOR_MANIFEST}" ]; then \
      set -- --manifest "${CONNECTOR_MANIFEST}"; \
    elif [ -n "${CONNECTOR}" ]; then \
      set -- --connector "${CONNECTOR}"; \
    else \
      set -- --cli; \
    fi; \
    deno run -A scripts/build.ts "$@" --no-bundle --out /out/connector; \
    /out/connector spec > /dev/null

FROM gcr.io/distroless/cc-debian12:nonroot
ARG CONNECTOR_NAME=airbyte/source-spout
ARG CONNECTOR_VERSION=0.1.0
LABEL io.airbyte.name="${CONNECTOR_NAME}" \
      io.airbyte.version="${CONNECTOR_VERSION}" \
      org.opencontainers.image.title="${CONNECTOR_NAME}" \
      org.opencontainers.image.version="${CONNECTOR_VERSION}" \
      org.opencontainers.image.description="Airbyte source connector built with spout" \
      org.opencontainers.image.source="https://github.com/spout/spout" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /airbyte
COPY --from=build --chown=0:0 --chmod=0555 /out/connector /airbyte/connector
ENV AIRBYTE_ENTRYPOINT="/airbyte/connector"
# Same at run time (e.g. a corporate proxy's CA added to /etc/ssl/certs of a derived image).
ENV DENO_TLS_CA_STORE="mozilla,system"
USER nonroot:nonroot
ENTRYPOINT ["/airbyte/connector"]
