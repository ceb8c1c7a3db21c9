/**
 * The normalized and comparison forms, the property diff, the warnings, and the provider's check
 * and diff operations (which never reach Scalekit: their context refuses to hand out an environment).
 */
import * as pulumi from "@pulumi/pulumi";
import type { NormalizedDefinition } from "pulumi-scalekit-connectors";
import {
  canonicalJson,
  comparisonJson,
  changedProperties,
  connectionsNote,
  describeScopeChange,
  normalizeDefinition,
  proxyWarnings,
  scopeChanges,
  updateWarnings,
  operations,
  declarationWarning,
  definitionProperties,
  toScalekitPayload,
  type CheckedInputs,
  type ConnectorOutputs,
  type OperationContext,
} from "pulumi-scalekit-connectors/internal";
import { basicArgs, bearerArgs, bearerPayload, canonical, mcpArgs, oauthArgs, oauthPayload } from "../support/payloads";

/** The same object with every key order reversed, at every depth. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, child]) => [key, reversedKeys(child)])) as T;
  }
  return value;
}

function withScopes(scopes: string[]): NormalizedDefinition {
  const args = oauthArgs();
  args.authPatterns[0].oauthConfig.availableScopes = scopes.map((scope) => ({ scope }));
  return canonical(args);
}

/** Scalekit's create and update payload: exactly these seven fields, in the proto's order (scalekit-api.md), camelCase here. */
const scalekitPayloadFields = ["displayName", "description", "authPatterns", "proxyUrl", "proxyEnabled", "iconSrc", "metadata"];

describe("normalized and comparison forms", () => {
  test("defaults are applied: proxyEnabled true, empty description, icon and metadata", () => {
    expect(canonical(bearerArgs("Defaults"))).toMatchObject({ proxyEnabled: true, description: "", iconSrc: "", metadata: {} });
  });

  test("empty and absent say the same thing", () => {
    const explicit = bearerArgs("Same", {
      description: "",
      iconSrc: "",
      metadata: {},
      authPatterns: [{ type: "BEARER", displayName: "Token", description: "", fields: [{ fieldName: "token", hint: "", required: false, isPathParam: false }], accountFields: [] }],
    });
    const terse = bearerArgs("Same", { authPatterns: [{ type: "BEARER", displayName: "Token", fields: [{ fieldName: "token" }] }] });
    expect(comparisonJson(canonical(explicit))).toBe(comparisonJson(canonical(terse)));
    expect(changedProperties(canonical(explicit), canonical(terse))).toEqual([]);
  });

  test("the normalized form keeps what was declared, empty values included: they are sent as written", () => {
    const pattern = { type: "BEARER", displayName: "Token", description: "", fields: [{ fieldName: "token", hint: "", required: false, isPathParam: false }], accountFields: [] };
    expect(canonical(bearerArgs("Kept", { authPatterns: [pattern] })).authPatterns[0]).toEqual(pattern);
  });

  test("a value that says something differs from an absent one", () => {
    const withHint = canonical(bearerArgs("Hint", { authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", required: true }] }] }));
    const without = canonical(bearerArgs("Hint", { authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token" }] }] }));
    expect(changedProperties(without, withHint)).toEqual(["authPatterns"]);
  });

  test("key order does not matter, at any depth", () => {
    expect(canonicalJson(canonical(reversedKeys(oauthArgs())))).toBe(canonicalJson(canonical(oauthArgs())));
  });

  test("metadata keys are sorted, so the stored form is deterministic", () => {
    expect(Object.keys(canonical(bearerArgs("Meta", { metadata: { zeta: "1", alpha: "2", mid: "3" } })).metadata)).toEqual(["alpha", "mid", "zeta"]);
  });

  test("keys Scalekit adds inside an auth pattern are kept, and a change in them is a change", () => {
    const served = (value: string) => normalizeDefinition({ ...canonical(mcpArgs()), authPatterns: [{ ...canonical(mcpArgs()).authPatterns[0], created_by: { team: value } }] });
    expect(served("server").authPatterns[0]).toMatchObject({ created_by: { team: "server" } });
    expect(changedProperties(served("server"), served("server"))).toEqual([]);
    expect(changedProperties(served("server"), served("dashboard"))).toEqual(["authPatterns"]);
    expect(changedProperties(canonical(mcpArgs()), served("server"))).toEqual(["authPatterns"]);
  });

  test("null reads as absent, at any depth", () => {
    const withNulls = normalizeDefinition({ ...canonical(mcpArgs()), description: null, authPatterns: [{ ...canonical(mcpArgs()).authPatterns[0], hint: null, extra: { inner: null } }] });
    expect(withNulls.description).toBe("");
    expect(withNulls.authPatterns[0]).not.toHaveProperty("hint");
    expect(withNulls.authPatterns[0]).toMatchObject({ extra: {} });
  });

  test("order inside lists is meaningful and kept", () => {
    expect(canonical(oauthArgs()).authPatterns[0]).toMatchObject({
      oauthConfig: { availableScopes: [{ scope: "tickets.read" }, { scope: "tickets.write" }] },
    });
  });
});

describe("every field list comes from the schema", () => {
  test("definitionProperties are the seven fields of Scalekit's payload, in the proto's order", () => {
    expect(definitionProperties).toEqual(scalekitPayloadFields);
  });

  test("the normalized form holds exactly those seven top-level keys, whatever else is given", () => {
    expect(Object.keys(normalizeDefinition({ ...canonical(bearerArgs("Keys")), identifier: "keys", isCustomMcp: false } as never))).toEqual(scalekitPayloadFields);
  });

  test("every key of an auth pattern survives normalization, known to the schema or not", () => {
    for (const args of [oauthArgs(), basicArgs(), mcpArgs()]) {
      const declared = args.authPatterns[0] as Record<string, unknown>;
      expect(Object.keys(canonical(args).authPatterns[0]).sort()).toEqual(Object.keys(declared).sort());
    }
    const withExtra = normalizeDefinition({ ...canonical(mcpArgs()), authPatterns: [{ ...canonical(mcpArgs()).authPatterns[0], notInTheSchema: true }] });
    expect(withExtra.authPatterns[0]).toMatchObject({ notInTheSchema: true });
  });
});

describe("changedProperties", () => {
  test("nothing changes between a definition and itself with other key order and defaults spelled out", () => {
    const spelledOut = { ...reversedKeys(oauthArgs()), proxyEnabled: true };
    expect(changedProperties(canonical(oauthArgs()), canonical(spelledOut))).toEqual([]);
  });

  const oneChangeEach: [string, (d: Record<string, any>) => Record<string, any>][] = [
    ["description", (d: Record<string, any>) => ({ ...d, description: "Something else" })],
    ["displayName", (d: Record<string, any>) => ({ ...d, displayName: "Ticket Desk Two" })],
    ["proxyUrl", (d: Record<string, any>) => ({ ...d, proxyUrl: "https://{{tenant}}.ticketdesk.example/api/v2" })],
    ["proxyEnabled", (d: Record<string, any>) => ({ ...d, proxyEnabled: false })],
    ["iconSrc", (d: Record<string, any>) => ({ ...d, iconSrc: "" })],
    ["metadata", (d: Record<string, any>) => ({ ...d, metadata: { owner: "support-tools" } })],
    ["authPatterns", (d: Record<string, any>) => ({ ...d, authPatterns: [{ ...d.authPatterns[0], authHeaderKeyOverride: "X-Other" }] })],
  ];
  test.each(oneChangeEach)("a change of %s is reported as exactly that", (property, change) => {
    expect(changedProperties(canonical(oauthArgs()), canonical(change(oauthArgs())))).toEqual([property]);
  });

  test("the cases above cover every top-level property", () => {
    expect(oneChangeEach.map(([property]) => property).sort()).toEqual([...scalekitPayloadFields].sort());
  });
});

describe("warnings", () => {
  test("added and removed OAuth scopes are reported per pattern", () => {
    expect(scopeChanges(withScopes(["tickets.read", "tickets.write"]), withScopes(["tickets.read", "customers.read"]))).toEqual([
      { pattern: 0, type: "OAUTH", added: ["customers.read"], removed: ["tickets.write"] },
    ]);
  });

  test("the scope warning names the connector, the pattern and the scopes", () => {
    const [change] = scopeChanges(withScopes(["a.read"]), withScopes(["a.read", "b.write"]));
    expect(describeScopeChange("ticketdesk", change)).toBe(
      "Connector ticketdesk: OAuth scopes change in auth pattern 0 (added b.write). " +
        "Connected accounts must re-authorise to grant the new scopes; calls that needed a removed scope will fail.",
    );
  });

  test("no scope change, no scope warning; a reordering is not a change", () => {
    expect(scopeChanges(withScopes(["a", "b"]), withScopes(["b", "a"]))).toEqual([]);
  });

  test("scopes of a new connector are not a change", () => {
    expect(scopeChanges(undefined, withScopes(["a"]))).toEqual([]);
  });

  test("every update carries the note on connections and connected accounts", () => {
    const before = canonical(bearerArgs("Note"));
    const after = canonical(bearerArgs("Note", { description: "new" }));
    expect(updateWarnings("note", before, after)).toEqual([connectionsNote("note")]);
    expect(connectionsNote("note")).toMatch(/existing connections keep their old settings.*re-authorise/);
  });

  test("an update that changes scopes gets both warnings, the scope one first", () => {
    const warnings = updateWarnings("ticketdesk", withScopes(["a"]), withScopes(["b"]));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("added b; removed a");
    expect(warnings[1]).toBe(connectionsNote("ticketdesk"));
  });

  test("the proxy warnings: proxy off, or no proxy URL", () => {
    expect(proxyWarnings("x", { proxyEnabled: true, proxyUrl: "https://api.example.com" })).toEqual([]);
    expect(proxyWarnings("x", { proxyEnabled: false, proxyUrl: "https://api.example.com" })).toEqual([
      "Connector x: proxyEnabled is false, so tool calling will not work: Scalekit's tools reach the API only through the proxy.",
    ]);
    expect(proxyWarnings("x", { proxyEnabled: true, proxyUrl: "" })).toEqual([
      "Connector x: proxyUrl is empty, so tool calling will not work: Scalekit's tools reach the API only through the proxy.",
    ]);
  });
});

describe("check and diff operations", () => {
  let warnings: string[];
  const context: OperationContext = {
    environment: () => {
      throw new Error("check and diff must not reach Scalekit");
    },
    warn: (message) => warnings.push(message),
  };

  beforeEach(() => {
    warnings = [];
  });

  async function checked(news: Record<string, unknown>): Promise<CheckedInputs> {
    const result = await operations.check(context, news);
    expect(result.failures).toBeUndefined();
    return result.inputs as CheckedInputs;
  }

  /** Outputs as the provider writes them: the identifiers next to what was stored, in the declaration's shape. */
  function outputsFor(inputs: CheckedInputs, identifier = "ticketdesk"): ConnectorOutputs {
    return { identifier, scalekitId: "prv_1", isCustomMcp: false, ...inputs };
  }

  test("check turns typed arguments into the canonical definition, in the typed shape", async () => {
    const inputs = await checked({ ...oauthArgs(), adopt: true, __provider: "serialized" });
    expect(inputs).toEqual({ ...canonical(oauthArgs()), adopt: true });
  });

  test("check reads a Scalekit payload the same way, kept in the payload's shape", async () => {
    const inputs = await checked({ scalekitPayload: oauthPayload() });
    expect(inputs).toEqual({ scalekitPayload: toScalekitPayload(canonical(oauthArgs())) });
  });

  test("check reports each failure with its property and rule, and still warns", async () => {
    const args = oauthArgs();
    args.authPatterns[0].oauthConfig.tokenUri = "http://auth.ticketdesk.example/token";
    const result = await operations.check(context, { ...args, displayName: "Ticket_Desk", iconSrc: "http://cdn.example.com/i.png" });
    expect(result.failures).toEqual([
      { property: "displayName", reason: "must hold letters, digits and spaces only, with at least one letter or digit" },
      { property: "iconSrc", reason: "must be empty or start with https://" },
    ]);
    expect(warnings).toEqual([]); // rules run on a definition whose shape holds: the https advice comes once it does
  });

  test("a failing check still passes on the warnings about the declaration's keys", async () => {
    const result = await operations.check(context, { scalekitPayload: { ...oauthPayload(), proxy_url: "http://x.example.com", proxy_uri: "https://x.example.com" } });
    expect(result.failures).toEqual([{ property: "proxy_url", reason: "must start with https://" }]);
    expect(warnings).toEqual([
      'Connector "Ticket Desk": proxy_uri: is not one of the fields Scalekit\'s API takes (display_name, description, auth_patterns, proxy_url, proxy_enabled, icon_src, metadata), so it is left out of what is sent (did you mean "proxy_url"?)',
    ]);
  });

  test("check refuses a payload together with typed arguments", async () => {
    const result = await operations.check(context, { scalekitPayload: oauthPayload(), displayName: "Twice" });
    expect(result.failures).toEqual([
      { property: "scalekitPayload", reason: "declare a connector either with scalekitPayload or with the typed arguments, not both (also given: displayName)" },
    ]);
  });

  test("check refuses an adopt that is not a boolean", async () => {
    const result = await operations.check(context, { ...bearerArgs("Adopt"), adopt: "yes" });
    expect(result.failures).toEqual([{ property: "adopt", reason: "must be true or false" }]);
  });

  test("check warns when the proxy is off, naming the connector by its display name and the property as declared", async () => {
    await checked(bearerArgs("Quiet Proxy", { proxyEnabled: false }));
    await checked({ scalekitPayload: bearerPayload("Quiet Payload", { proxy_enabled: false }) });
    expect(warnings).toEqual([
      declarationWarning("Quiet Proxy", "proxyEnabled", "is false, so tool calling will not work: Scalekit's tools reach the API only through the proxy"),
      'Connector "Quiet Payload": proxy_enabled: is false, so tool calling will not work: Scalekit\'s tools reach the API only through the proxy',
    ]);
  });

  test("every warning of the pipeline reaches context.warn, in the declared form", async () => {
    const payload = bearerPayload("Advice", { auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token", input_type: "checkbox", hnit: "x" }], is_mcp: true, future_key: 1 }] });
    const inputs = await checked({ scalekitPayload: payload });
    expect(warnings).toEqual([
      'Connector "Advice": auth_patterns[0].fields[0].hnit: is not a property Scalekit documents here; it is sent as written (did you mean "hint"?)',
      'Connector "Advice": auth_patterns[0].fields[0].input_type: is "checkbox", which is not one of the input types Scalekit is known to use (text, password, select, textarea); it is sent as written',
    ]);
    expect((inputs as { scalekitPayload: Record<string, any> }).scalekitPayload.auth_patterns[0]).toMatchObject({ future_key: 1, fields: [{ hnit: "x" }] });
  });

  test("check lets values unknown during a preview through untouched", async () => {
    // The operations write the SDK's constant out rather than load the SDK (the plugin's start).
    expect(operations.unknownValue).toBe(pulumi.runtime.unknownValue);
    const news = { ...bearerArgs("Later"), description: pulumi.runtime.unknownValue };
    expect(await operations.check(context, news)).toEqual({ inputs: news });
  });

  test("diff: the same declaration, differently written, is no change and no warning", async () => {
    const before = await checked(oauthArgs());
    const after = await checked({ ...reversedKeys(oauthArgs()), proxyEnabled: true, description: oauthArgs().description });
    expect(await operations.diff(context, outputsFor(before), after)).toEqual({ changes: false, replaces: [], stables: [] });
    expect(warnings).toEqual([]);
  });

  test("diff: state written by version 0.1.0 (a definition output, other key order, empty defaults left out) is no change", async () => {
    const inputs = await checked(bearerArgs("Older"));
    const { description: _description, iconSrc: _icon, metadata: _metadata, ...terse } = canonical(bearerArgs("Older"));
    const olds = { identifier: "older", scalekitId: "prv_1", isCustomMcp: false, definition: reversedKeys(terse) as NormalizedDefinition };
    expect(await operations.diff(context, olds, inputs)).toEqual({ changes: false, replaces: [], stables: [] });
  });

  test("diff: state without a definition at all is a change, not a crash", async () => {
    const inputs = await checked(bearerArgs("Unknown State"));
    expect((await operations.diff(context, { identifier: "unknownstate" }, inputs)).changes).toBe(true);
  });

  test("diff: a new display name is an update, never a replacement; the identifier stays", async () => {
    const before = await checked(bearerArgs("Old Name"));
    const after = await checked(bearerArgs("New Name"));
    const result = await operations.diff(context, outputsFor(before, "oldname"), after);
    expect(result).toEqual({ changes: true, replaces: [], stables: ["identifier", "scalekitId"], detailedDiff: [{ path: ["displayName"], kind: "update" }] });
    expect(warnings).toEqual([connectionsNote(operations.connectorLabel("New Name", "oldname"))]);
  });

  test("diff: changed scopes warn, naming the connector", async () => {
    const before = await checked(oauthArgs());
    const args = oauthArgs();
    args.authPatterns[0].oauthConfig.availableScopes.push({ scope: "customers.read" });
    const after = await checked(args);
    expect((await operations.diff(context, outputsFor(before), after)).changes).toBe(true);
    const label = operations.connectorLabel("Ticket Desk", "ticketdesk");
    expect(warnings).toEqual([
      `Connector ${label}: OAuth scopes change in auth pattern 0 (added customers.read). Connected accounts must re-authorise to grant the new scopes; calls that needed a removed scope will fail.`,
      connectionsNote(label),
    ]);
  });
});
