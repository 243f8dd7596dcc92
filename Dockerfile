# syntax=docker/dockerfile:1
# quota-bot: build with Maven on JDK 17, run on a JRE 17 as a non-root user.
#   docker build -t quota-bot .
#   docker run -p 3000:3000 -e DISCORD_TOKEN=… quota-bot
# Configuration comes from QUOTABOT_* environment variables (plus PORT and DISCORD_TOKEN) or from a
# bot.properties mounted at /app/bot.properties.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, in their own layer: rebuilt only when pom.xml changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 quotabot \
 && useradd --system --uid 10001 --gid quotabot --home-dir /app --shell /usr/sbin/nologin quotabot
WORKDIR /app
COPY --from=build /build/target/quota-bot.jar /app/quota-bot.jar
# The JVM options it is measured with (BENCHMARKS.md): serial GC, first compiler tier, 128 MB heap.
COPY src/main/jvm/jvm.options /app/jvm.options
# watches keep their SQLite database here (QUOTABOT_DATABASE_URL=jdbc:sqlite:/app/data/quota-bot.db):
# the only folder the service user may write; mount a volume on it
RUN mkdir -p /app/data && chown quotabot:quotabot /app/data
VOLUME /app/data
USER quotabot:quotabot
EXPOSE 3000
# The jar checks its own /health on the port its configuration names (no curl needed).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-jar", "/app/quota-bot.jar", "--healthcheck"]
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/quota-bot.jar"]
