import { startEmulator } from "scalekit-emulator";
import { EmulatorClient, expectErrorBody, payload, useEmulator } from "./helpers";

const BUILT_IN_IDENTIFIERS = ["gmail", "slack", "github"];

/** Names "Connector 01" ... in creation order. */
const names = (count: number) => Array.from({ length: count }, (_, i) => `Connector ${String(i + 1).padStart(2, "0")}`);

describe("GET /api/v1/providers", () => {
  const client = useEmulator();

  const createAll = async (displayNames: string[]) => {
    for (const name of displayNames) expect((await client().create(payload(name))).status).toBe(201);
  };

  test("pages through 25 custom connectors, 10 at a time, in creation order", async () => {
    await createAll(names(25));
    const seen: string[] = [];
    const pages: number[] = [];
    let token = "";
    do {
      const query: Record<string, string> = { "filter.provider_type": "CUSTOM", page_size: "10" };
      if (token) query.page_token = token;
      const answer = await client().list(query);
      expect(answer.status).toBe(200);
      expect(answer.body.total_size).toBe(25);
      pages.push(answer.body.providers.length);
      seen.push(...answer.body.providers.map((p: { display_name: string }) => p.display_name));
      token = answer.body.next_page_token;
    } while (token !== "" && pages.length < 10);
    expect(pages).toEqual([10, 10, 5]);
    expect(seen).toEqual(names(25));
  });

  test("prev_page_token is empty on the first page and leads back from later pages", async () => {
    await createAll(names(25));
    const first = await client().list({ "filter.provider_type": "CUSTOM", page_size: "10" });
    expect(first.body.prev_page_token).toBe("");
    const second = await client().list({ "filter.provider_type": "CUSTOM", page_size: "10", page_token: first.body.next_page_token });
    expect(second.body.prev_page_token).not.toBe("");
    const back = await client().list({ "filter.provider_type": "CUSTOM", page_size: "10", page_token: second.body.prev_page_token });
    expect(back.body.providers).toEqual(first.body.providers);
    expect(back.body.prev_page_token).toBe("");
  });

  test("a connector deleted between two pages does not make the next page skip one", async () => {
    await createAll(names(6));
    const first = await client().list({ "filter.provider_type": "CUSTOM", page_size: "3" });
    await client().remove("connector01");
    const second = await client().list({ "filter.provider_type": "CUSTOM", page_size: "3", page_token: first.body.next_page_token });
    expect(second.body.providers.map((p: { identifier: string }) => p.identifier)).toEqual(["connector04", "connector05", "connector06"]);
    expect(second.body.next_page_token).toBe("");
  });

  test("the answer has the documented fields and an empty next_page_token on one page", async () => {
    await createAll(["Alpha"]);
    const answer = await client().list({ "filter.provider_type": "CUSTOM" });
    expect(answer.body).toEqual({
      providers: [expect.objectContaining({ identifier: "alpha", is_custom: true })],
      next_page_token: "",
      prev_page_token: "",
      total_size: 1,
    });
  });

  test("the default page size is 50", async () => {
    await createAll(names(55).map((name) => name.replace("Connector", "Item")));
    const answer = await client().list({ "filter.provider_type": "CUSTOM" });
    expect(answer.body.providers).toHaveLength(50);
    expect(answer.body.next_page_token).not.toBe("");
  });

  test.each<[string, string, string[]]>([
    ["CUSTOM", "custom only", ["mine"]],
    ["1", "custom only (as a number)", ["mine"]],
    ["DEFAULT", "built-ins only", BUILT_IN_IDENTIFIERS],
    ["0", "built-ins only (as a number)", BUILT_IN_IDENTIFIERS],
    ["ALL", "both, built-ins first", [...BUILT_IN_IDENTIFIERS, "mine"]],
    ["2", "both (as a number)", [...BUILT_IN_IDENTIFIERS, "mine"]],
  ])("filter.provider_type=%s lists %s", async (filter, _what, expected) => {
    await createAll(["Mine"]);
    const answer = await client().list({ "filter.provider_type": filter });
    expect(answer.body.providers.map((p: { identifier: string }) => p.identifier)).toEqual(expected);
    expect(answer.body.total_size).toBe(expected.length);
  });

  test("without filter.provider_type every provider is listed", async () => {
    await createAll(["Mine"]);
    const answer = await client().list();
    expect(answer.body.providers.map((p: { identifier: string }) => p.identifier)).toEqual([...BUILT_IN_IDENTIFIERS, "mine"]);
  });

  test("built-in providers are not custom", async () => {
    const answer = await client().list({ "filter.provider_type": "DEFAULT" });
    for (const provider of answer.body.providers) expect(provider).toMatchObject({ is_custom: false, is_custom_mcp: false });
  });

  test("an unknown filter.provider_type is 400", async () => {
    const answer = await client().list({ "filter.provider_type": "MINE" });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /filter\.provider_type "MINE" is not one of DEFAULT \(0\), CUSTOM \(1\), ALL \(2\)/);
  });

  test("a filter number out of range is 400", async () => {
    expect((await client().list({ "filter.provider_type": "3" })).status).toBe(400);
  });

  test("identifier is an exact match", async () => {
    await createAll(["Acme", "Acme CRM"]);
    const answer = await client().list({ identifier: "acme" });
    expect(answer.body.providers.map((p: { identifier: string }) => p.identifier)).toEqual(["acme"]);
    expect(answer.body.total_size).toBe(1);
    expect((await client().list({ identifier: "acm" })).body.providers).toEqual([]);
  });

  test("identifier also finds built-in providers unless filtered to CUSTOM", async () => {
    expect((await client().list({ identifier: "gmail" })).body.providers).toHaveLength(1);
    expect((await client().list({ identifier: "gmail", "filter.provider_type": "CUSTOM" })).body.providers).toHaveLength(0);
  });

  test("identifier with allowed punctuation is accepted", async () => {
    const answer = await client().list({ identifier: "a_b:c-d" });
    expect(answer.status).toBe(200);
    expect(answer.body.providers).toEqual([]);
  });

  test.each(["acme crm", "acme/crm", "acmé", "a.b"])("identifier %j is 400", async (identifier) => {
    const answer = await client().list({ identifier });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /identifier .* may only hold letters, digits/);
  });

  test.each(["ten", "-1", "1.5", "1e3"])("page_size %j is 400", async (pageSize) => {
    const answer = await client().list({ page_size: pageSize });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /page_size must be a whole number/);
  });

  test.each(["garbage", "YWZ0ZXI6eA", "bm90OmE6dG9rZW4"])("page_token %j is 400", async (pageToken) => {
    const answer = await client().list({ page_token: pageToken });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /page_token .* is not a page token issued by this server/);
  });
});

describe("page size clamping", () => {
  test("page_size above maxPageSize is clamped to it", async () => {
    const client = new EmulatorClient(await startEmulator({ maxPageSize: 4 }));
    try {
      for (const name of names(6)) await client.create(payload(name));
      const answer = await client.list({ "filter.provider_type": "CUSTOM", page_size: "100" });
      expect(answer.status).toBe(200);
      expect(answer.body.providers).toHaveLength(4);
      expect(answer.body.total_size).toBe(6);
      expect(answer.body.next_page_token).not.toBe("");
    } finally {
      await client.emulator.close();
    }
  });
});
