/**
 * Everything a user could see during a test (outputs, results, error messages and stacks,
 * warnings, console output), kept so that it can be scanned for the client secret and the tokens
 * issued: after every test (scanAfterEachTest), or once a suite's run is over.
 */

export class Captured {
  private readonly entries: { label: string; text: string }[] = [];

  /** Records a value: strings as they are, errors with message and stack, anything else as JSON. */
  add(label: string, value: unknown): void {
    this.entries.push({ label, text: describeValue(value) });
  }

  /** Runs an operation, recording its result or its error (then rethrowing it). */
  async record<T>(label: string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.add(label, result);
      return result;
    } catch (error) {
      this.add(`${label} (error)`, error);
      throw error;
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.length = 0;
  }

  /** Labels of the entries holding one of the secrets (empty when none does). */
  leaks(secrets: Iterable<string>): string[] {
    const wanted = [...secrets].filter((secret) => secret.length > 0);
    return this.entries.filter((entry) => wanted.some((secret) => entry.text.includes(secret))).map((entry) => entry.label);
  }
}

export function describeValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ""}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Collects what is written to the console (pulumi.log.warn falls back to console.warn outside an engine). */
export function captureConsole(captured: Captured): () => void {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const originals = methods.map((method) => console[method]);
  for (const method of methods) {
    console[method] = (...args: unknown[]) => captured.add(`console.${method}`, args.map(describeValue).join(" "));
  }
  return () => methods.forEach((method, index) => (console[method] = originals[index]));
}

/** Runs what must fail, records its error in `captured` (for the secret scan), and returns it. */
export async function expectFailure(captured: Captured, label: string, run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    captured.add(label, error);
    return error as Error;
  }
  throw new Error(`${label} was expected to fail`);
}

/**
 * After every test of the file, what that test captured must hold none of `secrets()` (read then,
 * so that tokens issued during the test count); the entries are then forgotten, so that each test
 * answers for its own captures, alone or in any order.
 */
export function scanAfterEachTest(captured: Captured, secrets: () => Iterable<string>): void {
  afterEach(() => {
    const wanted = [...secrets()].filter((secret) => secret.length > 0);
    const captures = captured.size;
    const leaks = captured.leaks(wanted);
    captured.clear();
    // A scan for nothing would always pass: whoever captured something must know a secret to look for.
    if (captures > 0) expect(wanted.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
}
