import { payload, useEmulator } from "../support/emulator-api";

const client = useEmulator();

describe("concurrent requests", () => {
  test("200 concurrent creates with distinct names are all stored with distinct identifiers and ids", async () => {
    await client().token();
    const names = Array.from({ length: 200 }, (_, i) => `Parallel ${i}`);
    const answers = await Promise.all(names.map((name) => client().create(payload(name))));
    expect(answers.map((answer) => answer.status)).toEqual(names.map(() => 201));

    const stored = (await client().control("GET", "connectors")).body.providers as Array<{ identifier: string; id: string }>;
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((p) => p.identifier)).size).toBe(200);
    expect(new Set(stored.map((p) => p.id)).size).toBe(200);
    const listed = await client().list({ "filter.provider_type": "CUSTOM", page_size: "1000" });
    expect(listed.body.total_size).toBe(200);
  });

  test("concurrent creates of the same name store exactly one (duplicateNames conflict, the default)", async () => {
    await client().token();
    const answers = await Promise.all(Array.from({ length: 50 }, () => client().create(payload("Same Name"))));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
  });

  test("a mix of concurrent creates, updates, lists and deletes keeps a consistent store", async () => {
    await client().token();
    const base: string[] = [];
    for (let i = 0; i < 20; i++) base.push((await client().created(payload(`Base ${i}`))).identifier);
    const work = [
      ...Array.from({ length: 20 }, (_, i) => client().create(payload(`Extra ${i}`))),
      ...base.map((identifier, i) => client().update(identifier, payload(`Base ${i}`, { description: "updated" }))),
      ...base.slice(0, 10).map((identifier) => client().remove(identifier)),
      ...Array.from({ length: 20 }, () => client().list({ "filter.provider_type": "CUSTOM" })),
    ];
    const answers = await Promise.all(work);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 201 || answer.status === 404)).toBe(true);

    const stored = (await client().control("GET", "connectors")).body.providers as Array<{ identifier: string; display_name: string }>;
    const identifiers = stored.map((p) => p.identifier);
    for (const gone of base.slice(0, 10)) expect(identifiers).not.toContain(gone);
    for (const kept of base.slice(10)) expect(identifiers).toContain(kept);
    const names = stored.map((p) => p.display_name);
    for (let i = 0; i < 20; i++) expect(names).toContain(`Extra ${i}`);
    expect(stored).toHaveLength(30);
  });
});
