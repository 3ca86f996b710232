#!/usr/bin/env bash
# Brings LocalStack up with Docker and creates the system's resources on it from template.yaml.
# Not exercised by CI: these machines have no Docker engine. See infra/localstack/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v docker >/dev/null || { echo "docker is required for LocalStack (the Docker-free stack is infra/run)"; exit 1; }
docker compose -f "$here/docker-compose.yml" up -d --wait
cd "$root"
# One reactor build (nothing installed into ~/.m2), infra's class path written beside it.
mvn -q -B -DskipTests -pl infra -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
# --cognito as well when your LocalStack serves Cognito (its paid edition): LOCALSTACK_COGNITO=1
java -cp "infra/target/classes:$(cat infra/target/classpath.txt)" vn.motcua.local.stack.LocalStackSetup \
  ${LOCALSTACK_COGNITO:+--cognito} "${LOCALSTACK_ENDPOINT:-http://localhost:4566}"
cat <<TXT

LocalStack is up with the system's tables, queues and bucket, the seed data and the departments' dev
secrets in its Parameter Store. Point the SDK at it:
  export AWS_ENDPOINT_URL=http://localhost:4566 AWS_REGION=ap-southeast-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
Functions: 'samlocal' or 'sam local' need Docker too; or run them with infra/run against LocalStack.
Stop: docker compose -f infra/localstack/docker-compose.yml down
TXT
