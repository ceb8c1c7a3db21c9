/**
 * How Scalekit's error bodies read: the one reader (gRPC-gateway bodies, ErrorInfo with
 * error_code and field violations, OAuth token errors, plain text), the messages of
 * ScalekitApiError, secrets redacted, and the recogniser and message of a delete refused because
 * the connector is in use, also against the emulator.
 */
import { ScalekitApiError, ScalekitTransportError } from "pulumi-scalekit-connectors";
import {
  connectorInUseMessage,
  errorInfoType,
  isConnectorInUseRefusal,
  normalizeDefinition,
  readScalekitError,
  ScalekitClient,
  toScalekitPayload,
  validateDefinition,
  type ScalekitErrorBody,
} from "pulumi-scalekit-connectors/internal";
import { DEFAULT_MODES, DELETE_IN_USE_MODES, type DeleteInUseMode } from "scalekit-emulator";
import { TestEnvironment } from "../support/test-environment";
import { bearerArgs } from "../support/payloads";

function errorInfo(violations: { field: string; description: string }[], errorCode = "INVALID_REQUEST") {
  return { "@type": errorInfoType, error_code: errorCode, validation_error_info: { field_violations: violations } };
}

function body(grpcCode: number | undefined, message: string, extra: Partial<ScalekitErrorBody> = {}): ScalekitErrorBody {
  return { grpcCode, message, fieldViolations: [], ...extra };
}

describe("readScalekitError", () => {
  test("a gRPC-gateway body with an ErrorInfo: code, message, error_code and field violations in order", () => {
    const text = JSON.stringify({
      code: 3,
      message: "invalid custom provider",
      details: [errorInfo([
        { field: "proxy_url", description: "must start with https://" },
        { field: "auth_patterns[0].type", description: "must be one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH" },
      ])],
    });
    expect(readScalekitError(text)).toEqual({
      grpcCode: 3,
      message: "invalid custom provider",
      errorCode: "INVALID_REQUEST",
      fieldViolations: [
        { field: "proxy_url", description: "must start with https://" },
        { field: "auth_patterns[0].type", description: "must be one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH" },
      ],
    });
  });

  test("protojson's lowerCamelCase names read the same", () => {
    const text = JSON.stringify({
      code: 3,
      message: "invalid",
      details: [{ "@type": errorInfoType, errorCode: "BAD", validationErrorInfo: { fieldViolations: [{ field: "icon_src", description: "must start with https://" }] } }],
    });
    expect(readScalekitError(text)).toMatchObject({ errorCode: "BAD", fieldViolations: [{ field: "icon_src", description: "must start with https://" }] });
  });

  test("google.rpc.BadRequest violations are read too; unknown details are ignored", () => {
    const text = JSON.stringify({
      code: 3,
      message: "bad",
      details: [
        { "@type": "type.googleapis.com/google.rpc.BadRequest", field_violations: [{ field: "metadata", description: "at most 20 pairs" }] },
        { "@type": "type.googleapis.com/google.rpc.RequestInfo", request_id: "r1" },
        "not an object",
      ],
    });
    expect(readScalekitError(text)).toEqual({ grpcCode: 3, message: "bad", errorCode: undefined, fieldViolations: [{ field: "metadata", description: "at most 20 pairs" }] });
  });

  test("an OAuth error from the token endpoint: error_description, else error", () => {
    expect(readScalekitError(JSON.stringify({ error: "invalid_client", error_description: "client authentication failed" })).message).toBe("client authentication failed");
    expect(readScalekitError(JSON.stringify({ error: "invalid_client" })).message).toBe("invalid_client");
  });

  test("a body that is not JSON is kept as text, whitespace collapsed, at most 500 characters", () => {
    expect(readScalekitError("<html>\n  <body>Bad gateway</body>\n</html>")).toEqual({ message: "<html> <body>Bad gateway</body> </html>", fieldViolations: [] });
    expect(readScalekitError("x".repeat(2_000)).message).toHaveLength(500);
    expect(readScalekitError("")).toEqual({ message: "", fieldViolations: [] });
  });

  test("secrets are redacted in the message, the error code and every violation, also past the length limit", () => {
    const secret = "s3cr3t-token-value";
    const text = JSON.stringify({
      code: 3,
      message: `${"y".repeat(495)}${secret}`,
      details: [errorInfo([{ field: `header ${secret}`, description: `got ${secret}` }], `CODE_${secret}`)],
    });
    const read = readScalekitError(text, [secret]);
    expect(JSON.stringify(read)).not.toContain(secret);
    expect(JSON.stringify(read)).not.toContain("s3cr3t");
    expect(read.fieldViolations).toEqual([{ field: "header [redacted]", description: "got [redacted]" }]);
    expect(readScalekitError(`plain ${secret}`, [secret]).message).toBe("plain [redacted]");
  });
});

describe("ScalekitApiError messages", () => {
  test("field violations are listed after Scalekit's message, one a line, in Scalekit's words", () => {
    const error = new ScalekitApiError(
      'Creating connector "Acme CRM"',
      400,
      body(3, "invalid custom provider.", {
        errorCode: "INVALID_REQUEST",
        fieldViolations: [
          { field: "proxy_url", description: "must start with https://" },
          { field: "display_name", description: "must match ^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$" },
        ],
      }),
      undefined,
      "POST",
    );
    expect(error.message).toBe(
      'Creating connector "Acme CRM" failed: Scalekit answered 400 InvalidArgument (INVALID_REQUEST): invalid custom provider.\n' +
        "  - proxy_url: must start with https://\n" +
        "  - display_name: must match ^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$",
    );
    expect(error.fieldViolations).toHaveLength(2);
    expect(error.errorCode).toBe("INVALID_REQUEST");
    expect(error.grpcCode).toBe(3);
    expect(error.serverMessage).toBe("invalid custom provider.");
  });

  test("an error_code that only repeats the code's name (Scalekit's published 401) is not shown twice", () => {
    const published = readScalekitError(
      '{"code":16,"message":"Token empty","details":[{"@type":"type.googleapis.com/scalekit.v1.errdetails.ErrorInfo","error_code":"UNAUTHENTICATED"}]}',
    );
    expect(published).toEqual({ grpcCode: 16, message: "Token empty", errorCode: "UNAUTHENTICATED", fieldViolations: [] });
    const error = new ScalekitApiError("Listing Scalekit connectors", 401, published, undefined, "GET");
    expect(error.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 401 Unauthenticated: Token empty\. Check scalekit:clientId/);
    expect(error.errorCode).toBe("UNAUTHENTICATED");
    expect(new ScalekitApiError("x", 409, body(6, "taken", { errorCode: "ALREADY_EXISTS" })).message).toBe("x failed: Scalekit answered 409 AlreadyExists: taken.");
    expect(new ScalekitApiError("x", 409, body(6, "taken", { errorCode: "NAME_TAKEN" })).message).toBe("x failed: Scalekit answered 409 AlreadyExists (NAME_TAKEN): taken.");
  });

  test("a field violation's constraint does not change how it reads", () => {
    const text = JSON.stringify({
      code: 3,
      message: "the create request is invalid",
      details: [{ "@type": errorInfoType, error_code: "INVALID_ARGUMENT", validation_error_info: { field_violations: [{ field: "proxy_url", description: "must start with https://", constraint: "string.prefix" }] } }],
    });
    const error = new ScalekitApiError('Creating connector "Acme"', 400, readScalekitError(text), undefined, "POST");
    expect(error.message).toBe('Creating connector "Acme" failed: Scalekit answered 400 InvalidArgument: the create request is invalid.\n  - proxy_url: must start with https://');
  });

  test("without violations the message stays one line; advice follows it", () => {
    const error = new ScalekitApiError("Listing Scalekit connectors", 503, body(14, "unavailable"), undefined, "GET");
    expect(error.message).toBe("Listing Scalekit connectors failed: Scalekit answered 503 Unavailable: unavailable. Scalekit stayed unavailable after the retries; try again in a few minutes.");
    expect(new ScalekitApiError("x", 418, body(undefined, "")).message).toBe("x failed: Scalekit answered 418: (no message).");
  });

  test("a 403 outside a delete keeps the permissions advice", () => {
    const error = new ScalekitApiError('Updating connector "Acme" (acme)', 403, body(7, "permission denied"), undefined, "PUT");
    expect(error.message).toMatch(/permission denied\. The API client of this environment is not allowed to manage custom connectors; check its permissions in the Scalekit dashboard\.$/);
  });

  test("a 403 on a delete names both causes", () => {
    const error = new ScalekitApiError("Deleting connector acme", 403, body(7, "connector is in use"), undefined, "DELETE");
    expect(error.message).toMatch(/connector is in use\. Either the connector still has connections or connected accounts \(remove them in the Scalekit dashboard first\), or the API client of this environment is not allowed to delete connectors/);
  });
});

describe("isConnectorInUseRefusal", () => {
  const refusal = (status: number, grpcCode: number | undefined, method?: string) => new ScalekitApiError("Deleting connector acme", status, body(grpcCode, "refused"), undefined, method);

  test.each([
    ["403 PermissionDenied on a delete", refusal(403, 7, "DELETE"), true],
    ["403 without a code on a delete", refusal(403, undefined, "DELETE"), true],
    ["400 FailedPrecondition on a delete", refusal(400, 9, "DELETE"), true],
    ["403 PermissionDenied, method unknown", refusal(403, 7), true],
    ["400 InvalidArgument on a delete", refusal(400, 3, "DELETE"), false],
    ["400 without a code on a delete", refusal(400, undefined, "DELETE"), false],
    ["404 NotFound on a delete", refusal(404, 5, "DELETE"), false],
    ["409 AlreadyExists", refusal(409, 6, "POST"), false],
    ["403 PermissionDenied on an update", refusal(403, 7, "PUT"), false],
    ["400 FailedPrecondition on a create", refusal(400, 9, "POST"), false],
    ["a transport error", new ScalekitTransportError("Deleting connector acme", "ECONNRESET", "ECONNRESET"), false],
    ["a plain error", new Error("403"), false],
    ["not an error", { status: 403, grpcCode: 7 }, false],
  ])("%s: %s", (_label, error, expected) => {
    expect(isConnectorInUseRefusal(error)).toBe(expected);
  });
});

describe("connectorInUseMessage", () => {
  const error = new ScalekitApiError(
    'Deleting connector "Acme CRM" (prov_123)',
    403,
    body(7, 'connector "acme" still has 2 connections and 1 connected account.'),
    undefined,
    "DELETE",
  );

  test("names the connector, quotes Scalekit, gives both causes and what to do, and says it stays in the stack", () => {
    expect(connectorInUseMessage({ identifier: "prov_123", displayName: "Acme CRM" }, error)).toBe(
      'Scalekit refused to delete connector "Acme CRM" (identifier prov_123) (403 PermissionDenied: "connector "acme" still has 2 connections and 1 connected account"). ' +
        "Either the connector is still in use: connections or connected accounts are still attached to it; remove them in the Scalekit dashboard first. " +
        "Or the API client of this environment is not allowed to delete connectors; check its permissions in the Scalekit dashboard. " +
        "Then run the command again. The connector stays in the Pulumi stack until it is deleted.",
    );
  });

  test("without a display name, by identifier; without Scalekit's words, says so", () => {
    const silent = new ScalekitApiError("Deleting connector acme", 400, body(9, ""), undefined, "DELETE");
    expect(connectorInUseMessage({ identifier: "acme" }, silent)).toMatch(/^Scalekit refused to delete connector "acme" \(400 FailedPrecondition, without a message\)\. Either/);
  });
});

describe("a connector in use, against the emulator", () => {
  const environments: TestEnvironment[] = [];
  const clients: ScalekitClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(environments.map((started) => started.close()));
  });

  // The emulator's ways of refusing (Scalekit documents no status), and its default, each with the answer it gives.
  const refusals: Record<DeleteInUseMode, string> = { "permission-denied": "403 PermissionDenied", "failed-precondition": "400 FailedPrecondition" };
  const styles = [{ style: "default", answer: refusals[DEFAULT_MODES.deleteInUse], options: {} }, ...DELETE_IN_USE_MODES.map((mode) => ({ style: mode, answer: refusals[mode], options: { deleteInUse: mode } }))];
  test.each(styles)("refusal style $style: answered $answer, recognised, and the message quotes Scalekit", async ({ answer, options }) => {
    const env = await TestEnvironment.start(options);
    environments.push(env);
    const client = new ScalekitClient(env.credentials, { retry: { minDelayMs: 5, maxDelayMs: 20 } });
    clients.push(client);
    const result = validateDefinition(bearerArgs("Busy Connector"));
    if (!result.ok) throw new Error("fixture is invalid");
    const created = await client.create(toScalekitPayload(normalizeDefinition(result.definition)));
    await env.setUsage(created.identifier, 2, 1);
    let refused: unknown;
    try {
      await client.delete(created.identifier, created.displayName);
    } catch (error) {
      refused = error;
    }
    expect(isConnectorInUseRefusal(refused)).toBe(true);
    const error = refused as ScalekitApiError;
    expect(error.method).toBe("DELETE");
    expect(error.message).toMatch(new RegExp(`^Deleting connector "Busy Connector" \\(.+\\) failed: Scalekit answered ${answer}: `));
    expect(error.message).toContain("remove them in the Scalekit dashboard first");
    const message = connectorInUseMessage({ identifier: created.identifier, displayName: created.displayName }, error);
    expect(message).toContain(`"${error.serverMessage.replace(/\.+$/, "")}"`);
    expect(message).toContain("check its permissions");
    expect(message).not.toContain(env.emulator.clientSecret);
    expect(await env.connectors()).toHaveLength(1);
  });
});
