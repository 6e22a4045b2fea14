import { ok, strictEqual } from "node:assert/strict";
import { compose, type Requester } from "../http/requester.ts";
import { SecretMasker } from "../secrets.ts";
import { basic } from "./basic.ts";
import { bearer } from "./bearer.ts";

function capture() {
  const seen: Request[] = [];
  const base: Requester = (r) => {
    seen.push(r);
    return Promise.resolve(new Response("ok"));
  };
  return { seen, base };
}

Deno.test("bearer and basic set Authorization; basic masks password, pair and base64 form", async () => {
  const { seen, base } = capture();
  await compose(base, bearer("tok-abc"))(new Request("https://api.test/"));
  strictEqual(seen[0].headers.get("authorization"), "Bearer tok-abc");
  const masker = new SecretMasker();
  await compose(base, basic("üser", "pa:ss", { masker }))(new Request("https://api.test/"));
  const header = seen[1].headers.get("authorization")!;
  const decoded = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)));
  strictEqual(decoded, "üser:pa:ss");
  const leaked = `pw=pa:ss pair=üser:pa:ss b64=${header.slice(6)}`;
  ok(!/pa:ss|üser:pa|dXNl|w7xzZXI6cGE6c3M/.test(masker.mask(leaked)), masker.mask(leaked));
});
