/**
 * `spout detect RESPONSE.json [--url URL] [--header "Name: value"]… [--json]`: from a sample API response
 * (a file saved with curl), suggests the record selector, the paginator and a schema for the records, as
 * manifest YAML to paste.
 * @module
 */
import { parseArgs } from "node:util";
import { detectPaginator, detectRecordPath } from "../../dx/detect.ts";
import { inferSchema } from "../../dx/infer_schema.ts";
import { toYaml } from "../../dx/yaml_snippet.ts";
import type { CliIO } from "../io.ts";

const DETECT_HELP = `Usage: spout detect RESPONSE.json [--url URL] [--header "Name: value"]... [--json]

Reads one sample response body (e.g. saved with curl) and suggests the record selector, the paginator and
the records' JSON schema as manifest YAML. --url is the request URL (its query shows offset/page parameters);
--header adds response headers (e.g. --header 'Link: <https://api/x?page=2>; rel="next"').
`;

function valueAt(body: unknown, path: string[]): unknown {
  let value = body;
  for (const part of path) {
    value = typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)[part]
      : undefined;
  }
  return value;
}

/** Runs `spout detect`; resolves to the exit code (0 ok, 1 unreadable file or invalid JSON, 2 usage). */
export async function runDetectCommand(argv: string[], io: CliIO): Promise<number> {
  const encoder = new TextEncoder();
  const write = (sink: CliIO["stdout"], text: string) => Promise.resolve(sink(encoder.encode(text)));
  let values: { url?: string; header?: string[]; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: "string" },
        header: { type: "string", multiple: true },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    await write(io.stderr, `spout: ${error instanceof Error ? error.message : error}\n\n${DETECT_HELP}`);
    return 2;
  }
  if (values.help) {
    await write(io.stdout, DETECT_HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    await write(io.stderr, `spout: detect needs one response file\n\n${DETECT_HELP}`);
    return 2;
  }
  const headers = new Headers();
  for (const header of values.header ?? []) {
    const colon = header.indexOf(":");
    if (colon <= 0) {
      await write(io.stderr, `spout: --header must look like "Name: value", got "${header}"\n`);
      return 2;
    }
    headers.append(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
  }
  let body: unknown;
  try {
    body = JSON.parse(await io.readTextFile(positionals[0]));
  } catch (error) {
    await write(
      io.stderr,
      `spout: cannot read ${positionals[0]} as JSON: ${error instanceof Error ? error.message : error}\n`,
    );
    return 1;
  }
  const recordPath = detectRecordPath(body);
  const paginators = detectPaginator({ body, headers, url: values.url });
  const records = recordPath ? valueAt(body, recordPath.path) : undefined;
  const schema = Array.isArray(records) ? inferSchema(records) : undefined;
  if (values.json) {
    await write(io.stdout, JSON.stringify({ recordPath, paginators, schema }, null, 2) + "\n");
    return 0;
  }
  const out: string[] = [];
  if (recordPath) {
    out.push(
      `# records: ${recordPath.count} at ${
        recordPath.path.length > 0 ? recordPath.path.join(".") : "the top level"
      }`,
    );
    out.push(recordPath.yaml);
  } else {
    out.push("# records: no array of objects found in this response\n");
  }
  for (const [i, guess] of paginators.entries()) {
    out.push(
      `# paginator${
        paginators.length > 1 ? ` (${i === 0 ? "best guess" : "alternative"})` : ""
      }: ${guess.reason}`,
    );
    out.push(guess.yaml);
  }
  if (schema) {
    out.push(`# schema inferred from ${(records as unknown[]).length} records`);
    out.push(toYaml({ schema_loader: { type: "InlineSchemaLoader", schema } }));
  }
  await write(io.stdout, out.join("\n"));
  return 0;
}
