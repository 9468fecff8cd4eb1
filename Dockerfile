# syntax=docker/dockerfile:1
# salesforce-exporter: build with Maven, run on a JRE as a non-root user.
#   docker build -t salesforce-exporter .
#   docker run -p 9917:9917 salesforce-exporter --demo
#   docker run -p 9917:9917 -v $PWD/exporter.yml:/etc/salesforce-exporter/exporter.yml:ro salesforce-exporter
# CI proves these steps without a Docker engine: PackagedJarIT runs this file's build commands
# and its ENTRYPOINT, CMD and HEALTHCHECK against the built jar.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# Tests run in CI (they need promtool and a Prometheus server), not in the image build.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# The configuration is mounted here; the image carries none.
RUN mkdir -p /etc/salesforce-exporter
COPY --from=build /src/target/salesforce-exporter.jar /opt/salesforce-exporter/salesforce-exporter.jar
USER 65532:65532
EXPOSE 9917
# The probe tries http, then https, on 127.0.0.1:9917 (SALESFORCE_EXPORTER_HEALTHCHECK_URL to
# change it). With client certificates required, loopback may connect without one and gets
# /-/healthy only, so the probe needs no certificate; a 401 (basic auth) counts as alive.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-Xss256k", "-cp", "/opt/salesforce-exporter/salesforce-exporter.jar", "dev.sfexporter.HealthCheck"]
# A small service: a bounded heap that grows only as needed (1,000 orgs need ~60 MiB live;
# README "Performance"), the serial collector (no GC threads, the smallest footprint), capped
# metaspace, code cache, direct buffers and thread stacks, so RSS stays small whatever the host;
# the quick JIT only (C1): a cold start of 1,000 orgs needs a third less CPU and RSS is ~30 MiB
# smaller, while a scrape (copying pre-rendered bytes, gzip) is as fast. Add or override JVM flags
# with JAVA_TOOL_OPTIONS (e.g. -Xmx320m for several thousand orgs).
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-Xms32m", "-Xmx160m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxDirectMemorySize=32m", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/salesforce-exporter/salesforce-exporter.jar"]
CMD ["--config.file=/etc/salesforce-exporter/exporter.yml"]
