/**
 * Between Scalekit's snake_case payload and Pulumi's camelCase definition, both ways, and from
 * the Provider object Scalekit returns back to a definition: declared keys respelled, every other
 * key carried exactly as written, `null` read as absent.
 */
import {
  fromApiSpelling,
  fromPayloadSpelling,
  storedProviderSchema,
  storedToDefinition,
  toScalekitPayload,
} from "pulumi-scalekit-connectors/internal";
import { basicArgs, basicPayload, canonical, mcpArgs, mcpPayload, oauthArgs, oauthPayload } from "../support/payloads";

type Args = Record<string, any>;
const fromScalekitPayload = (payload: unknown): Args => fromPayloadSpelling(payload) as Args;

const cases = [
  ["a full OAuth connector", oauthPayload(), oauthArgs()],
  ["a BASIC connector with field mutations", basicPayload(), basicArgs()],
  ["an MCP connector", mcpPayload(), mcpArgs()],
] as const;

describe.each(cases)("%s", (_name, payload, args) => {
  test("Scalekit's payload maps to exactly the camelCase arguments", () => {
    expect(fromScalekitPayload(payload)).toEqual(args);
  });

  test("the camelCase definition maps back to Scalekit's payload, every field included", () => {
    const sent = toScalekitPayload(canonical(args));
    expect(sent).toEqual({ description: "", icon_src: "", metadata: {}, ...payload });
  });

  test("a round trip payload → definition → payload → definition changes nothing", () => {
    const first = canonical(fromScalekitPayload(payload));
    const second = canonical(fromScalekitPayload(toScalekitPayload(first)));
    expect(second).toEqual(first);
  });

  test("the Provider object Scalekit returns maps to the same definition", () => {
    const stored = {
      provider: {
        id: "prv_0123",
        identifier: "someidentifier",
        categories: [],
        display_priority: 0,
        coming_soon: false,
        is_custom: true,
        is_custom_mcp: false,
        a_field_scalekit_added_later: { anything: 1 },
        ...toScalekitPayload(canonical(args)),
      },
    };
    const parsed = storedProviderSchema.parse(fromApiSpelling(stored.provider));
    expect(storedToDefinition(parsed)).toEqual(canonical(args));
  });
});

describe("payload details", () => {
  test("metadata keys are user data: never renamed in either direction", () => {
    const payload = { ...mcpPayload(), metadata: { team_owner: "a", costCenter: "b" } };
    expect(fromScalekitPayload(payload).metadata).toEqual({ team_owner: "a", costCenter: "b" });
    expect(toScalekitPayload(canonical({ ...mcpArgs(), metadata: { team_owner: "a", costCenter: "b" } })).metadata).toEqual({ costCenter: "b", team_owner: "a" });
  });

  test("credential field names inside auth_field_mutations map like any other key", () => {
    const pattern = { type: "API_KEY", fields: [{ field_name: "api_key" }], auth_field_mutations: { api_key: { prefix: "Key ", suffix: "", default: "" } } };
    const args = fromScalekitPayload({ ...mcpPayload(), auth_patterns: [pattern] });
    expect(args.authPatterns[0]).toEqual({ type: "API_KEY", fields: [{ fieldName: "api_key" }], authFieldMutations: { apiKey: { prefix: "Key ", suffix: "", default: "" } } });
    const sent = toScalekitPayload(canonical({ ...mcpArgs(), authPatterns: args.authPatterns }));
    expect(sent.auth_patterns[0]).toEqual({ type: "API_KEY", fields: [{ field_name: "api_key" }], auth_field_mutations: { api_key: { prefix: "Key ", suffix: "", default: "" } } });
  });

  test("every top-level field is sent, so that an update never keeps or clears one by accident", () => {
    const sent = toScalekitPayload(canonical({ displayName: "Bare", authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token" }] }], proxyUrl: "https://api.example.com" }));
    expect(Object.keys(sent).sort()).toEqual(["auth_patterns", "description", "display_name", "icon_src", "metadata", "proxy_enabled", "proxy_url"]);
    expect(sent).toMatchObject({ description: "", icon_src: "", metadata: {}, proxy_enabled: true });
  });

  test("a Provider object with fields left out maps to the documented defaults", () => {
    const parsed = storedProviderSchema.parse(fromApiSpelling({ id: "prv_1", identifier: "bare", display_name: "Bare", description: null, icon_src: null, metadata: null }));
    expect(storedToDefinition(parsed)).toEqual({
      displayName: "Bare",
      description: "",
      authPatterns: [],
      proxyUrl: "",
      proxyEnabled: false,
      iconSrc: "",
      metadata: {},
    });
  });
});

describe("keys the schema does not declare", () => {
  /** Keys in spellings a letter-by-letter rename would change: each must come back exactly as written. */
  const oddKeys = { fooBar: 1, foo_1x: "a", Foo__bar: [{ innerCamel: true, inner_snake: { deeperKey: null, kept: 0 } }], "x-dash": "" };

  test("are carried verbatim from a payload to the definition and back, at every depth", () => {
    const payload = { ...mcpPayload(), auth_patterns: [{ ...mcpPayload().auth_patterns[0], ...oddKeys, fields: [{ field_name: "token", ...oddKeys }] }] };
    const definition = fromScalekitPayload(payload);
    const expectedOdd = { fooBar: 1, foo_1x: "a", Foo__bar: [{ innerCamel: true, inner_snake: { kept: 0 } }], "x-dash": "" };
    expect(definition.authPatterns[0]).toMatchObject({ ...expectedOdd, fields: [{ fieldName: "token", ...expectedOdd }] });
    const sent = toScalekitPayload(canonical(definition)) as unknown as Args;
    expect(sent.auth_patterns[0]).toMatchObject({ ...expectedOdd, fields: [{ field_name: "token", ...expectedOdd }] });
  });

  test("are carried verbatim from typed arguments to the payload", () => {
    const args = { ...mcpArgs(), authPatterns: [{ ...mcpArgs().authPatterns[0], someFutureKey: { nestedCamel: 1 }, snake_key: 2 }] };
    const sent = toScalekitPayload(canonical(args)) as unknown as Args;
    expect(sent.auth_patterns[0]).toMatchObject({ is_mcp: true, someFutureKey: { nestedCamel: 1 }, snake_key: 2 });
    expect(sent.auth_patterns[0]).not.toHaveProperty("some_future_key");
  });

  test("served by Scalekit in a Provider object, they reach the definition as served", () => {
    const pattern = { type: "API_KEY", fields: [{ field_name: "region", input_type: "select", options: [{ value: "eu", display_name: "EU", default: true }], header_name: "X-Region", someServerKey: 1 }], allowed_proxy_domains: ["api.example.com"], future_flag: null };
    const parsed = storedProviderSchema.parse(fromApiSpelling({ id: "prv_1", identifier: "served", display_name: "Served", auth_patterns: [pattern], proxy_url: "https://api.example.com", proxy_enabled: true }));
    expect(storedToDefinition(parsed).authPatterns).toEqual([
      { type: "API_KEY", fields: [{ fieldName: "region", inputType: "select", options: [{ value: "eu", displayName: "EU", default: true }], headerName: "X-Region", someServerKey: 1 }], allowedProxyDomains: ["api.example.com"] },
    ]);
  });

  test("the known keys Scalekit serves are respelled like every declared key", () => {
    const sent = toScalekitPayload(canonical({ ...mcpArgs(), authPatterns: [{ type: "API_KEY", isMcp: true, fields: [{ fieldName: "api_key", options: [{ value: "a", displayName: "A" }], headerName: "X-Key" }], allowedProxyDomains: ["a.example.com"] }] })) as unknown as Args;
    expect(sent.auth_patterns[0]).toEqual({ type: "API_KEY", is_mcp: true, fields: [{ field_name: "api_key", options: [{ value: "a", display_name: "A" }], header_name: "X-Key" }], allowed_proxy_domains: ["a.example.com"] });
  });
});
