/**
 * The bare floor: the plainest loop that reads the bench API into Airbyte RECORD lines. Fetch a page,
 * `JSON.parse` it, `JSON.stringify` one RECORD message per record, write the page's lines to stdout in one
 * write, follow `next`. No retries, no state, no framework.
 *
 * `deno run -A bench/floor.ts URL_BASE TOTAL PAGE_SIZE [RUN_ID] [LATENCY_MS]`
 * @module
 */
const [base, total, limit, run = "", latency = "0"] = Deno.args;
const encoder = new TextEncoder();

async function writeAll(bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await Deno.stdout.write(bytes.subarray(written));
}

let offset: number | null = 0;
while (offset !== null) {
  const url = `${base}/items?offset=${offset}&limit=${limit}&total=${total}&latency=${latency}&run=${run}`;
  const response = await fetch(url);
  const page = JSON.parse(await response.text()) as { data: Record<string, unknown>[]; next: number | null };
  const emittedAt = Date.now();
  let out = "";
  for (const data of page.data) {
    out += JSON.stringify({ type: "RECORD", record: { stream: "items", data, emitted_at: emittedAt } }) +
      "\n";
  }
  await writeAll(encoder.encode(out));
  offset = page.next;
}
