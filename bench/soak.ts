/**
 * The long soak: 1 M records over 10 k pages (10 partitions, 4 read at once) with 5% 503 and 1% 429
 * (Retry-After 0) injected by the fault server, read through the CLI by the declarative manifest and by the
 * code connector. Prints records / lost / duplicated / out of order per run and exits 1 on any loss,
 * duplicate or reordering.
 *
 * Usage: `deno task soak` or `deno run -A bench/soak.ts [--records N] [--pages N] [--only manifest|code]`.
 * @module
 */
import { parseArgs } from "node:util";
import { runSoak, type SoakShape } from "../tests/reliability_soak.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    records: { type: "string", default: "1000000" },
    pages: { type: "string", default: "10000" },
    only: { type: "string" },
    seed: { type: "string", default: "42" },
  },
});

const records = Number(values.records);
const pages = Number(values.pages);
const shards = 10;
const shape: SoakShape = {
  shards,
  perShard: Math.ceil(records / shards),
  pageSize: Math.max(1, Math.round(records / pages)),
  concurrency: 4,
  seed: Number(values.seed),
  rate503: 0.05,
  rate429: 0.01,
};

let failed = false;
for (const kind of ["manifest", "code"] as const) {
  if (values.only && values.only !== kind) continue;
  const r = await runSoak(kind, shape);
  const rate = Math.round(r.received / (r.ms / 1000));
  console.log(
    `soak ${kind}: records ${r.received}/${r.expected} lost ${r.lost} duplicated ${r.duplicated} ` +
      `out-of-order ${r.outOfOrder} | requests ${r.requests} (injected 503/429: ${r.injectedFailures}) | ` +
      `exit ${r.exitCode} | ${r.ms} ms (${rate} rec/s)`,
  );
  if (r.lost || r.duplicated || r.outOfOrder || r.exitCode !== 0 || r.received !== r.expected) failed = true;
}
if (failed) {
  console.error("soak: FAILED");
  Deno.exit(1);
}
