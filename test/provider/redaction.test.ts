/**
 * Redaction covers every secret the provider knows, in both doors: an error from Scalekit or a
 * proxy that quotes a declared credential (a mutation's default password), as written, JSON-escaped,
 * escaped with `\u` only or cut at the message's length limit, reaches the user as `[redacted]`,
 * whether or not the program marked the value secret. A JSON parse error never quotes its input.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readDefinitionFiles } from "pulumi-scalekit-connectors";
import { answerObject, redact, secretSignature, specialSignatureKey, UnreadableAnswerError, WireSession } from "pulumi-scalekit-connectors/internal";
import { ScriptedScalekit, type RawAnswer } from "../support/scripted-scalekit";

/** A password with every character JSON escapes, non-ASCII ones and one beyond the BMP, between two random parts. */
function newPassword(): { password: string; head: string; tail: string } {
  const head = `Hd${randomBytes(5).toString("hex")}`;
  const tail = `Tl${randomBytes(5).toString("hex")}`;
  return { password: `${head}"q\\b/\n\té😀${tail}`, head, tail };
}

/** JSON's text with every non-ASCII unit written as a `\u` escape in lower case, as ASCII-only encoders write it. */
function asciiOnly(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

describe("redact", () => {
  const { password, head, tail } = newPassword();
  test.each([
    ["as written", password],
    ["JSON-escaped", JSON.stringify(password)],
    ["JSON-escaped, ASCII only (lower-case hex)", asciiOnly(JSON.stringify(password))],
    ["JSON-escaped, ASCII only (upper-case hex)", asciiOnly(JSON.stringify(password)).replace(/\\u([0-9a-f]{4})/g, (_all, hex: string) => `\\u${hex.toUpperCase()}`)],
    ["escaped twice (JSON quoted inside a JSON string)", JSON.stringify(JSON.stringify({ password }))],
    ["with its slash escaped", JSON.stringify(password).replace("/", "\\/")],
    ["URL-encoded", new URLSearchParams({ password }).toString()],
  ])("%s", (_form, written) => {
    const text = `refused: ${written} (end)`;
    const redacted = redact(text, [password]);
    expect(redacted).not.toContain(head);
    expect(redacted).not.toContain(tail);
    expect(redacted).toContain("[redacted]");
    expect(redacted.endsWith(" (end)")).toBe(true);
  });
});

describe("a JSON parse error never quotes its input", () => {
  const value = `sk-${randomBytes(8).toString("hex")}`;
  test.each([
    ["a bare word where a value belongs", `{"password": ${value}}`],
    ["JSON cut short", `{"password": "${value}`],
    ["a control character in a string", `{"password": "${value}\u0001"}`],
  ])("in an answer: %s", (_name, text) => {
    let error: UnreadableAnswerError | undefined;
    try {
      answerObject({ operation: "Listing Scalekit connectors", status: 200, contentType: "application/json", text }, []);
    } catch (caught) {
      error = caught as UnreadableAnswerError;
    }
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    // What is wrong, in words (the body's excerpt, with its string values masked, is apart).
    expect(error!.problem).toMatch(/^JSON that breaks off or does not parse \((it is not valid JSON|it breaks off before the JSON ends|a string holds a raw control character)/);
    expect(error!.problem).not.toContain(value.slice(3));
  });

  test("in a definition file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redaction-"));
    try {
      fs.writeFileSync(path.join(dir, "broken.json"), `{"display_name": "Broken", "auth_patterns": [{"auth_field_mutations": {"password": {"default": ${value}}}}]}`);
      let message = "";
      try {
        readDefinitionFiles(dir);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/broken\.json is not valid JSON \(it is not valid JSON\)/);
      expect(message).not.toContain(value.slice(3));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** How the stand-in answers a write: each quotes the password one way. */
const answers: [string, (password: string) => (body: string) => RawAnswer][] = [
  ["a proxy's text echoing the request's JSON body", () => (body) => ({ status: 400, contentType: "text/plain", body: `upstream refused the request: ${body}` })],
  ["a proxy's text echoing the body escaped to ASCII", () => (body) => ({ status: 400, contentType: "text/plain", body: `upstream refused: ${asciiOnly(body)}` })],
  [
    "Scalekit's JSON error quoting the value",
    (password) => () => ({ status: 400, contentType: "application/json", body: JSON.stringify({ code: 3, message: `auth_field_mutations.password.default ${password} is not accepted` }) }),
  ],
  // The message keeps 500 characters: the password starts 6 before the cut.
  ["a page quoting the value where the message is cut", (password) => () => ({ status: 400, contentType: "text/html", body: `<p>${"x".repeat(491)}${password} rest</p>` })],
];

function basicConnector(displayName: string, password: unknown): Record<string, unknown> {
  return {
    displayName,
    authPatterns: [{ type: "BASIC", displayName: "Basic", fields: [{ fieldName: "username", label: "User", inputType: "text" }], authFieldMutations: { password: { default: password } } }],
    proxyUrl: "https://api.example.com",
  };
}

function expectRedacted(message: string, secret: { password: string; head: string; tail: string }): void {
  expect(message).toMatch(/400/);
  // The message's length limit may cut the marker itself.
  expect(message).toContain("[redac");
  expect({ head: message.includes(secret.head.slice(0, 6)), tail: message.includes(secret.tail) }).toEqual({ head: false, tail: false });
}

async function failureOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
  }
  throw new Error("expected the write to fail");
}

let scripted: ScriptedScalekit | undefined;
afterEach(async () => {
  await scripted?.close();
  scripted = undefined;
});

describe("the dynamic door redacts a declared credential it was not told is secret", () => {
  const runtime = require("pulumi-scalekit-connectors/runtime") as {
    configure(request: { config: { get(key: string): string | undefined } }): Promise<void>;
    check(olds: unknown, news: Record<string, unknown>): Promise<{ inputs?: Record<string, unknown> }>;
    create(inputs: Record<string, unknown>): Promise<unknown>;
  };

  test.each(answers)("%s", async (_name, answer) => {
    const secret = newPassword();
    scripted = await ScriptedScalekit.start(answer(secret.password));
    await runtime.configure({ config: scripted.config });
    const { inputs } = await runtime.check({}, basicConnector("Redaction Dynamic", secret.password));
    const message = await failureOf(() => runtime.create(inputs!));
    expect(scripted.writes).toBe(1);
    expectRedacted(message, secret);
  });
});

describe("the plugin door redacts a declared credential, marked secret or not", () => {
  test.each(answers.flatMap(([name, answer]) => [[`${name}, marked secret`, answer, true] as const, [`${name}, not marked`, answer, false] as const]))("%s", async (_name, answer, marked) => {
    const secret = newPassword();
    scripted = await ScriptedScalekit.start(answer(secret.password));
    const calls = new WireSession(() => undefined);
    try {
      calls.configure(scripted.config);
      const urn = "urn:pulumi:dev::redaction::scalekit:index:CustomConnector::plugin";
      const password = marked ? { [specialSignatureKey]: secretSignature, value: secret.password } : secret.password;
      const { inputs, failures } = await calls.check(urn, basicConnector("Redaction Plugin", password));
      expect(failures).toBeUndefined();
      const message = await failureOf(() => calls.create(urn, inputs!, false));
      expect(scripted.writes).toBe(1);
      expectRedacted(message, secret);
    } finally {
      await calls.close();
    }
  });
});
