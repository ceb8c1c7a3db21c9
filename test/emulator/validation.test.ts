import { IDENTIFIER_MAX_LENGTH } from "scalekit-emulator";
import { expectViolations, payload, useEmulator } from "../support/emulator-api";

const client = useEmulator();

const pattern = (extra: Record<string, unknown>) => ({ auth_patterns: [{ type: "BEARER", ...extra }] });
const field = (extra: Record<string, unknown>) => pattern({ fields: [{ field_name: "token", ...extra }] });
const oauth = (config: Record<string, unknown>) => ({ auth_patterns: [{ type: "OAUTH", oauth_config: config }] });
const metadataOf = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, "v"]));

/** A valid payload with `overrides`; an override of `undefined` leaves the field out. */
function body(overrides: Record<string, unknown>): Record<string, unknown> {
  const result = payload("Valid Name", overrides);
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete result[key];
  return result;
}

/**
 * [rule, payload overrides, field violated, description, constraint]: each must be refused with
 * 400 InvalidArgument naming the field and the rule's constraint id (assumed ids, buf.validate's
 * style). The vocabularies of auth types and input types are refused only under
 * `vocabularies: "strict"` (modes.test.ts).
 */
const refused: Array<[string, Record<string, unknown>, string, RegExp, string]> = [
  ["display_name is required", { display_name: undefined }, "display_name", /^is required/, "required"],
  ["display_name null is left out", { display_name: null }, "display_name", /^is required/, "required"],
  ["display_name must not be empty", { display_name: "" }, "display_name", /^is required/, "required"],
  ["display_name must be a string", { display_name: 42 }, "display_name", /must be a string, got a number/, "type.string"],
  ["display_name has at most 200 characters", { display_name: "a".repeat(201) }, "display_name", /at most 200 characters long, it has 201/, "string.max_len"],
  ["display_name must not be only spaces", { display_name: "   " }, "display_name", /must hold only letters, digits and spaces/, "string.pattern"],
  ["display_name must not hold punctuation", { display_name: "Acme-CRM" }, "display_name", /got "Acme-CRM"/, "string.pattern"],
  ["display_name must not hold non-ASCII letters", { display_name: "Café" }, "display_name", /must hold only/, "string.pattern"],
  ["auth_patterns is required", { auth_patterns: undefined }, "auth_patterns", /^is required/, "required"],
  ["auth_patterns null is left out", { auth_patterns: null }, "auth_patterns", /^is required/, "required"],
  ["proxy_url is required", { proxy_url: undefined }, "proxy_url", /^is required: .*https:\/\//, "string.min_len"],
  ["proxy_url must not be empty", { proxy_url: "" }, "proxy_url", /^is required/, "string.min_len"],
  ["proxy_url must start with https://", { proxy_url: "http://api.example.com" }, "proxy_url", /must start with https:\/\/, got "http:/, "string.prefix"],
  ["proxy_url has at most 2048 characters", { proxy_url: `https://${"a".repeat(2041)}` }, "proxy_url", /at most 2048 characters long, it has 2049/, "string.max_len"],
  ["proxy_url must be a string", { proxy_url: ["https://x"] }, "proxy_url", /must be a string, got an array/, "type.string"],
  ["icon_src must be empty or https://", { icon_src: "http://icons.example.com/a.png" }, "icon_src", /must be empty or a URL starting with https:\/\//, "string.pattern"],
  ["icon_src must match on one line", { icon_src: "https://a.example.com/\nb" }, "icon_src", /pattern \^\(https:\/\/\.\*\)\?\$/, "string.pattern"],
  ["icon_src has at most 2048 characters", { icon_src: `https://${"i".repeat(2041)}` }, "icon_src", /it has 2049/, "string.max_len"],
  ["icon_src must be a string", { icon_src: false }, "icon_src", /must be a string/, "type.string"],
  ["description must be a string", { description: 7 }, "description", /must be a string/, "type.string"],
  ["proxy_enabled must be a boolean", { proxy_enabled: "true" }, "proxy_enabled", /must be a boolean, got a string/, "type.bool"],
  ["metadata must be an object", { metadata: ["a"] }, "metadata", /must be an object of strings/, "type.object"],
  ["metadata holds at most 20 pairs", { metadata: metadataOf(21) }, "metadata", /at most 20 pairs, got 21/, "map.max_pairs"],
  ["metadata keys have at least 3 characters", { metadata: { ab: "v" } }, 'metadata["ab"]', /key of 2 characters; keys must be 3 to 25/, "string.min_len"],
  ["metadata keys have at most 25 characters", { metadata: { ["k".repeat(26)]: "v" } }, `metadata["${"k".repeat(26)}"]`, /key of 26 characters/, "string.max_len"],
  ["metadata values have at least 1 character", { metadata: { owner: "" } }, 'metadata["owner"]', /must be 1 to 256 characters long, it has 0/, "string.min_len"],
  ["metadata values have at most 256 characters", { metadata: { owner: "v".repeat(257) } }, 'metadata["owner"]', /it has 257/, "string.max_len"],
  ["metadata values are strings", { metadata: { owner: 5 } }, 'metadata["owner"]', /must be a string/, "type.string"],
  ["auth_patterns must be an array", { auth_patterns: { type: "BEARER" } }, "auth_patterns", /must be an array/, "type.list"],
  ["auth_patterns entries must be objects", { auth_patterns: ["BEARER"] }, "auth_patterns[0]", /must be an object/, "type.object"],
  ["auth pattern type is required", { auth_patterns: [{ display_name: "x" }] }, "auth_patterns[0].type", /^is required/, "required"],
  ["auth pattern display_name must be a string", pattern({ display_name: 1 }), "auth_patterns[0].display_name", /must be a string/, "type.string"],
  ["auth pattern is_mcp must be a boolean", pattern({ is_mcp: "yes" }), "auth_patterns[0].is_mcp", /must be a boolean/, "type.bool"],
  ["auth pattern fields must be an array", pattern({ fields: {} }), "auth_patterns[0].fields", /must be an array/, "type.list"],
  ["field required must be a boolean", field({ required: "true" }), "auth_patterns[0].fields[0].required", /must be a boolean/, "type.bool"],
  ["field is_path_param must be a boolean", field({ is_path_param: 1 }), "auth_patterns[0].fields[0].is_path_param", /must be a boolean/, "type.bool"],
  ["field field_name must be a string", field({ field_name: 3 }), "auth_patterns[0].fields[0].field_name", /must be a string/, "type.string"],
  ["oauth_config must be an object", oauth([] as unknown as Record<string, unknown>), "auth_patterns[0].oauth_config", /must be an object/, "type.object"],
  ["oauth_config.pkce_enabled must be a boolean", oauth({ pkce_enabled: "on" }), "auth_patterns[0].oauth_config.pkce_enabled", /must be a boolean/, "type.bool"],
  ["oauth_config.token_uri must be a string", oauth({ token_uri: 1 }), "auth_patterns[0].oauth_config.token_uri", /must be a string/, "type.string"],
  ["oauth_config.available_scopes must be an array", oauth({ available_scopes: "read" }), "auth_patterns[0].oauth_config.available_scopes", /must be an array/, "type.list"],
  ["scope.required must be a boolean", oauth({ available_scopes: [{ scope: "read", required: "no" }] }), "auth_patterns[0].oauth_config.available_scopes[0].required", /must be a boolean/, "type.bool"],
  ["auth_header_key_override must be a string", pattern({ auth_header_key_override: true }), "auth_patterns[0].auth_header_key_override", /must be a string/, "type.string"],
  ["auth_field_mutations names only credential fields", pattern({ auth_field_mutations: { secret: { prefix: "x" } } }), "auth_patterns[0].auth_field_mutations", /may only name api_key, token, username, password, got "secret"/, "string.in"],
  ["auth_field_mutations prefix must be a string", pattern({ auth_field_mutations: { token: { prefix: 1 } } }), "auth_patterns[0].auth_field_mutations.token.prefix", /must be a string/, "type.string"],
  ["auth pattern type must be a string", pattern({ type: ["BEARER"] }), "auth_patterns[0].type", /must be a string, got an array/, "type.string"],
  ["field input_type must be a string", field({ input_type: 3 }), "auth_patterns[0].fields[0].input_type", /must be a string, got a number/, "type.string"],
  ["account_fields follow the same rules", pattern({ account_fields: [{ label: false }] }), "auth_patterns[0].account_fields[0].label", /must be a string/, "type.string"],
  ["field options must be an array", field({ input_type: "select", options: { value: "eu" } }), "auth_patterns[0].fields[0].options", /must be an array/, "type.list"],
  ["field options are objects", field({ options: ["eu"] }), "auth_patterns[0].fields[0].options[0]", /must be an object, got a string/, "type.object"],
  ["option value must be a string", field({ options: [{ value: 1 }] }), "auth_patterns[0].fields[0].options[0].value", /must be a string/, "type.string"],
  ["option display_name must be a string", field({ options: [{ value: "eu", display_name: {} }] }), "auth_patterns[0].fields[0].options[0].display_name", /must be a string/, "type.string"],
  ["option description must be a string", field({ options: [{ value: "eu", description: 2 }] }), "auth_patterns[0].fields[0].options[0].description", /must be a string/, "type.string"],
  ["option default must be a boolean", field({ options: [{ value: "eu", default: "yes" }] }), "auth_patterns[0].fields[0].options[0].default", /must be a boolean/, "type.bool"],
  ["field header_name must be a string", field({ header_name: ["X-Key"] }), "auth_patterns[0].fields[0].header_name", /must be a string, got an array/, "type.string"],
  ["allowed_proxy_domains must be an array", pattern({ allowed_proxy_domains: "api.example.com" }), "auth_patterns[0].allowed_proxy_domains", /must be an array/, "type.list"],
  ["allowed_proxy_domains holds strings", pattern({ allowed_proxy_domains: ["api.example.com", 7] }), "auth_patterns[0].allowed_proxy_domains[1]", /must be a string, got a number/, "type.string"],
];

describe("server validation of a create", () => {
  test.each(refused)("%s", async (_rule, overrides, path, description, constraint) => {
    const answer = await client().create(body(overrides));
    expectViolations(answer, [[path, description, constraint]]);
    expect(answer.body.message).toMatch(/^the create request is invalid: /);
    expect(await client().customs()).toEqual([]);
  });
});

describe("server validation of an update", () => {
  test.each(refused)("%s", async (_rule, overrides, path, description, constraint) => {
    const { identifier } = await client().created(payload("Valid Name", { description: "before" }));
    const answer = await client().update(identifier, body(overrides));
    expectViolations(answer, [[path, description, constraint]]);
    expect(answer.body.message).toMatch(/^the update request is invalid: /);
    expect((await client().customs())[0]).toMatchObject({ display_name: "Valid Name", description: "before" });
  });
});

describe("every violation is reported", () => {
  test("a create breaking several rules names each field, in the details and in the message", async () => {
    const answer = await client().create({
      display_name: "Acme-CRM",
      proxy_url: "http://api.example.com",
      icon_src: "ftp://icons",
      auth_patterns: [{ type: 1 }, { fields: [{ input_type: false }] }],
      metadata: { ab: "v" },
    });
    expectViolations(answer, [
      ["display_name", /must hold only/, "string.pattern"],
      ["proxy_url", /must start with https:\/\//, "string.prefix"],
      ["icon_src", /must be empty or a URL/, "string.pattern"],
      ["auth_patterns[0].type", /must be a string/, "type.string"],
      ["auth_patterns[1].type", /is required/, "required"],
      ["auth_patterns[1].fields[0].input_type", /must be a string/, "type.string"],
      ['metadata["ab"]', /key of 2 characters/, "string.min_len"],
    ]);
  });

  test("an update without its three required fields names all three", async () => {
    const { identifier } = await client().created(payload("Valid Name"));
    const answer = await client().update(identifier, { description: "only this" });
    expectViolations(answer, [
      ["display_name", /is required/, "required"],
      ["auth_patterns", /is required/, "required"],
      ["proxy_url", /is required/, "string.min_len"],
    ]);
  });

  test("a display_name both too long and holding punctuation gets both violations", async () => {
    const answer = await client().create(body({ display_name: `${"a".repeat(200)}!` }));
    expectViolations(answer, [
      ["display_name", /at most 200 characters/, "string.max_len"],
      ["display_name", /must hold only letters/, "string.pattern"],
    ]);
  });
});

describe("the path identifier", () => {
  const tooLong = "a".repeat(IDENTIFIER_MAX_LENGTH + 1);

  test("over 255 characters on update is 400 naming identifier, along with any payload violation", async () => {
    const answer = await client().update(tooLong, body({ proxy_url: "http://x" }));
    expectViolations(answer, [
      ["identifier", /at most 255 characters long, it has 256/, "string.max_len"],
      ["proxy_url", /must start with https:\/\//, "string.prefix"],
    ]);
  });

  test("over 255 characters on delete is 400", async () => {
    const answer = await client().remove(tooLong);
    expectViolations(answer, [["identifier", /at most 255 characters/, "string.max_len"]]);
    expect(answer.body.message).toMatch(/^the delete request is invalid: identifier/);
  });

  test("of exactly 255 characters is looked up (404)", async () => {
    expect((await client().remove("a".repeat(IDENTIFIER_MAX_LENGTH))).status).toBe(404);
  });
});

describe("accepted edge values", () => {
  test.each<[string, Record<string, unknown>]>([
    ["display_name with spaces around letters", { display_name: " Spaced  Out " }],
    ["display_name of one digit", { display_name: "7" }],
    ["display_name of 200 characters", { display_name: "n".repeat(200) }],
    ["empty icon_src", { icon_src: "" }],
    ["icon_src of 2048 characters", { icon_src: `https://${"i".repeat(2040)}` }],
    ["proxy_url of 2048 characters", { proxy_url: `https://${"p".repeat(2040)}` }],
    ["proxy_url with placeholders", { proxy_url: "https://{{domain}}.example.com/{{version}}/{{tenant}}" }],
    ["metadata with exactly 20 pairs", { metadata: metadataOf(20) }],
    ["metadata key of 3 and value of 256 characters", { metadata: { abc: "v".repeat(256) } }],
    ["metadata key of 25 characters", { metadata: { ["k".repeat(25)]: "v" } }],
    ["an empty auth_patterns list", { auth_patterns: [] }],
    ["more than one auth pattern (the proto sets no limit)", { auth_patterns: ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"].map((type) => ({ type })) }],
    ["every input type", { auth_patterns: [{ type: "BASIC", fields: ["text", "password", "select", "textarea"].map((input_type) => ({ input_type })) }] }],
    ["fields on an OAUTH pattern", { auth_patterns: [{ type: "OAUTH", oauth_config: { pkce_enabled: true }, fields: [{ field_name: "choice", input_type: "select" }] }] }],
    ["oauth_config on a non-OAUTH pattern (not exclusive to OAUTH, says the newer SDK)", { auth_patterns: [{ type: "API_KEY", oauth_config: { pkce_enabled: false } }] }],
    ["null for optional fields", { description: null, icon_src: null, metadata: null, proxy_enabled: null }],
    ["MCP guidance not enforced: NO_AUTH with fields and without is_mcp", { auth_patterns: [{ type: "NO_AUTH", fields: [{ field_name: "token", input_type: "text" }] }] }],
    ["guidance not enforced: proxy_enabled false", { proxy_enabled: false }],
  ])("%s", async (_case, overrides) => {
    const answer = await client().create(payload("Edge Case", overrides));
    expect(answer.status).toBe(201);
  });
});

describe("keys Scalekit serves beyond the documented pattern, and nulls", () => {
  /** A pattern with every served key (shared/scalekit-api.md, from the Python SDK's tests) and keys nobody knows. */
  const served = {
    type: "API_KEY",
    display_name: "API Key",
    description: null,
    fields: [
      {
        field_name: "region",
        label: "Region",
        input_type: "select",
        required: false,
        hint: null,
        options: [
          { value: "eu", display_name: "EU", description: "Frankfurt", default: true },
          { value: "us", display_name: "US", description: null, default: false, "weight-Hint": 2 },
        ],
      },
      { field_name: "api_key", input_type: "password", header_name: "X-Api-Key" },
      { field_name: "notes", input_type: "textarea", options: null, header_name: null },
      null,
    ],
    account_fields: null,
    oauth_config: null,
    allowed_proxy_domains: ["api.example.com", "eu.api.example.com"],
    auth_field_mutations: { api_key: { prefix: null, suffix: "", default: null } },
    futureKey: { nested: [1, null, { deeper: "x" }] },
  };

  test("a create stores the pattern exactly as sent: served keys, unknown keys with their spelling, nulls", async () => {
    const created = await client().created(payload("Served Keys", { auth_patterns: [served] }));
    expect(created.auth_patterns).toEqual([served]);
    expect((await client().customs())[0]!.auth_patterns).toEqual([served]);
  });

  test("an update stores it exactly as sent too", async () => {
    const { identifier } = await client().created(payload("Served Keys"));
    const answer = await client().update(identifier, payload("Served Keys", { auth_patterns: [served] }));
    expect(answer.status).toBe(200);
    expect((await client().customs())[0]!.auth_patterns).toEqual([served]);
  });

  test("an allowed_proxy_domains of null and an empty list are both accepted", async () => {
    for (const [index, allowed_proxy_domains] of [null, []].entries()) {
      const created = await client().created(payload(`Domains ${index}`, { auth_patterns: [{ type: "BEARER", allowed_proxy_domains }] }));
      expect(created.auth_patterns[0]!.allowed_proxy_domains).toEqual(allowed_proxy_domains);
    }
  });
});
