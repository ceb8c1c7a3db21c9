import * as fs from "fs";
import * as path from "path";
import { IDENTIFIER_STYLES, VOCABULARIES_MODES } from "scalekit-emulator";
import { testFixturesDir } from "../../scripts/lib/paths";
import { expectErrorBody, payload, useEmulator } from "../support/emulator-api";

/** The same behaviour whatever the identifier format: every test here uses only identifiers the server returned. */
describe.each(IDENTIFIER_STYLES)("with identifierStyle %s", (identifierStyle) => {
  const client = useEmulator({ identifierStyle, seed: 11 });

  describe("create", () => {
    test("answers 201 with every field of the Provider object", async () => {
      const sent = payload("My Asana", { icon_src: "https://icons.example.com/asana.png", metadata: { owner: "platform" } });
      const answer = await client().create(sent);
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        provider: {
          id: expect.stringMatching(/^prv_[0-9a-f]+$/),
          identifier: expect.any(String),
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
      expect(await client().customs()).toEqual([answer.body.provider]);
    });

    test("fills left-out optional fields with their empty values", async () => {
      const answer = await client().create({ display_name: "Bare", proxy_url: "https://bare.example.com", auth_patterns: [] });
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

    test("ids and identifiers are distinct for distinct connectors", async () => {
      const first = await client().created(payload("First"));
      const second = await client().created(payload("Second"));
      expect(first.id).not.toBe(second.id);
      expect(first.identifier).not.toBe(second.identifier);
    });

    test("nested pattern fields the emulator does not know are kept as sent", async () => {
      const patterns = [{ type: "API_KEY", fields: [{ field_name: "api_key", input_type: "password", extra_hint: "x" }], future_flag: 1 }];
      const answer = await client().create(payload("Keeps Extras", { auth_patterns: patterns }));
      expect(answer.body.provider.auth_patterns).toEqual(patterns);
    });

    test("unknown top-level fields are ignored, an identifier in the payload too", async () => {
      const answer = await client().create(payload("Ignores", { unknown_field: "x", identifier: "custom-id" }));
      expect(answer.status).toBe(201);
      expect(answer.body.provider.identifier).not.toBe("custom-id");
      expect(answer.body.provider).not.toHaveProperty("unknown_field");
    });

    test("a name a custom connector already holds (ignoring case and spaces) is 409 by default, naming it", async () => {
      await client().created(payload("Acme CRM"));
      const again = await client().create(payload("acme crm"));
      expect(again.status).toBe(409);
      expectErrorBody(again, 6, /"Acme CRM" .*already exists/);
      expect(await client().customs()).toHaveLength(1);
    });

    test("a custom connector may carry a built-in provider's name", async () => {
      const answer = await client().create(payload("Git Hub"));
      expect(answer.status).toBe(201);
      expect(answer.body.provider.identifier).not.toBe("github");
      const found = await client().list({ identifier: answer.body.provider.identifier, "filter.provider_type": "ALL" });
      expect(found.body.providers).toEqual([answer.body.provider]);
    });

    test.each(VOCABULARIES_MODES)("every Scalekit example payload is accepted and its patterns stored as written (vocabularies %s)", async (vocabularies) => {
      await client().control("PUT", "modes", { vocabularies });
      const examples = path.join(testFixturesDir, "scalekit-examples");
      const files = fs.readdirSync(examples).filter((file) => file.endsWith(".json")).sort();
      expect(files.filter((file) => file.startsWith("docs-create-connector-")).length).toBeGreaterThanOrEqual(2);
      const mcp: Record<string, boolean> = {};
      for (const file of files) {
        const sent = JSON.parse(fs.readFileSync(path.join(examples, file), "utf8"));
        const answer = await client().create(sent);
        expect({ file, status: answer.status }).toEqual({ file, status: 201 });
        expect({ file, stored: answer.body.provider.auth_patterns }).toEqual({ file, stored: sent.auth_patterns });
        mcp[file] = answer.body.provider.is_custom_mcp;
        // Some examples share a display name (two versions of one docs payload): each goes in alone.
        expect((await client().remove(answer.body.provider.identifier)).status).toBe(200);
      }
      expect(mcp).toMatchObject({ "docs-create-connector-api-basic-freshdesk.json": false, "docs-create-connector-mcp-oauth-github.json": true });
    });
  });

  describe("update: a full replacement of the definition (updateSemantics replace, the default)", () => {
    const full = (overrides: Record<string, unknown> = {}) =>
      payload("Ledger", { icon_src: "https://icons.example.com/ledger.png", metadata: { owner: "finance", tier: "gold" }, ...overrides });

    test("answers 200 with the updated provider and the same id and identifier", async () => {
      const before = await client().created(full());
      const answer = await client().update(before.identifier, full({ display_name: "Ledger Pro", proxy_url: "https://v2.example.com" }));
      expect(answer.status).toBe(200);
      expect(answer.body.provider).toMatchObject({
        id: before.id,
        identifier: before.identifier,
        display_name: "Ledger Pro",
        proxy_url: "https://v2.example.com",
      });
      expect(await client().customs()).toEqual([answer.body.provider]);
    });

    test("every field given replaces the old value", async () => {
      const before = await client().created(full());
      const sent = {
        display_name: "Ledger",
        description: "New words",
        auth_patterns: [{ type: "BASIC", fields: [{ field_name: "username", input_type: "text" }] }],
        proxy_url: "https://other.example.com",
        proxy_enabled: false,
        icon_src: "https://icons.example.com/new.png",
        metadata: { region: "eu" },
      };
      const answer = await client().update(before.identifier, sent);
      expect(answer.body.provider).toMatchObject(sent);
    });

    test("description, icon_src and metadata left out are cleared, proxy_enabled left out is false", async () => {
      const before = await client().created(full({ proxy_enabled: true }));
      const answer = await client().update(before.identifier, {
        display_name: "Ledger",
        proxy_url: "https://api.example.com/v1",
        auth_patterns: before.auth_patterns,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.provider).toMatchObject({ description: "", icon_src: "", metadata: {}, proxy_enabled: false });
      expect(answer.body.provider.auth_patterns).toEqual(before.auth_patterns);
    });

    test("null for an optional field clears it like leaving it out", async () => {
      const before = await client().created(full());
      const answer = await client().update(before.identifier, full({ description: null, icon_src: null, metadata: null, proxy_enabled: null }));
      expect(answer.body.provider).toMatchObject({ description: "", icon_src: "", metadata: {}, proxy_enabled: false });
    });

    test("auth_patterns given replace the whole list", async () => {
      const before = await client().created(
        full({
          auth_patterns: [
            { type: "BEARER", fields: [{ field_name: "token", input_type: "password" }] },
            { type: "API_KEY", fields: [{ field_name: "api_key", input_type: "password" }] },
          ],
        }),
      );
      const replacement = [{ type: "BASIC", fields: [{ field_name: "username", input_type: "text" }] }];
      const answer = await client().update(before.identifier, full({ auth_patterns: replacement }));
      expect(answer.body.provider.auth_patterns).toEqual(replacement);
    });

    test("is_custom_mcp follows the new patterns", async () => {
      const before = await client().created(full());
      const answer = await client().update(before.identifier, full({ auth_patterns: [{ type: "NO_AUTH", is_mcp: true }] }));
      expect(answer.body.provider.is_custom_mcp).toBe(true);
    });

    test("a connector may be renamed to a different case of its own name", async () => {
      const before = await client().created(full());
      const answer = await client().update(before.identifier, full({ display_name: "LEDGER" }));
      expect(answer.status).toBe(200);
      expect(answer.body.provider.display_name).toBe("LEDGER");
    });

    test("a rename onto another custom connector's name is 409 by default, and changes nothing", async () => {
      await client().created(payload("Taken Name"));
      const before = await client().created(full());
      const answer = await client().update(before.identifier, full({ display_name: "takenname" }));
      expect(answer.status).toBe(409);
      expectErrorBody(answer, 6, /"Taken Name"/);
      expect((await client().named("Ledger"))[0]).toEqual(before);
    });

    test("an unknown identifier is 404", async () => {
      const answer = await client().update("nosuchthing", payload("X"));
      expect(answer.status).toBe(404);
      expectErrorBody(answer, 5, /"nosuchthing"/);
    });

    test("a built-in provider cannot be updated (404)", async () => {
      const answer = await client().update("gmail", payload("Gmail"));
      expect(answer.status).toBe(404);
      expectErrorBody(answer, 5, /built-in/);
    });
  });

  describe("delete", () => {
    test("answers 200 {} and the connector is gone", async () => {
      const { identifier } = await client().created(payload("Gone Soon"));
      const answer = await client().remove(identifier);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({});
      expect(await client().customs()).toEqual([]);
      expect((await client().remove(identifier)).status).toBe(404);
    });

    test("the name can be used again after a delete", async () => {
      const { identifier } = await client().created(payload("Reborn"));
      await client().remove(identifier);
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

    test("a connector with connections or connected accounts is 403 PermissionDenied by default, and stays", async () => {
      const { identifier } = await client().created(payload("Busy"));
      await client().control("PUT", `connectors/${encodeURIComponent(identifier)}/usage`, { connections: 2, connectedAccounts: 1 });
      const answer = await client().remove(identifier);
      expect(answer.status).toBe(403);
      expectErrorBody(answer, 7, /2 connections and 1 connected account; remove them in the Scalekit dashboard first/);
      expect(await client().named("Busy")).toHaveLength(1);

      await client().control("PUT", `connectors/${encodeURIComponent(identifier)}/usage`, { connections: 0, connectedAccounts: 0 });
      expect((await client().remove(identifier)).status).toBe(200);
    });

    test("connected accounts alone also block the delete", async () => {
      const { identifier } = await client().created(payload("Accounts Only"));
      await client().control("PUT", `connectors/${encodeURIComponent(identifier)}/usage`, { connectedAccounts: 3 });
      const answer = await client().remove(identifier);
      expect(answer.status).toBe(403);
      expectErrorBody(answer, 7, /0 connections and 3 connected accounts/);
    });
  });
});
