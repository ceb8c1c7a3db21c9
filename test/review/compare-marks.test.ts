/**
 * The review's marks agree with the provider's comparison: a row is marked `*` (Production would
 * change) or `!` (Dev drifted) only where `pulumi up` would see a difference, so an empty value
 * written in a file (`"hint": ""`, `"required": false`) and the same key left out by Scalekit are
 * no difference, while a real one among them still is, list items included.
 */
import { normalizeDefinition, storedToDefinition, validateScalekitPayload, type StoredProvider } from "pulumi-scalekit-connectors/internal";
import { reviewConnector } from "../../scripts/review/compare";
import { differingPaths, flattenLeaves, showsDifference } from "../../scripts/review/leaves";
import type { Match } from "../../scripts/review/match";
import type { ConnectorReview } from "../../scripts/review/model";

type Json = Record<string, any>;

/** A definition file's payload: a bearer connector whose pattern spells out its empty values. */
function written(): Json {
  return {
    display_name: "Ledgerly",
    description: "Books and balances",
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API token",
        description: "",
        fields: [{ field_name: "token", label: "Token", input_type: "password", hint: "", required: true, is_path_param: false }],
      },
    ],
    proxy_url: "https://api.ledgerly.example",
    proxy_enabled: true,
  };
}

/** What Scalekit serves for it when the empty values were never sent (made by hand, or by a client that leaves them out). */
function served(): Json {
  return {
    identifier: "ledgerly",
    display_name: "Ledgerly",
    description: "Books and balances",
    auth_patterns: [{ type: "BEARER", display_name: "API token", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] }],
    proxy_url: "https://api.ledgerly.example",
    proxy_enabled: true,
    icon_src: "",
    metadata: {},
  };
}

function matched(provider: Json): Match {
  return { kind: "state", identifier: provider.identifier, live: { identifier: provider.identifier, definition: storedToDefinition(provider as StoredProvider) } };
}

/** Reviews `file` against Dev holding `dev` and Production holding `production`. */
function review(file: Json, dev: Json, production: Json): ConnectorReview {
  const result = validateScalekitPayload(file);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.failures)}`);
  return reviewConnector({ name: "ledgerly", file: "ledgerly.json", written: file, proposed: normalizeDefinition(result.definition), sourceMatch: matched(dev), targetMatch: matched(production) });
}

const marked = (connector: ConnectorReview, mark: "targetChanges" | "sourceDiffers") => connector.rows.filter((row) => row[mark]).map((row) => row.path);

test("empty values in the file and none served: unchanged, no drift, no row marked, the file's values still shown", () => {
  const connector = review(written(), served(), served());
  expect(connector.action).toBe("unchanged");
  expect(connector.drift).toEqual({ kind: "none" });
  expect(marked(connector, "targetChanges")).toEqual([]);
  expect(connector.rows.find((row) => row.path === "auth_patterns[0].fields[0].hint")).toEqual({
    path: "auth_patterns[0].fields[0].hint",
    source: undefined,
    target: undefined,
    proposed: "",
    targetChanges: false,
    sourceDiffers: false,
  });
});

test("a real difference among the empty values is marked, and only it", () => {
  const production = served();
  production.auth_patterns[0].fields[0].hint = "Settings, then API";
  const dev = served();
  dev.auth_patterns[0].fields[0].required = false;
  const connector = review(written(), dev, production);
  expect(connector.action).toBe("update");
  expect(marked(connector, "targetChanges")).toEqual(["auth_patterns[0].fields[0].hint"]);
  expect(connector.drift).toEqual({ kind: "differs", paths: ["auth_patterns[0].fields[0].required"] });
});

test("a list item that is there in one of them only is marked, even when it holds an empty value", () => {
  const file = written();
  file.auth_patterns[0].allowed_proxy_domains = [""];
  const connector = review(file, served(), served());
  expect(connector.action).toBe("update");
  expect(marked(connector, "targetChanges")).toEqual(["auth_patterns[0].allowed_proxy_domains[0]"]);
});

test("a difference is shown by its own row, by the rows inside it and by the row around it", () => {
  const left = flattenLeaves({ a: [{}], b: "x" }, "p");
  const right = flattenLeaves({ a: [{ c: 1 }], b: "x" }, "p");
  const differences = differingPaths(left, right);
  expect(differences.sort()).toEqual(["p.a[0]", "p.a[0].c"]);
  expect(["p.a[0]", "p.a[0].c", "p.a", "p.b", "p.ab"].map((path) => showsDifference(path, differences))).toEqual([true, true, true, false, false]);
});
