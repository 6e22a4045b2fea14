/**
 * Differential conformance: spout vs goldens recorded from Airbyte's Python CDK (conformance/run_reference.py).
 * Prints `scenarios: N, matched: M` and every difference. Fails when a scenario listed in
 * tests/conformance/matching.json stops matching (a regression) or when fewer than that many scenarios match.
 * Set UPDATE_CONFORMANCE=1 to rewrite matching.json with the scenarios that match now.
 */
import { ok } from "node:assert/strict";
import {
  checkScenario,
  IsolatedRunner,
  listScenarios,
  loadAllowList,
  type ScenarioResult,
} from "./conformance_runner.ts";

const MATCHING = new URL("./conformance/matching.json", import.meta.url);

function shorten(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 1500 ? text.slice(0, 1500) + "…" : text;
}

Deno.test("conformance: spout matches the reference CDK goldens", async () => {
  const allow = await loadAllowList();
  const names = await listScenarios();
  const results: ScenarioResult[] = [];
  const runner = new IsolatedRunner();
  await runner.runAll(names);
  for (const name of names) results.push(await checkScenario(name, allow, runner));
  const matched = results.filter((r) => !r.crash && r.differences.length === 0).map((r) => r.name);
  for (const r of results) {
    if (r.crash) console.log(`  ${r.name}: CRASH ${r.crash}`);
    for (const d of r.differences) {
      console.log(
        `  ${r.name} run ${d.run} (${d.command}) ${d.diff.field}: expected ${
          shorten(d.diff.expected)
        } actual ${shorten(d.diff.actual)}`,
      );
    }
  }
  for (const category of ["family", "corpus", "corpus-failure-path"]) {
    const inCategory = results.filter((r) => r.category === category);
    const ok = inCategory.filter((r) => matched.includes(r.name)).length;
    console.log(`  ${category}: ${inCategory.length} scenarios, ${ok} matched`);
  }
  // Every allow-list entry must still hide something: an unused one is stale (fixed, or the scenario changed).
  for (const entry of allow) {
    const used = results.some((r) =>
      r.name === entry.scenario &&
      r.allowed.some((a) => a.field === entry.field && (entry.run === undefined || a.run === entry.run))
    );
    if (!used) {
      console.log(`  allow-list entry not needed: ${entry.scenario} run ${entry.run ?? "*"} ${entry.field}`);
    }
  }
  console.log(`scenarios: ${names.length}, matched: ${matched.length}`);
  if (Deno.env.get("UPDATE_CONFORMANCE") === "1") {
    await Deno.writeTextFile(MATCHING, JSON.stringify({ matching: matched }, null, 1) + "\n");
    return;
  }
  const committed = (JSON.parse(await Deno.readTextFile(MATCHING)) as { matching: string[] }).matching;
  const regressed = committed.filter((name) => !matched.includes(name));
  ok(regressed.length === 0, `scenarios that matched before and no longer match: ${regressed.join(", ")}`);
  ok(matched.length >= committed.length, `matched ${matched.length} < floor ${committed.length}`);
});
