#!/usr/bin/env bash
# Issue 6, item 5: the bot's acknowledgement time, real jar against the tests' fake Discord.
# Called by `bash bench/run.sh discord` once target/quota-bot.jar exists. Unlike the main bench it
# compiles against the test classes (FakeDiscord, FakeGateway, FakeModelScope) and the test
# classpath (WireMock, Java-WebSocket), so Maven compiles those and writes the classpath first.
set -euo pipefail
cd "$(dirname "$0")/../.."

mkdir -p bench/target
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=bench/target/discord-classpath.txt
# target/classes only for logback-discord.xml, which logback-test.xml includes; the product
# itself runs from the jar, in its own process.
cp="target/test-classes:target/classes:$(cat bench/target/discord-classpath.txt)"

rm -rf bench/target/discord-classes
mkdir -p bench/target/discord-classes
# Product.java comes from the main bench (it starts the jar); the other bench sources compile along.
javac --release 17 -cp "$cp" -d bench/target/discord-classes bench/discord/*.java bench/src/*.java
java -cp "bench/target/discord-classes:$cp" DiscordAck target/quota-bot.jar
