# syntax=docker/dockerfile:1
#
# The worker image: `docker build -t suprsend-offboarding .` (docker compose builds it for you).
# Stage `build` builds the worker's runnable jar (worker/target/offboarding-worker.jar: the worker
# and the codec server, nothing test- or dev-only) and the launcher jar for the `devtools` image;
# the last stage, the default, is a plain JRE with the worker jar, run as a non-root user.
# `--target devtools` builds the development image (the SuprSend sandbox, for compose's `sandbox`
# profile): never deploy it. Needs BuildKit (Docker 23+), for the Maven cache mount below.

# ---- build ---------------------------------------------------------------------------------------
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
# .mvn/jvm.config opens the compiler's internals to Error Prone, which every compile runs.
COPY .mvn/jvm.config .mvn/
COPY pom.xml ./
COPY workflows/pom.xml workflows/
COPY sandbox/pom.xml sandbox/
COPY worker/pom.xml worker/
COPY starter/pom.xml starter/
COPY devtools/pom.xml devtools/
COPY workflows/src workflows/src
COPY sandbox/src sandbox/src
COPY worker/src worker/src
COPY starter/src starter/src
COPY devtools/src devtools/src
# Dependency caching: ~/.m2 is a BuildKit cache mount, kept between builds, so a source change
# downloads nothing. Tests run in CI (`mvn -B verify`), not in every image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl worker,devtools -am \
 && cp worker/target/offboarding-worker.jar /offboarding-worker.jar \
 && cp devtools/target/offboard.jar /offboard.jar

# ---- devtools: the SuprSend sandbox for compose's `sandbox` profile (development only) ----------
FROM eclipse-temurin:17.0.16_8-jre-noble AS devtools
RUN groupadd --system --gid 10001 offboard \
 && useradd --system --uid 10001 --gid offboard --no-create-home --shell /usr/sbin/nologin offboard
WORKDIR /app
COPY --from=build /offboard.jar /app/offboard.jar
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "/app/offboard.jar"]
CMD ["sandbox"]

# ---- worker (the default target) ------------------------------------------------------------------
FROM eclipse-temurin:17.0.16_8-jre-noble AS worker
# A fixed, unprivileged user: the worker needs no root and no writable filesystem.
RUN groupadd --system --gid 10001 offboard \
 && useradd --system --uid 10001 --gid offboard --no-create-home --shell /usr/sbin/nologin offboard
WORKDIR /app
COPY --from=build /offboarding-worker.jar /app/offboarding-worker.jar
USER 10001:10001

# /metrics, /healthz and /readyz (OFFBOARDING_METRICS_PORT).
ENV OFFBOARDING_METRICS_PORT=9464
EXPOSE 9464

# Ready = polling its task queue and Temporal answers. The probe is a tiny class in the jar, so the
# image needs no curl; a small heap and the C1 compiler keep it light.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/app/offboarding-worker.jar", "dev.offboarding.suprsend.worker.ops.HealthProbe", "/readyz"]

# Container-aware heap (a share of the container's memory limit, not of the host's); java is PID 1,
# so SIGTERM from `docker stop` reaches the worker's graceful shutdown. Add JVM options with
# JDK_JAVA_OPTIONS; give docker stop a grace period above OFFBOARDING_SHUTDOWN_TIMEOUT (compose: stop_grace_period).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/offboarding-worker.jar"]
CMD ["worker"]
