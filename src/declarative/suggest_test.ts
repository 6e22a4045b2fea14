import { strictEqual } from "node:assert/strict";
import { didYouMean, editDistance } from "./suggest.ts";

Deno.test("editDistance is Levenshtein", () => {
  strictEqual(editDistance("kitten", "sitting"), 3);
  strictEqual(editDistance("", "abc"), 3);
  strictEqual(editDistance("same", "same"), 0);
});

Deno.test("didYouMean suggests close matches only, preferring case-only differences", () => {
  const types = ["DeclarativeStream", "DpathExtractor", "DefaultPaginator", "NoPagination"];
  strictEqual(didYouMean("DpathExtracter", types), "DpathExtractor");
  strictEqual(didYouMean("declarativestream", types), "DeclarativeStream");
  strictEqual(didYouMean("HttpRequester", types), undefined);
  strictEqual(didYouMean("ab", ["xy"]), undefined);
  strictEqual(didYouMean("url", ["urls", "path"]), "urls");
});
