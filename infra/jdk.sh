# Sourced by .ci/run and the infra/ scripts: puts a JDK 25 first on PATH (the build and the functions
# target Lambda's java25 runtime). Keeps JAVA_HOME when it already is a JDK 25 or later; otherwise looks
# in the usual places. Fails with the install hint when none is found.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(jdk_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  JAVA_HOME=
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-arm64 /usr/lib/jvm/*25* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    if [ -x "$candidate/bin/javac" ] && [ "$(jdk_major "$candidate")" -ge 25 ] 2>/dev/null; then JAVA_HOME="$candidate"; break; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "JDK 25 is required (the functions run on Lambda's java25): install Temurin 25 (https://adoptium.net) or set JAVA_HOME" >&2; exit 1; }
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
