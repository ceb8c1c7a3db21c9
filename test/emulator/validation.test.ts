import { expectErrorBody, payload, useEmulator } from "./helpers";

const client = useEmulator();

const pattern = (extra: Record<string, unknown>) => ({ auth_patterns: [{ type: "BEARER", ...extra }] });
const field = (extra: Record<string, unknown>) => pattern({ fields: [{ field_name: "token", ...extra }] });
const oauth = (config: Record<string, unknown>) => ({ auth_patterns: [{ type: "OAUTH", oauth_config: config }] });
const metadataOf = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, "v"]));

/** [rule, payload overrides, message part] — each must be refused with 400 InvalidArgument. */
const refused: Array<[string, Record<string, unknown>, RegExp]> = [
  ["display_name is required", { display_name: undefined }, /display_name is required/],
  ["display_name must be a string", { display_name: 42 }, /display_name must be a string, got a number/],
  ["display_name must not be empty", { display_name: "" }, /display_name must hold only letters, digits and spaces/],
  ["display_name must not be only spaces", { display_name: "   " }, /display_name must hold only/],
  ["display_name must not hold punctuation", { display_name: "Acme-CRM" }, /display_name .*"Acme-CRM"/],
  ["display_name must not hold non-ASCII letters", { display_name: "Café" }, /display_name must hold only/],
  ["proxy_url is required on create", { proxy_url: undefined }, /proxy_url is required on create/],
  ["proxy_url must start with https://", { proxy_url: "http://api.example.com" }, /proxy_url must start with https:\/\//],
  ["proxy_url must not be empty", { proxy_url: "" }, /proxy_url must start with https:\/\//],
  ["proxy_url must be a string", { proxy_url: ["https://x"] }, /proxy_url must be a string, got an array/],
  ["icon_src must be empty or https://", { icon_src: "http://icons.example.com/a.png" }, /icon_src must be empty or start with https:\/\//],
  ["icon_src must be a string", { icon_src: false }, /icon_src must be a string/],
  ["description must be a string", { description: 7 }, /description must be a string/],
  ["proxy_enabled must be a boolean", { proxy_enabled: "true" }, /proxy_enabled must be a boolean, got a string/],
  ["metadata must be an object", { metadata: ["a"] }, /metadata must be an object of strings/],
  ["metadata holds at most 20 pairs", { metadata: metadataOf(21) }, /at most 20 pairs, got 21/],
  ["metadata keys have at least 3 characters", { metadata: { ab: "v" } }, /metadata key "ab" must be 3 to 25 characters long, it has 2/],
  ["metadata keys have at most 25 characters", { metadata: { ["k".repeat(26)]: "v" } }, /must be 3 to 25 characters long, it has 26/],
  ["metadata values have at least 1 character", { metadata: { owner: "" } }, /metadata\["owner"\] must be 1 to 256 characters long, it has 0/],
  ["metadata values have at most 256 characters", { metadata: { owner: "v".repeat(257) } }, /it has 257/],
  ["metadata values are strings", { metadata: { owner: 5 } }, /metadata\["owner"\] must be a string/],
  ["auth_patterns must be an array", { auth_patterns: { type: "BEARER" } }, /auth_patterns must be an array/],
  ["auth_patterns entries must be objects", { auth_patterns: ["BEARER"] }, /auth_patterns\[0\] must be an object/],
  ["auth pattern type is required", { auth_patterns: [{ display_name: "x" }] }, /auth_patterns\[0\]\.type is required/],
  ["auth pattern type must be a known type", pattern({ type: "SAML" }), /auth_patterns\[0\]\.type must be one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH, got "SAML"/],
  ["auth pattern type is case-sensitive", pattern({ type: "bearer" }), /type must be one of/],
  ["auth pattern display_name must be a string", pattern({ display_name: 1 }), /auth_patterns\[0\]\.display_name must be a string/],
  ["auth pattern is_mcp must be a boolean", pattern({ is_mcp: "yes" }), /auth_patterns\[0\]\.is_mcp must be a boolean/],
  ["auth pattern fields must be an array", pattern({ fields: {} }), /auth_patterns\[0\]\.fields must be an array/],
  ["field input_type must be text, password or select", field({ input_type: "number" }), /fields\[0\]\.input_type must be one of text, password, select, got "number"/],
  ["field required must be a boolean", field({ required: "true" }), /fields\[0\]\.required must be a boolean/],
  ["field is_path_param must be a boolean", field({ is_path_param: 1 }), /fields\[0\]\.is_path_param must be a boolean/],
  ["field field_name must be a string", field({ field_name: 3 }), /fields\[0\]\.field_name must be a string/],
  ["account_fields follow the same rules", pattern({ account_fields: [{ input_type: "email" }] }), /account_fields\[0\]\.input_type must be one of/],
  ["oauth_config must be an object", oauth([] as unknown as Record<string, unknown>), /oauth_config must be an object/],
  ["oauth_config.pkce_enabled must be a boolean", oauth({ pkce_enabled: "on" }), /oauth_config\.pkce_enabled must be a boolean/],
  ["oauth_config.token_uri must be a string", oauth({ token_uri: 1 }), /oauth_config\.token_uri must be a string/],
  ["oauth_config.available_scopes must be an array", oauth({ available_scopes: "read" }), /available_scopes must be an array/],
  ["scope.required must be a boolean", oauth({ available_scopes: [{ scope: "read", required: "no" }] }), /available_scopes\[0\]\.required must be a boolean/],
  ["auth_header_key_override must be a string", pattern({ auth_header_key_override: true }), /auth_header_key_override must be a string/],
  ["auth_field_mutations names only credential fields", pattern({ auth_field_mutations: { secret: { prefix: "x" } } }), /auth_field_mutations may only name api_key, token, username, password, got "secret"/],
  ["auth_field_mutations prefix must be a string", pattern({ auth_field_mutations: { token: { prefix: 1 } } }), /auth_field_mutations\.token\.prefix must be a string/],
];

describe("server validation of a create", () => {
  test.each(refused)("%s", async (_rule, overrides, message) => {
    const body = payload("Valid Name", overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
    const answer = await client().create(body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, message);
    expect((await client().control("GET", "connectors")).body.providers).toEqual([]);
  });
});

describe("server validation of an update", () => {
  test.each(refused.filter(([rule]) => !rule.includes("required on create")))("%s", async (_rule, overrides, message) => {
    expect((await client().create(payload("Valid Name"))).status).toBe(201);
    const body = payload("Valid Name", overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
    const answer = await client().update("validname", body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, message);
    const stored = (await client().control("GET", "connectors")).body.providers[0];
    expect(stored.display_name).toBe("Valid Name");
  });
});

describe("accepted edge values", () => {
  test.each<[string, Record<string, unknown>]>([
    ["display_name with spaces around letters", { display_name: " Spaced  Out " }],
    ["display_name of one digit", { display_name: "7" }],
    ["empty icon_src", { icon_src: "" }],
    ["proxy_url with placeholders", { proxy_url: "https://{{domain}}.example.com/{{version}}/{{tenant}}" }],
    ["metadata with exactly 20 pairs", { metadata: metadataOf(20) }],
    ["metadata key of 3 and value of 256 characters", { metadata: { abc: "v".repeat(256) } }],
    ["metadata key of 25 characters", { metadata: { ["k".repeat(25)]: "v" } }],
    ["every auth type", { auth_patterns: ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"].map((type) => ({ type })) }],
    ["every input type", { auth_patterns: [{ type: "BASIC", fields: ["text", "password", "select"].map((input_type) => ({ input_type })) }] }],
    ["null for optional fields", { description: null, icon_src: null, metadata: null }],
    ["MCP guidance not enforced: NO_AUTH with fields and without is_mcp", { auth_patterns: [{ type: "NO_AUTH", fields: [{ field_name: "token", input_type: "text" }] }] }],
    ["guidance not enforced: proxy_enabled false", { proxy_enabled: false }],
  ])("%s", async (_case, overrides) => {
    const answer = await client().create(payload("Edge Case", overrides));
    expect(answer.status).toBe(201);
  });
});
