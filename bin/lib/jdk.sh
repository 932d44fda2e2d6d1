# shellcheck shell=bash
# JDK discovery shared by bin/overton and .ci/run. Source it, then call `overton_use_jdk || exit 1`.
#
# The project compiles for Java 21 (maven.compiler.release), and the Kafka broker and the services
# run on the same JDK, so everything needs a JDK 21 or newer. Search order:
#   1. $JAVA_HOME, if it is 21+;
#   2. `java` on PATH, if it is 21+;
#   3. the newest JDK under /usr/lib/jvm that is 21+.
# On success JAVA_HOME and PATH are exported so that ./mvnw and `java` use that JDK.

OVERTON_MIN_JAVA=21

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing if it is not a JDK.
overton_java_major() {
    local home=$1 version=""
    [ -x "$home/bin/java" ] || return 0
    # A JDK (not a JRE) is needed: Maven compiles with it.
    [ -x "$home/bin/javac" ] || return 0
    if [ -r "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    case $version in
        1.*) version=${version#1.} ;; # 1.8.0_412 -> 8
    esac
    version=${version%%[!0-9]*}
    [ -n "$version" ] && printf '%s\n' "$version"
    return 0
}

# Finds a suitable JDK, exports JAVA_HOME and PATH. Returns 1 with a message when there is none.
overton_use_jdk() {
    local candidate major best="" best_major=0

    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(overton_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge "$OVERTON_MIN_JAVA" ]; then
            best=$JAVA_HOME
        fi
    fi

    if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
        candidate=$(readlink -f "$(command -v java)")
        candidate=${candidate%/bin/java}
        major=$(overton_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge "$OVERTON_MIN_JAVA" ]; then
            best=$candidate
        fi
    fi

    if [ -z "$best" ]; then
        for candidate in /usr/lib/jvm/*; do
            [ -d "$candidate" ] || continue
            major=$(overton_java_major "$candidate")
            if [ -n "$major" ] && [ "$major" -ge "$OVERTON_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
                best=$candidate
                best_major=$major
            fi
        done
    fi

    if [ -z "$best" ]; then
        echo "Overton needs JDK 21 or newer; install e.g. \`apt-get install openjdk-21-jdk\` or Temurin 21+ and set JAVA_HOME" >&2
        return 1
    fi

    JAVA_HOME=$(readlink -f "$best")
    PATH="$JAVA_HOME/bin:$PATH"
    export JAVA_HOME PATH
}
