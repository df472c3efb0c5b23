# One multi-stage Dockerfile for the four services (they differ only in name and port):
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=plan-service --build-arg PORT=8083 .
# Build the jars first (./mvnw -DskipTests package): the image takes the executable jar, it does not run Maven.

# Stage 1: split the Boot jar into layers, so a code change rebuilds only the small application layer.
FROM eclipse-temurin:21.0.8_9-jre-noble AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Stage 2: the runtime image, as a non-root user.
FROM eclipse-temurin:21.0.8_9-jre-noble
ARG PORT
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 stepwise \
    && useradd --system --uid 10001 --gid stepwise --no-create-home stepwise
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss512k"
EXPOSE ${PORT}
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
