# syntax=docker/dockerfile:1
# Build: docker build -t prebuilt-portal .
# Run:   docker run -p 8080:8080 --env-file portal.env prebuilt-portal
# portal.env gives at least PORTAL__SERVER__PUBLIC_URL (the address people open, e.g.
# https://meet.example.com: links, invitations and QR codes are built from it; the portal
# refuses to start without it, since it listens on 0.0.0.0 here), the 100ms credentials
# (PORTAL__EMULATOR__ENABLED=false, PORTAL__HMS__ACCESS_KEY, PORTAL__HMS__APP_SECRET,
# PORTAL__HMS__PREBUILT_BASE), PORTAL__ACCESS__SIGNING_KEYS and PORTAL__SECURITY__COOKIE_KEYS
# (each e.g. openssl rand -hex 32).
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY vendor vendor
COPY src src
COPY templates templates
COPY locales locales
COPY static static
COPY config config
COPY migrations migrations
RUN cargo build --release --locked \
 && strip target/release/prebuilt-portal

FROM debian:bookworm-slim
# CA certificates for https://api.100ms.live; nothing else is needed at run time (templates,
# styles and default settings are compiled into the binary).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin portal \
 && install -d -o 10001 -g 10001 -m 0700 /var/lib/prebuilt-portal
COPY --from=build /src/target/release/prebuilt-portal /usr/local/bin/prebuilt-portal
COPY config /etc/prebuilt-portal
USER 10001
# Listen on all interfaces inside the container (so PORTAL__SERVER__PUBLIC_URL is required);
# mount a settings file and point PORTAL_CONFIG at it, and give secrets as PORTAL__…
# environment variables.
# The SQLite store lives on a volume the portal's user can write (one replica); for several,
# give PORTAL__STORE__URL=postgres://… instead.
ENV PORTAL__SERVER__HOST=0.0.0.0 \
    PORTAL__LOG__FORMAT=json \
    PORTAL__STORE__URL=sqlite:///var/lib/prebuilt-portal/portal.db
VOLUME /var/lib/prebuilt-portal
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["prebuilt-portal", "healthcheck"]
ENTRYPOINT ["prebuilt-portal"]
CMD ["serve"]
