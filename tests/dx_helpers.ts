/**
 * Shared pieces of the developer-experience tests: a checkpointing variant of the example shop, an in-process
 * CLI world on real files, and SQLite reads.
 * @module
 */
import { Customers, ExampleShopSource, Orders } from "../connectors/example-shop/source.ts";
import type { ShopConfig } from "../connectors/example-shop/source.ts";
import { connectors } from "../connectors/mod.ts";
import { defaultEnv, type Env } from "../src/env.ts";
import type { CliIO } from "../src/cli/io.ts";
import type { ReadContext, Source, Stream } from "../src/source/types.ts";
import type { JsonObject } from "../src/types.ts";
import { DatabaseSync } from "node:sqlite";

/** Orders that checkpoint every 3 records (the sample API returns them sorted by `updated_at`). */
class CheckpointedOrders extends Orders {
  override readonly stateCheckpointInterval = 3;
}

/** The example shop with customers and checkpointing orders. */
export function checkpointedShop(): Source {
  const shop = new ExampleShopSource();
  return {
    spec: () => shop.spec(),
    check: (config, ctx) => shop.check(config, ctx),
    streams(config: JsonObject, _ctx: ReadContext): Promise<Stream[]> {
      const c = structuredClone(config) as unknown as ShopConfig;
      return Promise.resolve([new Customers(c), new CheckpointedOrders(c)]);
    },
  };
}

/** A CLI world on the real file system with captured stdout/stderr. */
export function fileIO(
  options: { env?: Partial<Env>; signal?: AbortSignal; isTTY?: boolean } = {},
): { io: CliIO; out: () => string; err: () => string } {
  const decoder = new TextDecoder();
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (chunk) => {
      out += decoder.decode(chunk);
    },
    stderr: (chunk) => {
      err += decoder.decode(chunk);
    },
    readTextFile: (path) => Deno.readTextFile(path),
    env: defaultEnv(options.env),
    signal: options.signal,
    isTTY: options.isTTY ?? false,
    loadConnectors: () => Promise.resolve({ ...connectors, "shop-checkpointed": checkpointedShop }),
  };
  return { io, out: () => out, err: () => err };
}

/** Runs a query on a SQLite file and returns plain rows. */
export function query(path: string, sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

/** Writes `value` as JSON into `dir/name` and returns the path. */
export async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, JSON.stringify(value));
  return path;
}
