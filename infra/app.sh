#!/usr/bin/env bash
# The CDK app command (cdk.json): runs ConnectorApp with a JDK 21+ and the classpath Maven wrote at package time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../scripts/select-jdk.sh"
select_jdk
if [[ ! -f $here/target/classpath.txt ]]; then
  echo "infra is not built; from the repository root run: ./mvnw -B install -DskipTests" >&2
  exit 1
fi
exec "$JAVA_HOME/bin/java" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" com.bcerp.infra.ConnectorApp
