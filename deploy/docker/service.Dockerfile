# One multi-stage Dockerfile for the four services: they differ only in name and port, so one file keeps
# their images alike (base image, user, JVM flags, layer order) and a change is made once. docker-compose.yml
# builds each service from it with the repository root as context, e.g. by hand:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=plan-service --build-arg PORT=8083 .
# Build the jars first (./mvnw -DskipTests package): the image takes the executable jar Maven made (the build
# needs the whole multi-module reactor), it does not run Maven itself.

# Stage 1: split the Boot jar into layers (dependencies change rarely, the application often), so a code
# change rebuilds and ships only the small application layer.
FROM eclipse-temurin:21.0.8_9-jre-noble AS layers
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<service> (e.g. plan-service)" >&2; exit 1; }
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Stage 2: the runtime image. The base image already has curl (the health check uses it); the RUN fails the
# build if a future base image drops it, instead of leaving a container that is never healthy.
FROM eclipse-temurin:21.0.8_9-jre-noble
ARG PORT
RUN test -n "${PORT}" || { echo "build with --build-arg PORT=<port> (e.g. 8083)" >&2; exit 1; } \
    && curl --version > /dev/null \
    && groupadd --system --gid 10001 stepwise \
    && useradd --system --uid 10001 --gid stepwise --no-create-home --shell /usr/sbin/nologin stepwise \
    && install -d -o 10001 -g 10001 -m 700 /var/lib/stepwise/identity
# /var/lib/stepwise/identity: the identity provider's signing keys and users (a named volume in compose takes
# this folder's owner, so the service can write there and nothing else can read it).
WORKDIR /app
# Least to most often changed, so Docker reuses the earlier layers. The files stay owned by root: the
# service can read its code but not change it.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# Container-aware memory: the heap is a share of the container's limit, not of the host's memory. The flags
# sit in JAVA_TOOL_OPTIONS (not in ENTRYPOINT) so compose or `docker run -e` can replace them; flags on the
# java command line would win over anything set at run time. Measured for these services: about 230 MiB
# outside the heap (metaspace ~80, code cache ~40, symbols, threads, malloc), so heap = 40% of a 640 MiB
# limit (256 MiB, what the local stack runs them with) leaves room; 60% of 512 MiB would not.
ENV SERVER_PORT=${PORT} \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40 -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=128m -Xss512k -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
# Exec form: java is PID 1 and gets SIGTERM, so Boot's graceful shutdown runs on `docker compose stop`.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
