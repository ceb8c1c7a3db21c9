import { EMULATOR_DEFAULTS, IDENTIFIER_STYLES, MAX_PAGE_SIZE, startEmulator } from "scalekit-emulator";
import { EmulatorClient, expectViolations, payload, useEmulator } from "../support/emulator-api";

const BUILT_IN_IDENTIFIERS = ["gmail", "slack", "github"];

/** Names "Connector 01" ... in creation order. */
const names = (count: number) => Array.from({ length: count }, (_, i) => `Connector ${String(i + 1).padStart(2, "0")}`);

describe.each(IDENTIFIER_STYLES)("GET /api/v1/providers with identifierStyle %s", (identifierStyle) => {
  const client = useEmulator({ identifierStyle, seed: 21 });

  /** Creates the connectors in order and returns their identifiers. */
  const createAll = async (displayNames: string[]): Promise<string[]> => {
    const identifiers: string[] = [];
    for (const name of displayNames) identifiers.push((await client().created(payload(name))).identifier);
    return identifiers;
  };
  const identifiersOf = (answer: { body: { providers: Array<{ identifier: string }> } }) =>
    answer.body.providers.map((provider) => provider.identifier);

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
    const identifiers = await createAll(names(6));
    const first = await client().list({ "filter.provider_type": "CUSTOM", page_size: "3" });
    await client().remove(identifiers[0]!);
    const second = await client().list({ "filter.provider_type": "CUSTOM", page_size: "3", page_token: first.body.next_page_token });
    expect(identifiersOf(second)).toEqual(identifiers.slice(3));
    expect(second.body.next_page_token).toBe("");
  });

  test("the answer has the documented fields and an empty next_page_token on one page", async () => {
    const [identifier] = await createAll(["Alpha"]);
    const answer = await client().list({ "filter.provider_type": "CUSTOM" });
    expect(answer.body).toEqual({
      providers: [expect.objectContaining({ identifier, display_name: "Alpha", is_custom: true })],
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

  test.each<[string, string, (mine: string) => string[]]>([
    ["CUSTOM", "custom only", (mine) => [mine]],
    ["1", "custom only (as a number)", (mine) => [mine]],
    ["DEFAULT", "built-ins only", () => BUILT_IN_IDENTIFIERS],
    ["0", "built-ins only (as a number)", () => BUILT_IN_IDENTIFIERS],
    ["ALL", "both, built-ins first", (mine) => [...BUILT_IN_IDENTIFIERS, mine]],
    ["2", "both (as a number)", (mine) => [...BUILT_IN_IDENTIFIERS, mine]],
  ])("filter.provider_type=%s lists %s", async (filter, _what, expected) => {
    const [mine] = await createAll(["Mine"]);
    const answer = await client().list({ "filter.provider_type": filter });
    expect(identifiersOf(answer)).toEqual(expected(mine!));
    expect(answer.body.total_size).toBe(expected(mine!).length);
  });

  test("without filter.provider_type only the built-in (DEFAULT) providers are listed", async () => {
    await createAll(["Mine"]);
    const answer = await client().list();
    expect(identifiersOf(answer)).toEqual(BUILT_IN_IDENTIFIERS);
    expect(answer.body.total_size).toBe(BUILT_IN_IDENTIFIERS.length);
    expect(identifiersOf(await client().list({ "filter.provider_type": "" }))).toEqual(BUILT_IN_IDENTIFIERS);
  });

  test("built-in providers are not custom", async () => {
    const answer = await client().list({ "filter.provider_type": "DEFAULT" });
    for (const provider of answer.body.providers) expect(provider).toMatchObject({ is_custom: false, is_custom_mcp: false });
  });

  test("an unknown filter.provider_type is 400 naming the accepted values", async () => {
    const answer = await client().list({ "filter.provider_type": "MINE" });
    expectViolations(answer, [["filter.provider_type", /must be one of DEFAULT \(0\), CUSTOM \(1\), ALL \(2\), got "MINE"/]]);
  });

  test.each(["3", "custom", "-1"])("filter.provider_type %j is 400", async (filter) => {
    expectViolations(await client().list({ "filter.provider_type": filter }), [["filter.provider_type", /must be one of/]]);
  });

  test("identifier is an exact match", async () => {
    const [acme] = await createAll(["Acme", "Acme CRM"]);
    const answer = await client().list({ identifier: acme!, "filter.provider_type": "CUSTOM" });
    expect(identifiersOf(answer)).toEqual([acme]);
    expect(answer.body.total_size).toBe(1);
    expect((await client().list({ identifier: acme!.slice(0, -1), "filter.provider_type": "CUSTOM" })).body.providers).toEqual([]);
  });

  test("identifier finds a custom connector with CUSTOM or ALL, not without a filter (DEFAULT)", async () => {
    const [mine] = await createAll(["Mine"]);
    expect(identifiersOf(await client().list({ identifier: mine!, "filter.provider_type": "CUSTOM" }))).toEqual([mine]);
    expect(identifiersOf(await client().list({ identifier: mine!, "filter.provider_type": "ALL" }))).toEqual([mine]);
    expect(identifiersOf(await client().list({ identifier: mine! }))).toEqual([]);
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

  test("an empty identifier means no identifier filter", async () => {
    await createAll(["Mine"]);
    const answer = await client().list({ identifier: "", "filter.provider_type": "CUSTOM" });
    expect(answer.body.total_size).toBe(1);
  });

  test.each(["acme crm", "acme/crm", "acmé", "a.b"])("identifier %j is 400", async (identifier) => {
    expectViolations(await client().list({ identifier }), [["identifier", /may only hold letters, digits/]]);
  });

  test("identifier over 255 characters is 400, 255 are accepted", async () => {
    expectViolations(await client().list({ identifier: "a".repeat(256) }), [["identifier", /at most 255 characters long, it has 256/]]);
    expect((await client().list({ identifier: "a".repeat(255) })).status).toBe(200);
  });

  test.each(["ten", "-1", "1.5", "1e3"])("page_size %j is 400", async (pageSize) => {
    expectViolations(await client().list({ page_size: pageSize }), [["page_size", /must be a whole number/]]);
  });

  test.each(["garbage", "YWZ0ZXI6eA", "bm90OmE6dG9rZW4"])("page_token %j is 400", async (pageToken) => {
    expectViolations(await client().list({ page_token: pageToken }), [["page_token", /is not a page token issued by this server/]]);
  });

  test("every bad query parameter is named in one answer", async () => {
    const answer = await client().list({ "filter.provider_type": "X", page_size: "big", identifier: "a b", page_token: "zz" });
    expectViolations(answer, [
      ["filter.provider_type", /must be one of/, "enum.defined_only"],
      ["page_size", /whole number/, "type.uint32"],
      ["identifier", /may only hold/, "string.pattern"],
      ["page_token", /not a page token/, "page_token.issued"],
    ]);
  });
});

describe("page size clamping", () => {
  test("the default largest page is the assumed 1000 (the page size the docs and the skill ask for)", () => {
    expect(MAX_PAGE_SIZE).toBe(1000);
    expect(EMULATOR_DEFAULTS.maxPageSize).toBe(MAX_PAGE_SIZE);
  });

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
