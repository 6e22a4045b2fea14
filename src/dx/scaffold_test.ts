import { ok, strictEqual, throws } from "node:assert/strict";
import { parseDocument } from "../_deps/yaml.ts";
import { planScaffold } from "./scaffold.ts";

Deno.test("planScaffold fills every placeholder for both flavours; the manifest is valid YAML", () => {
  for (const flavour of ["manifest", "code"] as const) {
    const files = planScaffold("acme", { flavour, dir: "connectors/acme", spout: "../.." });
    for (const [path, text] of Object.entries(files)) ok(!/__[A-Z_]+__/.test(text), `${flavour} ${path}`);
    ok(files["connector_test.ts"].includes('from "../../src/dx/mod.ts"'));
    ok(files["README.md"].startsWith("# acme"));
    if (flavour === "manifest") {
      const doc = parseDocument(files["manifest.yaml"]).toJS();
      strictEqual(doc.spec.connection_specification.title, "acme");
      strictEqual(doc.streams.length, 2);
      ok(files["README.md"].includes("spout test-read --manifest connectors/acme/manifest.yaml"));
    } else {
      ok(files["source.ts"].includes('from "../../src/source/http_stream.ts"'));
      strictEqual(JSON.parse(files["spec.json"]).connectionSpecification.title, "acme");
      ok(files["main.ts"].includes('"acme": () => new Source()'));
      ok(files["README.md"].includes("deno run -A connectors/acme/main.ts test-read --connector acme"));
    }
  }
  throws(() => planScaffold("1bad", { dir: "x", spout: "." }), /must start with a letter/);
});
