#!/usr/bin/env bash
# Compares spout with Airbyte's reference Python CDK on the same bench manifest and server (outside CI).
#
# Runs the throughput scenario (100k records at 100 and 1000 records/page) with a fourth contender: the
# CDK's `source-declarative-manifest` launcher reading bench/bench_manifest.yaml, injected into its config as
# `__injected_declarative_manifest` (how Airbyte launches manifest-only connectors). Prints the usual table;
# the summary line ends with "Python CDK: spout manifest N× … faster".
#
# Environment: PYTHON_CDK_SDM (default /work/.venv-cdk/bin/source-declarative-manifest), DENO (default: the
# repository's .tools deno, else `deno` on PATH). Extra arguments go to bench/main.ts (e.g. --records 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
SDM="${PYTHON_CDK_SDM:-/work/.venv-cdk/bin/source-declarative-manifest}"
if [ -z "${DENO:-}" ]; then
  if [ -x .tools/node_modules/.bin/deno ]; then DENO=.tools/node_modules/.bin/deno; else DENO=deno; fi
fi
if [ ! -x "$SDM" ]; then
  echo "python_cdk_compare: $SDM not found; pip install airbyte-cdk into a venv and set PYTHON_CDK_SDM" >&2
  exit 2
fi
exec "$DENO" run -A bench/main.ts --only throughput --python --python-command "$SDM" --repeats 1 "$@"
