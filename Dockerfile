# syntax=docker/dockerfile:1.17.0
# dlint's own image: a static binary on a distroless, non-root base.
#
#   docker build --build-arg VERSION=v0.1.0 -t dlint .
#   docker run --rm -v "$PWD:/work:ro" dlint .

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/dlint ./cmd/dlint

FROM gcr.io/distroless/static-debian12:nonroot
LABEL org.opencontainers.image.title="dlint" \
      org.opencontainers.image.description="Linter for Dockerfiles, .dockerignore files and daemon.json" \
      org.opencontainers.image.source="https://github.com/dlint/dlint"
COPY --from=build /out/dlint /dlint
WORKDIR /work
USER 65532:65532
# A command-line tool, not a service: nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/dlint"]
