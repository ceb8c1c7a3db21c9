/** examples/mcp-connectors with the real Pulumi CLI against an emulator. */
import { createdConnectors, useExample } from "../../support/example-project";

jest.setTimeout(10 * 60 * 1000);

const example = useExample("mcp-connectors");

test("preview plans the three MCP connectors and sends nothing", async () => {
  const preview = await example().ok(["preview"]);
  expect(createdConnectors(preview.output)).toEqual(["currency-mcp", "deploy-mcp", "wiki-mcp"]);
  expect(preview.output).toContain("+ 4 to create");
  expect(await example().connectors()).toEqual([]);
});

test("up creates them as MCP connectors", async () => {
  await example().ok(["up", "--yes", "--skip-preview"]);
  const byName = Object.fromEntries((await example().connectors()).map((c) => [c.display_name, c]));
  expect(Object.keys(byName).sort()).toEqual(["Deploy Bot MCP", "Open Currency MCP", "Team Wiki MCP"]);
  expect(byName["Team Wiki MCP"].auth_patterns).toEqual([expect.objectContaining({ type: "OAUTH", is_mcp: true, oauth_config: { pkce_enabled: true } })]);
  expect(byName["Deploy Bot MCP"].auth_patterns[0]).toMatchObject({ type: "BEARER", is_mcp: true });
  expect(byName["Open Currency MCP"].auth_patterns[0]).toMatchObject({ type: "NO_AUTH", is_mcp: true });
  const outputs = JSON.parse((await example().ok(["stack", "output", "--json"])).stdout);
  expect(outputs.connectors).toEqual({
    wikiMcp: { identifier: byName["Team Wiki MCP"].identifier, isMcp: true },
    deployMcp: { identifier: byName["Deploy Bot MCP"].identifier, isMcp: true },
    currencyMcp: { identifier: byName["Open Currency MCP"].identifier, isMcp: true },
  });
});
