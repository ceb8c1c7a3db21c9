/** The building blocks of the table: leaf paths, their order, and cell wrapping. */
import { flattenLeaves, orderedLeafPaths, sameLeaf } from "../../scripts/review/leaves";
import { formatLeaf, layoutTable, wrapText } from "../../scripts/review/cells";

describe("leaves", () => {
  test("one path per leaf; empty lists and objects are leaves; null is absent", () => {
    const leaves = flattenLeaves([{ type: "OAUTH", oauth_config: { available_scopes: [{ scope: "a" }, { scope: "b" }] }, fields: [], extra: null, m: {} }], "auth_patterns");
    expect([...leaves.entries()]).toEqual([
      ["auth_patterns[0].type", "OAUTH"],
      ["auth_patterns[0].oauth_config.available_scopes[0].scope", "a"],
      ["auth_patterns[0].oauth_config.available_scopes[1].scope", "b"],
      ["auth_patterns[0].fields", []],
      ["auth_patterns[0].m", {}],
    ]);
    expect(sameLeaf([], [])).toBe(true);
    expect(sameLeaf("", undefined)).toBe(false);
  });

  test("paths of several values keep related rows together, in the first value's key order", () => {
    const written = { type: "OAUTH", oauth_config: { available_scopes: [{ scope: "a" }] } };
    const proposed = { oauth_config: { available_scopes: [{ scope: "a" }] }, type: "OAUTH" };
    const current = { oauth_config: { available_scopes: [{ scope: "a" }, { scope: "old" }], token_uri: "https://t" }, type: "OAUTH" };
    const maps = [proposed, current].map((value) => flattenLeaves(value, "p"));
    expect(orderedLeafPaths([written, proposed, current], "p", maps)).toEqual([
      "p.type",
      "p.oauth_config.available_scopes[0].scope",
      "p.oauth_config.available_scopes[1].scope",
      "p.oauth_config.token_uri",
    ]);
  });
});

describe("cells", () => {
  test("values are shown as JSON, absent as (absent)", () => {
    expect([formatLeaf("a b"), formatLeaf(""), formatLeaf(true), formatLeaf([]), formatLeaf({}), formatLeaf(undefined)]).toEqual([
      '"a b"',
      '""',
      "true",
      "[]",
      "{}",
      "(absent)",
    ]);
  });

  test("wrapping keeps every character and respects the width", () => {
    const text = '"https://api.example.com/a/very/long/path/without/spaces and then some words that wrap"';
    const lines = wrapText(text, 20);
    expect(lines.every((line) => line.length <= 20)).toBe(true);
    expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
    expect(wrapText("short", 20)).toEqual(["short"]);
  });

  test("a table pads columns and wraps cells wider than their cap onto more lines", () => {
    const lines = layoutTable(["a", "b"], [["x", "one two three"], ["yy", "z"]], [5, 7]);
    expect(lines).toEqual(["a   b", "--  -------", "x   one two", "    three", "yy  z"]);
  });
});
