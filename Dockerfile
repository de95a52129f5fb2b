# Builds the HUSH backend fat jar and runs it as a non-root user.
#
#   docker build -t hush .
#   docker run --rm --env-file .env -p 8000:8000 hush
# (outside docker compose, DATABASE_URL must name a host the container reaches)
#
# The admin connector (port 8001) listens on the container's loopback only,
# so operator tasks run from inside the container, for example:
#   docker compose exec backend curl -X POST http://127.0.0.1:8001/tasks/blocked-ips

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies get their own layer, so a source change does not download them
# again. go-offline does not fetch every plugin dependency, and its failure must
# not stop the build, so its exit code is ignored: the package step fetches the rest.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline || true

# migrations.xml is packaged into the jar as well, so the build needs it.
COPY src ./src
COPY migrations.xml ./
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre

# curl serves the HEALTHCHECK below and the admin task calls shown above.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# A fixed uid and gid let files mounted from the host be owned to match.
RUN groupadd --system --gid 10001 hush \
    && useradd --system --uid 10001 --gid hush --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin hush

# config.yml comes straight from the context, so editing it skips the Maven build.
WORKDIR /app
COPY --from=build /build/target/hush.jar ./
COPY config.yml migrations.xml ./

USER 10001:10001
EXPOSE 8000

# Shell form, so that a BACKEND_PORT set in the environment is honoured.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${BACKEND_PORT:-8000}/health" || exit 1

ENTRYPOINT ["java", "-jar", "/app/hush.jar"]
CMD ["server", "/app/config.yml"]
