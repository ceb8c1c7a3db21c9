/** examples/api-connectors with the real Pulumi CLI against an emulator. */
import { createdConnectors, useExample } from "../../support/example-project";

jest.setTimeout(10 * 60 * 1000);

const example = useExample("api-connectors");

test("preview plans one create per auth type and sends nothing", async () => {
  const preview = await example().ok(["preview"]);
  expect(createdConnectors(preview.output)).toEqual(["geo-lookup", "incident-desk", "payroll-hub", "project-board"]);
  expect(preview.output).toContain("+ 5 to create");
  expect(await example().connectors()).toEqual([]);
});

test("up creates them in Scalekit with their auth types", async () => {
  const up = await example().ok(["up", "--yes", "--skip-preview"]);
  expect(up.output).toContain("+ 5 created");
  const byName = Object.fromEntries((await example().connectors()).map((c) => [c.display_name, c]));
  expect(Object.keys(byName).sort()).toEqual(["Geo Lookup", "Incident Desk", "Payroll Hub", "Project Board"]);
  expect(byName["Project Board"].auth_patterns[0].type).toBe("OAUTH");
  expect(byName["Payroll Hub"].auth_patterns[0].type).toBe("BASIC");
  expect(byName["Incident Desk"].auth_patterns[0].type).toBe("BEARER");
  expect(byName["Geo Lookup"].auth_patterns[0]).toMatchObject({ type: "API_KEY", auth_header_key_override: "X-Api-Key", auth_field_mutations: { api_key: { prefix: "key-" } } });
  const outputs = JSON.parse((await example().ok(["stack", "output", "--json"])).stdout);
  // Each output is the identifier Scalekit chose for that connector.
  expect(outputs.identifiers).toEqual({
    projectBoard: byName["Project Board"].identifier,
    payrollHub: byName["Payroll Hub"].identifier,
    incidentDesk: byName["Incident Desk"].identifier,
    geoLookup: byName["Geo Lookup"].identifier,
  });
});
