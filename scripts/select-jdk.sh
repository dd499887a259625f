# Sourced by ./mvnw, ./connector and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the usual install folders.
# Fails with a message naming what it looked at when none is found.

_jdk_major() { # prints the feature version of the JDK at $1, or nothing
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  if [[ -x "$1/bin/javac" && -n $v ]]; then echo "${v%%.*}"; fi
}

select_jdk() {
  local candidates=() c major
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [[ -d $c ]] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    major=$(_jdk_major "$c" 2>/dev/null || true)
    if [[ -n $major && $major -ge 21 ]]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      JDK_MAJOR=$major
      return 0
    fi
  done
  echo "error: bc-erp-connector needs a JDK 21 or newer (it builds Java 21 bytecode for the Lambda java21 runtime)." >&2
  echo "       Looked at: ${candidates[*]:-nothing}" >&2
  echo "       Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}
