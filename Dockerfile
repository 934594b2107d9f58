# baton-zoom as a self-hosted ConductorOne connector.
# Build:  docker build -t baton-zoom .
# Run:    docker run --env-file baton-zoom.env baton-zoom
#         (BATON_CLIENT_ID, BATON_CLIENT_SECRET, BATON_ACCOUNT_ID, BATON_ZOOM_CLIENT_ID,
#          BATON_ZOOM_CLIENT_SECRET; add BATON_PROVISIONING=true to let it change access)

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin baton-zoom

# Small runtime: glibc and the CA roots the TLS stack trusts (SSL_CERT_FILE can add a
# private CA), nothing else.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/baton-zoom /usr/local/bin/baton-zoom
# Sync files and scratch go here (--c1z-temp-dir); mount a volume to keep an interrupted
# sync resumable across restarts.
ENV BATON_C1Z_TEMP_DIR=/tmp
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/baton-zoom"]
