/**
 * Between Scalekit's snake_case payload and Pulumi's camelCase definition, both ways, and from
 * the Provider object Scalekit returns back to a definition.
 */
import {
  fromScalekitPayload,
  storedProviderSchema,
  storedToDefinition,
  toCamelCase,
  toScalekitPayload,
} from "pulumi-scalekit-connectors/internal";
import { basicArgs, basicPayload, canonical, mcpArgs, mcpPayload, oauthArgs, oauthPayload } from "../support/payloads";

/** Drops `required: false`, which the canonical form leaves out as saying nothing. */
function withoutFalseFlags<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, child: unknown) => {
    if (child !== null && typeof child === "object" && !Array.isArray(child)) {
      return Object.fromEntries(Object.entries(child).filter(([key, entry]) => !(entry === false && key !== "proxy_enabled")));
    }
    return child;
  }) as T;
}

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
    expect(sent).toEqual({ description: "", icon_src: "", metadata: {}, ...withoutFalseFlags(payload) });
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
    const parsed = storedProviderSchema.parse(toCamelCase(stored.provider));
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
    expect(sent.auth_patterns[0]).toEqual({ type: "API_KEY", fields: [{ field_name: "api_key" }], auth_field_mutations: { api_key: { prefix: "Key " } } });
  });

  test("every top-level field is sent, so that an update never keeps or clears one by accident", () => {
    const sent = toScalekitPayload(canonical({ displayName: "Bare", authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token" }] }], proxyUrl: "https://api.example.com" }));
    expect(Object.keys(sent).sort()).toEqual(["auth_patterns", "description", "display_name", "icon_src", "metadata", "proxy_enabled", "proxy_url"]);
    expect(sent).toMatchObject({ description: "", icon_src: "", metadata: {}, proxy_enabled: true });
  });

  test("a Provider object with fields left out maps to the documented defaults", () => {
    const parsed = storedProviderSchema.parse(toCamelCase({ id: "prv_1", identifier: "bare", display_name: "Bare" }));
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
