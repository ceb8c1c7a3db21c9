/**
 * How a failed call reads, for both doors (core/failure-report.ts): the error's own message once,
 * Scalekit's words kept, no stack frame and no secret; the stack trace only when SCALEKIT_DEBUG or
 * a flowed `-v=N` asks for it; a JavaScript error named as a bug of the provider. And the dynamic
 * door's filter of the host's echo (dynamic/host-error-echo.ts): exactly the line the host writes
 * for an error thrown there is dropped, once per error, and nothing else.
 */
import { ScalekitApiError, ScalekitTransportError } from "pulumi-scalekit-connectors";
import { debugRequested, failureForHost, failureText, readScalekitError, UnreadableAnswerError } from "pulumi-scalekit-connectors/internal";

const secret = "Sk-test-s3cret-\"quoted\"-value";
const quiet = { secrets: [secret], debug: false };
const verbose = { secrets: [secret], debug: true };

/** Scalekit's published 401 body (scalekit-api.md, "Errors"). */
const unauthenticated = JSON.stringify({
  code: 16,
  message: "client_id or client_secret is wrong for this environment",
  details: [{ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: "UNAUTHENTICATED" }],
});

const operationalErrors: [string, Error][] = [
  ["a 401 from the token endpoint", new ScalekitApiError("Getting a Scalekit access token", 401, readScalekitError(unauthenticated), {}, "POST")],
  ["a 503 after the retries", new ScalekitApiError("Listing Scalekit connectors", 503, readScalekitError('{"code":14,"message":"upstream connect error"}'), {}, "GET")],
  ["a 429 after the retries", new ScalekitApiError("Creating connector \"Acme\"", 429, readScalekitError('{"code":8,"message":"too many requests"}'), {}, "POST")],
  ["a maintenance page", new UnreadableAnswerError("Listing Scalekit connectors", 200, "text/html", "a body that is not JSON", "<html> Down for maintenance")],
  ["Scalekit unreachable", new ScalekitTransportError("Listing Scalekit connectors", "connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED")],
];

describe("failureText", () => {
  test.each(operationalErrors)("%s reads as its own message, once, without a stack frame", (_case, error) => {
    expect(error.stack).toMatch(/\n\s+at /);
    const text = failureText(error, quiet);
    expect(text).toBe(error.message);
    expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    expect(text).not.toContain(error.name);
    expect(text.split(error.message.slice(0, 40)).length - 1).toBe(1);
  });

  test("Scalekit's words, what failed and what to do next are all kept", () => {
    const text = failureText(operationalErrors[0]![1], quiet);
    expect(text).toBe(
      "Getting a Scalekit access token failed: Scalekit answered 401 Unauthenticated: client_id or client_secret is wrong for this environment. " +
        "Check scalekit:clientId and scalekit:clientSecret (or SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET): they must be the API client of this environment.",
    );
  });

  test("a refusal listing Scalekit's objections keeps one line per objection", () => {
    const body = JSON.stringify({
      code: 3,
      message: "invalid request",
      details: [{ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", validation_error_info: { field_violations: [{ field: "key_id", description: "must be unique" }] } }],
    });
    const error = new ScalekitApiError('Creating connector "Acme"', 400, readScalekitError(body), {}, "POST");
    expect(failureText(error, quiet)).toBe(error.message);
    expect(failureText(error, quiet)).toContain("\n  - key_id: must be unique");
  });

  test("with debug, the stack's frames follow the message, which is said once", () => {
    const error = operationalErrors[3]![1];
    const [first, ...rest] = failureText(error, verbose).split("\n");
    expect(first).toBe(error.message);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((line) => /^\s+at /.test(line))).toBe(true);
    expect(rest.join("\n")).toContain("failure-report.test");
  });

  test.each([
    ["as written", `refused: ${secret}`],
    ["JSON-escaped", `refused: ${JSON.stringify(secret)}`],
    ["URL-encoded", `refused: ${encodeURIComponent(secret)}`],
  ])("a secret in the message (%s) never leaves, with or without debug", (_form, message) => {
    for (const options of [quiet, verbose]) {
      const text = failureText(new Error(message), options);
      expect(text).toContain("[redacted]");
      expect(text).not.toContain("s3cret");
    }
  });

  test("a secret thrown as a plain value is redacted too", () => {
    expect(failureText(`bad ${secret}`, quiet)).toBe("bad [redacted]");
  });

  test("a JavaScript error is named as a bug, with how to see where it happened", () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'identifier')");
    expect(failureText(error, quiet)).toBe(
      "TypeError: Cannot read properties of undefined (reading 'identifier'). This is a bug of the Scalekit provider, not an answer of Scalekit's; " +
        "run the command again with SCALEKIT_DEBUG=1 to see where it happened, and report it with that trace.",
    );
    const withTrace = failureText(error, verbose).split("\n");
    expect(withTrace[0]).toMatch(/^TypeError: .* please report it with the trace below\.$/);
    expect(withTrace[1]).toMatch(/^\s+at /);
  });

  test("an error without a message says so", () => {
    expect(failureText(new Error(""), quiet)).toBe("(no message)");
  });
});

describe("debugRequested", () => {
  test.each([
    [{}, [], false],
    [{ SCALEKIT_DEBUG: "1" }, [], true],
    [{ SCALEKIT_DEBUG: "true" }, [], true],
    [{ SCALEKIT_DEBUG: "yes" }, [], true],
    [{ SCALEKIT_DEBUG: "0" }, [], false],
    [{ SCALEKIT_DEBUG: "false" }, [], false],
    [{ SCALEKIT_DEBUG: " Off " }, [], false],
    [{ SCALEKIT_DEBUG: "" }, [], false],
    [{}, ["node", "plugin", "--logtostderr", "-v=9", "127.0.0.1:4000"], true],
    [{}, ["node", "plugin", "-v=1", "127.0.0.1:4000"], true],
    [{}, ["node", "plugin", "-v=0", "127.0.0.1:4000"], false],
    [{}, ["node", "plugin", "127.0.0.1:4000"], false],
    [{}, ["node", "plugin", "-verbose", "127.0.0.1:4000"], false],
  ] as [NodeJS.ProcessEnv, string[], boolean][])("env %j, arguments %j: %s", (env, argv, expected) => {
    expect(debugRequested(env, argv)).toBe(expected);
  });
});

describe("failureForHost (the dynamic provider host's echo)", () => {
  let written: unknown[][];
  let original: typeof console.error;

  beforeEach(() => {
    written = [];
    original = console.error;
    // What the real console.error would write, seen from below the filter failureForHost installs.
    console.error = (...args: unknown[]) => void written.push(args);
  });

  afterEach(() => {
    console.error = original;
  });

  /** What @pulumi/pulumi/cmd/dynamic-provider writes for a failed check, diff, read or delete. */
  function hostEcho(error: Error): void {
    console.error(`${error}: ${error.stack}`);
  }

  test("the error's message is the text exactly, and the host's echo of it is dropped once per error", () => {
    const text = `Listing Scalekit connectors failed: maintenance ${Math.random()}`;
    const first = failureForHost(text);
    const second = failureForHost(text);
    expect(first.message).toBe(text);
    hostEcho(first);
    hostEcho(second);
    expect(written).toEqual([]);
    // A third echo of the same text, with no error thrown for it, is written as it was.
    hostEcho(first);
    expect(written).toEqual([[`Error: ${text}: Error: ${text}`]]);
  });

  test("anything else written to console.error passes unchanged", () => {
    failureForHost(`some failure ${Math.random()}`);
    const other = new Error("another dynamic provider's failure");
    hostEcho(other);
    console.error("plain", 42);
    expect(written).toEqual([[`${other}: ${other.stack}`], ["plain", 42]]);
  });
});
