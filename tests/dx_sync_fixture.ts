/**
 * A real `spout` process for the sync crash test: `run()` from cli.ts with `shop-checkpointed`, the example
 * shop whose orders stream checkpoints every 3 records (so a kill lands between committed states).
 * @module
 */
import process from "node:process";
import { run } from "../cli.ts";
import { checkpointedShop } from "./dx_helpers.ts";

process.exit(
  await run(process.argv.slice(2), {
    loadConnectors: () => Promise.resolve({ "shop-checkpointed": checkpointedShop }),
  }),
);
