import {
  DEFAULT_MODES,
  DELETE_IN_USE_MODES,
  DUPLICATE_NAMES_MODES,
  IDENTIFIER_STYLES,
  MODE_VALUES,
  RATE_LIMIT_RETRY_AFTER_MODES,
  UPDATE_SEMANTICS_MODES,
  VOCABULARIES_MODES,
  startEmulator,
  type EmulatorModes,
  type EmulatorOptions,
} from "scalekit-emulator";
import { EmulatorClient, expectErrorBody, expectViolations, payload, useEmulator } from "../support/emulator-api";

/** Runs `body` against a fresh emulator started with `options`, and closes it. */
async function withEmulator<T>(options: EmulatorOptions, body: (client: EmulatorClient) => Promise<T>): Promise<T> {
  const client = new EmulatorClient(await startEmulator(options));
  try {
    return await body(client);
  } finally {
    await client.emulator.close();
  }
}

const usagePath = (identifier: string) => `connectors/${encodeURIComponent(identifier)}/usage`;

describe("the accepted values and defaults", () => {
  test("are exported with the documented names", () => {
    expect(IDENTIFIER_STYLES).toEqual(["lowercase", "suffixed", "opaque"]);
    expect(DUPLICATE_NAMES_MODES).toEqual(["conflict", "accept"]);
    expect(DELETE_IN_USE_MODES).toEqual(["permission-denied", "failed-precondition"]);
    expect(UPDATE_SEMANTICS_MODES).toEqual(["replace", "partial"]);
    expect(VOCABULARIES_MODES).toEqual(["lenient", "strict"]);
    expect(RATE_LIMIT_RETRY_AFTER_MODES).toEqual(["absent", "seconds"]);
    expect(MODE_VALUES).toEqual({
      identifierStyle: IDENTIFIER_STYLES,
      duplicateNames: DUPLICATE_NAMES_MODES,
      deleteInUse: DELETE_IN_USE_MODES,
      updateSemantics: UPDATE_SEMANTICS_MODES,
      vocabularies: VOCABULARIES_MODES,
      rateLimitRetryAfter: RATE_LIMIT_RETRY_AFTER_MODES,
    });
    const defaults: EmulatorModes = {
      identifierStyle: "lowercase",
      duplicateNames: "conflict",
      deleteInUse: "permission-denied",
      updateSemantics: "replace",
      vocabularies: "lenient",
      rateLimitRetryAfter: "absent",
    };
    expect(DEFAULT_MODES).toEqual(defaults);
  });

  test("an emulator started without modes reports the defaults", async () => {
    const modes = await withEmulator({}, async (client) => (await client.control("GET", "modes")).body);
    expect(modes).toEqual(DEFAULT_MODES);
  });

  test("startEmulator refuses an unknown mode value, naming the accepted ones", async () => {
    const bad = { identifierStyle: "uuid" } as unknown as EmulatorOptions;
    await expect(startEmulator(bad)).rejects.toThrow(/identifierStyle must be one of "lowercase", "suffixed" or "opaque", got "uuid"/);
    const worse = { deleteInUse: "gone" } as unknown as EmulatorOptions;
    await expect(startEmulator(worse)).rejects.toThrow(/deleteInUse must be one of "permission-denied" or "failed-precondition"/);
    const merging = { updateSemantics: "merge" } as unknown as EmulatorOptions;
    await expect(startEmulator(merging)).rejects.toThrow(/updateSemantics must be one of "replace" or "partial", got "merge"/);
    const loose = { vocabularies: "loose" } as unknown as EmulatorOptions;
    await expect(startEmulator(loose)).rejects.toThrow(/vocabularies must be one of "lenient" or "strict", got "loose"/);
  });
});

describe("identifierStyle", () => {
  test("lowercase: the display name lower-cased without spaces", async () => {
    await withEmulator({ identifierStyle: "lowercase" }, async (client) => {
      expect((await client.created(payload("Acme CRM"))).identifier).toBe("acmecrm");
      expect((await client.created(payload("My  Big Api 2"))).identifier).toBe("mybigapi2");
    });
  });

  test("lowercase: a name whose identifier a built-in provider holds gets a :N suffix", async () => {
    await withEmulator({ identifierStyle: "lowercase" }, async (client) => {
      expect((await client.created(payload("Git Hub"))).identifier).toBe("github:2");
    });
  });

  test("lowercase: a new name whose identifier a renamed connector kept gets a :N suffix", async () => {
    await withEmulator({ identifierStyle: "lowercase" }, async (client) => {
      const first = await client.created(payload("Acme"));
      await client.update(first.identifier, payload("Renamed"));
      expect((await client.created(payload("Acme"))).identifier).toBe("acme:2");
    });
  });

  test("suffixed: upper-cased without spaces, a colon and five digits", async () => {
    await withEmulator({ identifierStyle: "suffixed" }, async (client) => {
      const { identifier } = await client.created(payload("Acme CRM"));
      expect(identifier).toMatch(/^ACMECRM:[1-9][0-9]{4}$/);
      expect((await client.list({ identifier, "filter.provider_type": "CUSTOM" })).body.providers).toHaveLength(1);
    });
  });

  test("opaque: prov_ and random hex", async () => {
    await withEmulator({ identifierStyle: "opaque" }, async (client) => {
      const first = await client.created(payload("Acme CRM"));
      const second = await client.created(payload("Other"));
      expect(first.identifier).toMatch(/^prov_[0-9a-f]{16}$/);
      expect(second.identifier).toMatch(/^prov_[0-9a-f]{16}$/);
      expect(second.identifier).not.toBe(first.identifier);
    });
  });

  test.each(["suffixed", "opaque"] as const)("%s: the same seed gives the same identifiers, another seed others", async (identifierStyle) => {
    const identifiers = (seed: number) =>
      withEmulator({ identifierStyle, seed }, async (client) => {
        const made: string[] = [];
        for (const name of ["Alpha", "Beta", "Gamma"]) made.push((await client.created(payload(name))).identifier);
        return made;
      });
    const first = await identifiers(7);
    expect(await identifiers(7)).toEqual(first);
    expect(await identifiers(8)).not.toEqual(first);
  });

  test("reset restarts the identifier sequence of the seed", async () => {
    await withEmulator({ identifierStyle: "opaque", seed: 3 }, async (client) => {
      const before = (await client.created(payload("Alpha"))).identifier;
      await client.control("POST", "reset");
      client.forgetToken();
      expect((await client.created(payload("Alpha"))).identifier).toBe(before);
    });
  });

  test("connectors made under different styles live side by side", async () => {
    await withEmulator({}, async (client) => {
      const made: string[] = [];
      for (const identifierStyle of IDENTIFIER_STYLES) {
        await client.control("PUT", "modes", { identifierStyle });
        made.push((await client.created(payload(`Made ${identifierStyle}`))).identifier);
      }
      expect(made[0]).toBe("madelowercase");
      expect(made[1]).toMatch(/^MADESUFFIXED:\d{5}$/);
      expect(made[2]).toMatch(/^prov_/);
      for (const [index, identifier] of made.entries()) {
        expect((await client.update(identifier, payload(`Kept ${index}`))).status).toBe(200);
      }
    });
  });
});

describe("duplicateNames", () => {
  test("conflict: a create onto a taken name is 409 AlreadyExists and stores nothing", async () => {
    await withEmulator({ duplicateNames: "conflict" }, async (client) => {
      await client.created(payload("Acme CRM"));
      for (const name of ["Acme CRM", "ACME CRM", "AcmeCRM", " acme  crm "]) {
        const answer = await client.create(payload(name));
        expect({ name, status: answer.status }).toEqual({ name, status: 409 });
        expectErrorBody(answer, 6, /already exists/);
      }
      expect(await client.customs()).toHaveLength(1);
    });
  });

  test.each(IDENTIFIER_STYLES)("accept (%s): a second connector with the same name under a new identifier", async (identifierStyle) => {
    await withEmulator({ duplicateNames: "accept", identifierStyle, seed: 5 }, async (client) => {
      const first = await client.created(payload("Acme CRM"));
      const second = await client.created(payload("acme crm"));
      const third = await client.created(payload("Acme CRM"));
      const identifiers = [first.identifier, second.identifier, third.identifier];
      expect(new Set(identifiers).size).toBe(3);
      expect(new Set([first.id, second.id, third.id]).size).toBe(3);
      expect(await client.named("Acme CRM")).toHaveLength(2);
      expect((await client.customs()).map((provider) => provider.identifier)).toEqual(identifiers);
      for (const identifier of identifiers) expect((await client.list({ identifier, "filter.provider_type": "CUSTOM" })).body.providers).toHaveLength(1);
    });
  });

  test("accept with lowercase identifiers: the second gets :2, the third :3", async () => {
    await withEmulator({ duplicateNames: "accept", identifierStyle: "lowercase" }, async (client) => {
      const made: string[] = [];
      for (const name of ["Acme CRM", "acme crm", "ACME CRM"]) made.push((await client.created(payload(name))).identifier);
      expect(made).toEqual(["acmecrm", "acmecrm:2", "acmecrm:3"]);
    });
  });

  test("conflict: a rename onto another connector's name is 409; accept: allowed", async () => {
    await withEmulator({ duplicateNames: "conflict" }, async (client) => {
      await client.created(payload("Taken"));
      const other = await client.created(payload("Other"));
      const refused = await client.update(other.identifier, payload("TAKEN"));
      expect(refused.status).toBe(409);
      expectErrorBody(refused, 6, /"Taken"/);

      await client.control("PUT", "modes", { duplicateNames: "accept" });
      const accepted = await client.update(other.identifier, payload("TAKEN"));
      expect(accepted.status).toBe(200);
      expect(accepted.body.provider).toMatchObject({ identifier: other.identifier, display_name: "TAKEN" });
    });
  });

  test("concurrent creates of one name: one stored under conflict, all under accept", async () => {
    await withEmulator({ duplicateNames: "conflict" }, async (client) => {
      await client.token();
      const refused = await Promise.all(Array.from({ length: 30 }, () => client.create(payload("Same Name"))));
      expect(refused.filter((answer) => answer.status === 201)).toHaveLength(1);
      expect(refused.filter((answer) => answer.status === 409)).toHaveLength(29);

      await client.control("PUT", "modes", { duplicateNames: "accept" });
      const accepted = await Promise.all(Array.from({ length: 30 }, () => client.create(payload("Same Name"))));
      expect(accepted.every((answer) => answer.status === 201)).toBe(true);
      const stored = await client.named("Same Name");
      expect(stored).toHaveLength(31);
      expect(new Set(stored.map((provider) => provider.identifier)).size).toBe(31);
    });
  });
});

describe("deleteInUse", () => {
  const inUse = async (client: EmulatorClient) => {
    const { identifier } = await client.created(payload("Busy"));
    await client.control("PUT", usagePath(identifier), { connections: 1, connectedAccounts: 2 });
    return identifier;
  };

  test("permission-denied: 403 with code 7 naming the counts", async () => {
    await withEmulator({ deleteInUse: "permission-denied" }, async (client) => {
      const identifier = await inUse(client);
      const answer = await client.remove(identifier);
      expect(answer.status).toBe(403);
      expectErrorBody(answer, 7, /still has 1 connection and 2 connected accounts/);
      expect(await client.named("Busy")).toHaveLength(1);
    });
  });

  test("failed-precondition: 400 with code 9 naming the counts", async () => {
    await withEmulator({ deleteInUse: "failed-precondition" }, async (client) => {
      const identifier = await inUse(client);
      const answer = await client.remove(identifier);
      expect(answer.status).toBe(400);
      expectErrorBody(answer, 9, /still has 1 connection and 2 connected accounts; remove them in the Scalekit dashboard/);
      expect(await client.named("Busy")).toHaveLength(1);
    });
  });

  test("a connector not in use is deleted in either mode", async () => {
    for (const deleteInUse of DELETE_IN_USE_MODES) {
      await withEmulator({ deleteInUse }, async (client) => {
        const { identifier } = await client.created(payload("Idle"));
        expect((await client.remove(identifier)).status).toBe(200);
      });
    }
  });
});

describe("updateSemantics", () => {
  const stored = () =>
    payload("Ledger", {
      description: "Old words",
      icon_src: "https://icons.example.com/ledger.png",
      proxy_enabled: true,
      metadata: { owner: "finance", tier: "gold" },
      auth_patterns: [
        { type: "BEARER", display_name: "Token", fields: [{ field_name: "token", input_type: "password" }], auth_header_key_override: "X-Token" },
        { type: "API_KEY", fields: [{ field_name: "api_key", input_type: "password" }] },
      ],
    });
  const newPatterns = [{ type: "BASIC", fields: [{ field_name: "username", input_type: "text" }] }];
  /** An update asking to clear every optional field: "" and false given, icon_src and metadata left out. */
  const clearing = { display_name: "Ledger", description: "", proxy_enabled: false, proxy_url: "https://api.example.com/v2", auth_patterns: newPatterns };

  test.each<[EmulatorModes["updateSemantics"], string, Record<string, unknown>]>([
    ["replace", "clears them all", { description: "", icon_src: "", proxy_enabled: false, metadata: {} }],
    [
      "partial",
      "keeps description, icon_src and proxy_enabled, clears metadata",
      { description: "Old words", icon_src: "https://icons.example.com/ledger.png", proxy_enabled: true, metadata: {} },
    ],
  ])("%s: an update asking to clear every optional field %s, and replaces auth_patterns", async (updateSemantics, _what, expected) => {
    await withEmulator({ updateSemantics }, async (client) => {
      const before = await client.created(stored());
      const answer = await client.update(before.identifier, clearing);
      expect(answer.status).toBe(200);
      const whole = { ...expected, display_name: "Ledger", proxy_url: "https://api.example.com/v2", auth_patterns: newPatterns, id: before.id, identifier: before.identifier };
      expect(answer.body.provider).toMatchObject(whole);
      // auth_patterns replace the stored list, never merge into it
      expect(answer.body.provider.auth_patterns).toEqual(newPatterns);
      expect(await client.customs()).toEqual([answer.body.provider]);
    });
  });

  test("partial: null counts as left out, so it keeps description, icon_src and proxy_enabled too", async () => {
    await withEmulator({ updateSemantics: "partial" }, async (client) => {
      const before = await client.created(stored());
      const answer = await client.update(before.identifier, { ...clearing, description: null, icon_src: null, proxy_enabled: null, metadata: null });
      expect(answer.body.provider).toMatchObject({ description: "Old words", icon_src: "https://icons.example.com/ledger.png", proxy_enabled: true, metadata: {} });
    });
  });

  test("partial: values given replace the stored ones; metadata given replaces, never merges", async () => {
    await withEmulator({ updateSemantics: "partial" }, async (client) => {
      const before = await client.created(stored());
      const changed = { ...clearing, description: "New words", icon_src: "https://icons.example.com/new.png", proxy_enabled: true, metadata: { region: "eu" } };
      const answer = await client.update(before.identifier, changed);
      expect(answer.body.provider).toMatchObject(changed);
      expect(answer.body.provider.metadata).toEqual({ region: "eu" });
    });
  });

  test("partial: proxy_enabled false then true: false cannot turn it off, true turns it on", async () => {
    await withEmulator({ updateSemantics: "partial" }, async (client) => {
      const before = await client.created(stored());
      expect((await client.update(before.identifier, { ...clearing, proxy_enabled: false })).body.provider.proxy_enabled).toBe(true);
      await client.control("PUT", "modes", { updateSemantics: "replace" });
      expect((await client.update(before.identifier, { ...clearing, proxy_enabled: false })).body.provider.proxy_enabled).toBe(false);
      await client.control("PUT", "modes", { updateSemantics: "partial" });
      expect((await client.update(before.identifier, { ...clearing, proxy_enabled: true })).body.provider.proxy_enabled).toBe(true);
    });
  });

  test("partial: display_name, proxy_url and auth_patterns are still required", async () => {
    await withEmulator({ updateSemantics: "partial" }, async (client) => {
      const before = await client.created(stored());
      const answer = await client.update(before.identifier, { description: "only this" });
      expectViolations(answer, [
        ["display_name", /is required/, "required"],
        ["auth_patterns", /is required/, "required"],
        ["proxy_url", /is required/, "string.min_len"],
      ]);
      expect((await client.customs())[0]).toMatchObject({ description: "Old words" });
    });
  });

  test("partial: a create takes every field as given (the mode is about updates only)", async () => {
    await withEmulator({ updateSemantics: "partial" }, async (client) => {
      const created = await client.created(payload("Plain", { description: "", proxy_enabled: false }));
      expect(created).toMatchObject({ description: "", icon_src: "", proxy_enabled: false, metadata: {} });
    });
  });
});

describe("vocabularies", () => {
  const unknownTypes = () =>
    payload("Novel", {
      auth_patterns: [
        {
          type: "SAML_BRIDGE",
          fields: [
            { field_name: "region", input_type: "radio", options: [{ value: "eu", display_name: "EU", default: true }] },
            { field_name: "notes", input_type: "textarea" },
          ],
        },
      ],
    });

  test("lenient (the default): an unknown auth type and input type are accepted and stored as sent", async () => {
    await withEmulator({}, async (client) => {
      const sent = unknownTypes();
      const created = await client.created(sent);
      expect(created.auth_patterns).toEqual(sent.auth_patterns);
      expect((await client.customs())[0]!.auth_patterns).toEqual(sent.auth_patterns);
      const updated = await client.update(created.identifier, payload("Novel", { auth_patterns: [{ type: "HMAC", fields: [{ input_type: "number" }] }] }));
      expect(updated.status).toBe(200);
      expect(updated.body.provider.auth_patterns).toEqual([{ type: "HMAC", fields: [{ input_type: "number" }] }]);
    });
  });

  test("strict: the same payload is 400 naming the type and the input type, with constraint string.in, and nothing is stored", async () => {
    await withEmulator({ vocabularies: "strict" }, async (client) => {
      const answer = await client.create(unknownTypes());
      expectViolations(answer, [
        ["auth_patterns[0].type", /must be one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH, got "SAML_BRIDGE"/, "string.in"],
        ["auth_patterns[0].fields[0].input_type", /must be one of text, password, select, textarea, got "radio"/, "string.in"],
      ]);
      expect(await client.customs()).toEqual([]);
    });
  });

  test("strict: an update is checked the same way", async () => {
    await withEmulator({ vocabularies: "strict" }, async (client) => {
      const { identifier } = await client.created(payload("Known"));
      const answer = await client.update(identifier, payload("Known", { auth_patterns: [{ type: "oauth" }] }));
      expectViolations(answer, [["auth_patterns[0].type", /got "oauth"/, "string.in"]]);
    });
  });

  test.each(VOCABULARIES_MODES)("%s: every known auth type and input type is accepted", async (vocabularies) => {
    await withEmulator({ vocabularies }, async (client) => {
      const fields = ["text", "password", "select", "textarea"].map((input_type) => ({ field_name: input_type, input_type }));
      const patterns = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"].map((type) => ({ type, fields }));
      expect((await client.create(payload("Every Type", { auth_patterns: patterns }))).status).toBe(201);
    });
  });

  test.each(VOCABULARIES_MODES)("%s: a type that is not a string is refused with constraint type.string", async (vocabularies) => {
    await withEmulator({ vocabularies }, async (client) => {
      const answer = await client.create(payload("Typed", { auth_patterns: [{ type: 5, fields: [{ input_type: true }] }] }));
      expectViolations(answer, [
        ["auth_patterns[0].type", /must be a string, got a number/, "type.string"],
        ["auth_patterns[0].fields[0].input_type", /must be a string, got a boolean/, "type.string"],
      ]);
    });
  });
});

describe("GET and PUT /_emulator/modes", () => {
  const client = useEmulator({ identifierStyle: "suffixed", deleteInUse: "failed-precondition", updateSemantics: "partial" });
  const started: EmulatorModes = {
    identifierStyle: "suffixed",
    duplicateNames: "conflict",
    deleteInUse: "failed-precondition",
    updateSemantics: "partial",
    vocabularies: "lenient",
    rateLimitRetryAfter: "absent",
  };

  test("GET shows the modes the emulator was started with", async () => {
    const answer = await client().control("GET", "modes");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(started);
  });

  test("PUT with a subset changes only those modes and answers all of them", async () => {
    const answer = await client().control("PUT", "modes", { duplicateNames: "accept", vocabularies: "strict" });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ...started, duplicateNames: "accept", vocabularies: "strict" });
    expect((await client().control("GET", "modes")).body).toEqual(answer.body);
  });

  test("a change applies to the next request", async () => {
    const { identifier } = await client().created(payload("Busy"));
    await client().control("PUT", usagePath(identifier), { connections: 1 });
    expect((await client().remove(identifier)).status).toBe(400);
    await client().control("PUT", "modes", { deleteInUse: "permission-denied" });
    expect((await client().remove(identifier)).status).toBe(403);
    await client().control("PUT", "modes", { identifierStyle: "opaque" });
    expect((await client().created(payload("Next"))).identifier).toMatch(/^prov_/);
  });

  test.each<[string, unknown, RegExp]>([
    ["an unknown value", { identifierStyle: "uuid" }, /identifierStyle must be one of "lowercase", "suffixed" or "opaque", got "uuid"/],
    ["an unknown key", { deleteMode: "accept" }, /"deleteMode" is not a mode; the modes are identifierStyle, duplicateNames, deleteInUse, updateSemantics, vocabularies, rateLimitRetryAfter/],
    ["an unknown update semantics", { updateSemantics: "merge" }, /updateSemantics must be one of "replace" or "partial", got "merge"/],
    ["a value of the wrong type", { duplicateNames: true }, /duplicateNames must be one of "conflict" or "accept", got true/],
    ["a body that is not an object", ["accept"], /the modes body must be an object/],
  ])("PUT with %s is 400 and changes nothing", async (_case, body, message) => {
    const answer = await client().control("PUT", "modes", body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, message);
    expect((await client().control("GET", "modes")).body).toEqual(started);
  });

  test("a body with a good and a bad mode changes neither, and names every problem", async () => {
    const answer = await client().control("PUT", "modes", { duplicateNames: "accept", identifierStyle: "x", other: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/identifierStyle must be one of/);
    expect(answer.body.message).toMatch(/"other" is not a mode/);
    expect((await client().control("GET", "modes")).body.duplicateNames).toBe("conflict");
  });

  test("POST /_emulator/reset restores the modes the emulator was started with", async () => {
    await client().control("PUT", "modes", {
      identifierStyle: "lowercase",
      duplicateNames: "accept",
      deleteInUse: "permission-denied",
      updateSemantics: "replace",
      vocabularies: "strict",
    });
    await client().control("POST", "reset");
    expect((await client().control("GET", "modes")).body).toEqual(started);
  });

  test("DELETE is not allowed", async () => {
    const answer = await client().control("DELETE", "modes");
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET, PUT");
  });
});

describe("the usage control with identifiers holding a colon", () => {
  const client = useEmulator({ identifierStyle: "suffixed" });

  test.each<[string, (identifier: string) => string]>([
    ["percent-encoded", (identifier) => encodeURIComponent(identifier)],
    ["as it is", (identifier) => identifier],
  ])("works with the colon %s", async (_how, inPath) => {
    const { identifier } = await client().created(payload("Colon Case"));
    expect(identifier).toContain(":");
    const set = await client().control("PUT", `connectors/${inPath(identifier)}/usage`, { connections: 2, connectedAccounts: 1 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ identifier, connections: 2, connectedAccounts: 1 });
    expect((await client().control("GET", `connectors/${inPath(identifier)}/usage`)).body).toEqual(set.body);
    expect((await client().remove(identifier)).status).toBe(403);
  });

  test("update and delete take the identifier with its colon unencoded too", async () => {
    const { identifier } = await client().created(payload("Raw Colon"));
    const updated = await client().call("PUT", `/api/v1/custom-providers/${identifier}`, { body: payload("Raw Colon", { description: "v2" }) });
    expect(updated.status).toBe(200);
    expect(updated.body.provider.identifier).toBe(identifier);
    expect((await client().call("DELETE", `/api/v1/custom-providers/${identifier}`)).status).toBe(200);
  });
});
