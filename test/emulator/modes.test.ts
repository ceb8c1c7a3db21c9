import {
  DEFAULT_MODES,
  DELETE_IN_USE_MODES,
  DUPLICATE_NAMES_MODES,
  IDENTIFIER_STYLES,
  MODE_VALUES,
  startEmulator,
  type EmulatorModes,
  type EmulatorOptions,
} from "scalekit-emulator";
import { EmulatorClient, expectErrorBody, payload, useEmulator } from "../support/emulator-api";

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
    expect(MODE_VALUES).toEqual({ identifierStyle: IDENTIFIER_STYLES, duplicateNames: DUPLICATE_NAMES_MODES, deleteInUse: DELETE_IN_USE_MODES });
    const defaults: EmulatorModes = { identifierStyle: "lowercase", duplicateNames: "conflict", deleteInUse: "permission-denied" };
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

describe("GET and PUT /_emulator/modes", () => {
  const client = useEmulator({ identifierStyle: "suffixed", deleteInUse: "failed-precondition" });

  test("GET shows the modes the emulator was started with", async () => {
    const answer = await client().control("GET", "modes");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ identifierStyle: "suffixed", duplicateNames: "conflict", deleteInUse: "failed-precondition" });
  });

  test("PUT with a subset changes only those modes and answers all of them", async () => {
    const answer = await client().control("PUT", "modes", { duplicateNames: "accept" });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ identifierStyle: "suffixed", duplicateNames: "accept", deleteInUse: "failed-precondition" });
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
    ["an unknown key", { deleteMode: "accept" }, /"deleteMode" is not a mode; the modes are identifierStyle, duplicateNames, deleteInUse/],
    ["a value of the wrong type", { duplicateNames: true }, /duplicateNames must be one of "conflict" or "accept", got true/],
    ["a body that is not an object", ["accept"], /the modes body must be an object/],
  ])("PUT with %s is 400 and changes nothing", async (_case, body, message) => {
    const answer = await client().control("PUT", "modes", body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, message);
    expect((await client().control("GET", "modes")).body).toEqual({
      identifierStyle: "suffixed",
      duplicateNames: "conflict",
      deleteInUse: "failed-precondition",
    });
  });

  test("a body with a good and a bad mode changes neither, and names every problem", async () => {
    const answer = await client().control("PUT", "modes", { duplicateNames: "accept", identifierStyle: "x", other: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/identifierStyle must be one of/);
    expect(answer.body.message).toMatch(/"other" is not a mode/);
    expect((await client().control("GET", "modes")).body.duplicateNames).toBe("conflict");
  });

  test("POST /_emulator/reset restores the modes the emulator was started with", async () => {
    await client().control("PUT", "modes", { identifierStyle: "lowercase", duplicateNames: "accept", deleteInUse: "permission-denied" });
    await client().control("POST", "reset");
    expect((await client().control("GET", "modes")).body).toEqual({
      identifierStyle: "suffixed",
      duplicateNames: "conflict",
      deleteInUse: "failed-precondition",
    });
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
