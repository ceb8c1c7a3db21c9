import { expectErrorBody, payload, useEmulator } from "./helpers";

describe("create", () => {
  const client = useEmulator();

  test("answers 201 with every field of the Provider object", async () => {
    const sent = payload("My Asana", { icon_src: "https://icons.example.com/asana.png", metadata: { owner: "platform" } });
    const answer = await client().create(sent);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      provider: {
        id: expect.stringMatching(/^prv_[0-9a-f]+$/),
        identifier: "myasana",
        display_name: "My Asana",
        description: "Connect to My Asana",
        categories: [],
        auth_patterns: sent.auth_patterns,
        icon_src: "https://icons.example.com/asana.png",
        display_priority: 0,
        coming_soon: false,
        proxy_url: "https://api.example.com/v1",
        proxy_enabled: true,
        is_custom: true,
        is_custom_mcp: false,
        metadata: { owner: "platform" },
      },
    });
  });

  test("fills left-out optional fields with empty values", async () => {
    const answer = await client().create({ display_name: "Bare", proxy_url: "https://bare.example.com" });
    expect(answer.status).toBe(201);
    expect(answer.body.provider).toMatchObject({
      description: "",
      auth_patterns: [],
      icon_src: "",
      proxy_enabled: false,
      metadata: {},
      is_custom_mcp: false,
    });
  });

  test("is_custom_mcp is true when a pattern is MCP", async () => {
    const mcp = payload("Docs MCP", {
      auth_patterns: [{ type: "OAUTH", display_name: "Sign in", is_mcp: true, oauth_config: { pkce_enabled: true } }],
    });
    const answer = await client().create(mcp);
    expect(answer.body.provider.is_custom_mcp).toBe(true);
    expect(answer.body.provider.auth_patterns).toEqual(mcp.auth_patterns);
  });

  test("ids are distinct for distinct connectors", async () => {
    const first = await client().create(payload("First"));
    const second = await client().create(payload("Second"));
    expect(first.body.provider.id).not.toBe(second.body.provider.id);
  });

  test("nested pattern fields the emulator does not know are kept as sent", async () => {
    const patterns = [{ type: "API_KEY", fields: [{ field_name: "api_key", input_type: "password", extra_hint: "x" }], future_flag: 1 }];
    const answer = await client().create(payload("Keeps Extras", { auth_patterns: patterns }));
    expect(answer.body.provider.auth_patterns).toEqual(patterns);
  });

  test("unknown top-level fields are ignored", async () => {
    const answer = await client().create(payload("Ignores", { unknown_field: "x", identifier: "custom-id" }));
    expect(answer.status).toBe(201);
    expect(answer.body.provider.identifier).toBe("ignores");
    expect(answer.body.provider).not.toHaveProperty("unknown_field");
  });

  test("a second connector with the same derived identifier is 409 naming it", async () => {
    expect((await client().create(payload("Acme CRM"))).status).toBe(201);
    const again = await client().create(payload("acme crm"));
    expect(again.status).toBe(409);
    expectErrorBody(again, 6, /"acmecrm" already exists/);
  });

  test("a name that derives a built-in provider's identifier is 409", async () => {
    const answer = await client().create(payload("Git Hub"));
    expect(answer.status).toBe(409);
    expectErrorBody(answer, 6, /"github"/);
  });
});

describe("update", () => {
  const client = useEmulator();

  const created = async (overrides: Record<string, unknown> = {}) => {
    const answer = await client().create(
      payload("Ledger", {
        icon_src: "https://icons.example.com/ledger.png",
        metadata: { owner: "finance", tier: "gold" },
        ...overrides,
      }),
    );
    expect(answer.status).toBe(201);
    return answer.body.provider;
  };

  test("answers 200 with the updated provider and the same id and identifier", async () => {
    const before = await created();
    const answer = await client().update("ledger", { display_name: "Ledger Pro", proxy_url: "https://v2.example.com" });
    expect(answer.status).toBe(200);
    expect(answer.body.provider).toMatchObject({
      id: before.id,
      identifier: "ledger",
      display_name: "Ledger Pro",
      proxy_url: "https://v2.example.com",
    });
    const listed = await client().list({ identifier: "ledger" });
    expect(listed.body.providers[0].display_name).toBe("Ledger Pro");
    expect((await client().list({ identifier: "ledgerpro" })).body.providers).toEqual([]);
  });

  test("description, auth_patterns and icon_src left out keep their value", async () => {
    const before = await created();
    const answer = await client().update("ledger", { display_name: "Ledger", proxy_url: "https://api.example.com/v1" });
    expect(answer.body.provider.description).toBe(before.description);
    expect(answer.body.provider.auth_patterns).toEqual(before.auth_patterns);
    expect(answer.body.provider.icon_src).toBe(before.icon_src);
  });

  test("proxy_enabled left out keeps its value", async () => {
    await created({ proxy_enabled: true });
    const answer = await client().update("ledger", { display_name: "Ledger", proxy_url: "https://api.example.com/v1" });
    expect(answer.body.provider.proxy_enabled).toBe(true);
  });

  test("given fields replace the old values", async () => {
    await created();
    const answer = await client().update("ledger", {
      display_name: "Ledger",
      proxy_url: "https://api.example.com/v1",
      description: "New words",
      icon_src: "",
      proxy_enabled: false,
    });
    expect(answer.body.provider).toMatchObject({ description: "New words", icon_src: "", proxy_enabled: false });
  });

  test("auth_patterns given replace the whole list", async () => {
    await created({
      auth_patterns: [
        { type: "BEARER", fields: [{ field_name: "token", input_type: "password" }] },
        { type: "API_KEY", fields: [{ field_name: "api_key", input_type: "password" }] },
      ],
    });
    const replacement = [{ type: "BASIC", fields: [{ field_name: "username", input_type: "text" }] }];
    const answer = await client().update("ledger", {
      display_name: "Ledger",
      proxy_url: "https://api.example.com/v1",
      auth_patterns: replacement,
    });
    expect(answer.body.provider.auth_patterns).toEqual(replacement);
  });

  test("is_custom_mcp follows the new patterns", async () => {
    await created();
    const answer = await client().update("ledger", {
      display_name: "Ledger",
      proxy_url: "https://api.example.com/v1",
      auth_patterns: [{ type: "NO_AUTH", is_mcp: true }],
    });
    expect(answer.body.provider.is_custom_mcp).toBe(true);
  });

  test("metadata given replaces the whole map", async () => {
    await created();
    const answer = await client().update("ledger", {
      display_name: "Ledger",
      proxy_url: "https://api.example.com/v1",
      metadata: { region: "eu" },
    });
    expect(answer.body.provider.metadata).toEqual({ region: "eu" });
  });

  test("metadata left out is cleared", async () => {
    await created();
    const answer = await client().update("ledger", { display_name: "Ledger", proxy_url: "https://api.example.com/v1" });
    expect(answer.body.provider.metadata).toEqual({});
  });

  test("display_name is required", async () => {
    await created();
    const answer = await client().update("ledger", { proxy_url: "https://api.example.com/v1" });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /display_name is required/);
  });

  test("proxy_url is required", async () => {
    await created();
    const answer = await client().update("ledger", { display_name: "Ledger" });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /proxy_url is required on update/);
  });

  test("an unknown identifier is 404", async () => {
    const answer = await client().update("nosuchthing", { display_name: "X", proxy_url: "https://x.example.com" });
    expect(answer.status).toBe(404);
    expectErrorBody(answer, 5, /"nosuchthing"/);
  });

  test("a built-in provider cannot be updated (404)", async () => {
    const answer = await client().update("gmail", { display_name: "Gmail", proxy_url: "https://x.example.com" });
    expect(answer.status).toBe(404);
    expectErrorBody(answer, 5, /built-in/);
  });
});

describe("delete", () => {
  const client = useEmulator();

  test("answers 200 {} and the connector is gone", async () => {
    await client().create(payload("Gone Soon"));
    const answer = await client().remove("gonesoon");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
    expect((await client().list({ identifier: "gonesoon" })).body.providers).toEqual([]);
    expect((await client().remove("gonesoon")).status).toBe(404);
  });

  test("the name can be used again after a delete", async () => {
    await client().create(payload("Reborn"));
    await client().remove("reborn");
    expect((await client().create(payload("Reborn"))).status).toBe(201);
  });

  test("an unknown identifier is 404", async () => {
    const answer = await client().remove("nosuchthing");
    expect(answer.status).toBe(404);
    expectErrorBody(answer, 5);
  });

  test("a built-in provider cannot be deleted (404)", async () => {
    expect((await client().remove("slack")).status).toBe(404);
    expect((await client().list({ identifier: "slack" })).body.providers).toHaveLength(1);
  });

  test("a connector with connections or connected accounts is 400 FailedPrecondition and stays", async () => {
    await client().create(payload("Busy"));
    await client().control("PUT", "connectors/busy/usage", { connections: 2, connectedAccounts: 1 });
    const answer = await client().remove("busy");
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 9, /2 connections and 1 connected account; remove them in the Scalekit dashboard first/);
    expect((await client().list({ identifier: "busy" })).body.providers).toHaveLength(1);

    await client().control("PUT", "connectors/busy/usage", { connections: 0, connectedAccounts: 0 });
    expect((await client().remove("busy")).status).toBe(200);
  });

  test("connected accounts alone also block the delete", async () => {
    await client().create(payload("Accounts Only"));
    await client().control("PUT", "connectors/accountsonly/usage", { connectedAccounts: 3 });
    const answer = await client().remove("accountsonly");
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 9, /0 connections and 3 connected accounts/);
  });
});
