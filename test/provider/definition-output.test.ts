/**
 * The dynamic door's `definition` output is made the first time a program reads it, from the
 * connector's outputs, and is the same Output on every read after that. A program that never
 * reads it (the root program) spends nothing on it per connector. Under Pulumi's mocks, whose
 * outputs are the inputs, as Scalekit stores a payload it accepted.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomConnector } from "pulumi-scalekit-connectors";
import { bearerPayload } from "../support/payloads";

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, identifier: `${args.name}-id` } }),
      call: () => ({}),
    },
    "scalekit-connectors",
    "dev",
  );
});

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

test("the definition output is made at its first read, once, and reads what the outputs hold", async () => {
  const connector = new CustomConnector("acme-crm", { scalekitPayload: bearerPayload("Acme CRM", { description: "CRM" }) });
  expect(Object.getOwnPropertyNames(connector)).not.toContain("definition");
  const first = connector.definition;
  expect(connector.definition).toBe(first);
  const definition = await resolved(first);
  expect(definition.displayName).toBe("Acme CRM");
  expect(definition.description).toBe("CRM");
  expect(definition.proxyUrl).toBe("https://api.example.com/v1");
});

test("a typed connector's definition reads the typed outputs", async () => {
  const connector = new CustomConnector("typed-crm", {
    displayName: "Typed CRM",
    authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", inputType: "password", required: true }] }],
    proxyUrl: "https://api.example.com/v2",
  });
  const definition = await resolved(connector.definition);
  expect(definition.displayName).toBe("Typed CRM");
  expect(definition.proxyUrl).toBe("https://api.example.com/v2");
  expect(definition.authPatterns[0]?.type).toBe("BEARER");
});
