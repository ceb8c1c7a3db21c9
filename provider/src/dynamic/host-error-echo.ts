/**
 * The error a failed call hands to Pulumi's Node.js dynamic provider host, and the one echo of it
 * this door keeps off the screen.
 *
 * What the host does with a thrown error (@pulumi/pulumi/cmd/dynamic-provider, read in 3.276.0):
 * it sends `error.message` to the engine as the call's gRPC status (the CLI prints it as the
 * resource's `error:` line), and in check, diff, read and delete it also writes
 * `${error}: ${error.stack}` with console.error. The engine shows the host's stderr as messages
 * of the stack, so unfiltered each failed read adds the message twice on one line and then the
 * JavaScript stack trace, once per connector. The message to the engine is all a user needs (the
 * trace, when asked for, is in it: core/failure-report.ts), so exactly that echo is dropped: the
 * line the host writes for an error thrown here, matched in full, once per error thrown. Anything
 * else written to console.error (another dynamic provider's errors, the host's own) passes as it
 * was. test/e2e/faults/one-line-errors.test.ts fails if a new host writes the echo differently.
 */

/** Echo lines expected from the host, with how many errors of that text are on their way. */
const expectedEchoes = new Map<string, number>();

/** The console.error this module put in place, while it is still the one in place. */
let filter: ((...args: unknown[]) => void) | undefined;

/** Wraps console.error (again only if something replaced the wrapper) to drop the host's echo of an error thrown by failureForHost. */
function installEchoFilter(): void {
  if (filter !== undefined && console.error === filter) return;
  const write = console.error.bind(console);
  filter = (...args: unknown[]): void => {
    const line = args.length === 1 && typeof args[0] === "string" ? args[0] : undefined;
    const pending = line === undefined ? undefined : expectedEchoes.get(line);
    if (line !== undefined && pending !== undefined) {
      if (pending > 1) expectedEchoes.set(line, pending - 1);
      else expectedEchoes.delete(line);
      return;
    }
    write(...args);
  };
  console.error = filter;
}

/**
 * The error to throw to the host for a failed call whose text the user should read: its message
 * is `text` exactly, and the host's echo of it is dropped. A create or update the host does not
 * echo leaves its entry behind (one per distinct failure text, a few per command); it would only
 * ever drop the same echo later.
 */
export function failureForHost(text: string): Error {
  const error = new Error(text);
  // No frames: this wrapper's own would tell nothing, and the text holds the real trace when one was asked for.
  error.stack = `Error: ${text}`;
  installEchoFilter();
  const echo = `${String(error)}: ${error.stack}`;
  expectedEchoes.set(echo, (expectedEchoes.get(echo) ?? 0) + 1);
  return error;
}
