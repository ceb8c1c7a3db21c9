/**
 * How a failed call reads to the user, whichever door it came through: the error's own message
 * once (what failed, why, what to do next, Scalekit's words quoted), every known secret redacted,
 * and no JavaScript stack trace unless someone asked for one. Both doors send this text to the
 * engine as the call's error and nothing else, so a refresh of many connectors that all hit the
 * same outage shows one line per connector.
 *
 * Asking for the stack trace: `SCALEKIT_DEBUG=1` in the environment Pulumi runs in, or Pulumi's
 * own verbosity when it reaches the provider (`pulumi ... --logflow -v=N` passes `-v=N` to every
 * provider it starts). The trace then follows the message in the same error.
 */
import { redact } from "./client/errors";

/** The environment variable that asks for stack traces in errors. */
export const debugEnvVar = "SCALEKIT_DEBUG";

/** JavaScript's own error types: one of these escaping an operation is a bug of this provider, not an answer of Scalekit's. */
const languageErrorNames = new Set(["TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError"]);

/** Values of SCALEKIT_DEBUG that mean "no". */
const offValues = new Set(["", "0", "false", "no", "off"]);

/**
 * True when the user asked for stack traces: SCALEKIT_DEBUG set to anything but an empty, `0`,
 * `false`, `no` or `off` value, or a `-v=N` (N ≥ 1) among the process's arguments, as Pulumi
 * passes its verbosity to the providers it starts when run with `--logflow`.
 */
export function debugRequested(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): boolean {
  const setting = env[debugEnvVar];
  if (setting !== undefined && !offValues.has(setting.trim().toLowerCase())) return true;
  return argv.some((arg) => {
    const level = /^--?v=(\d+)$/.exec(arg)?.[1];
    return level !== undefined && Number(level) >= 1;
  });
}

export interface FailureOptions {
  /** Every secret the process knows of: none of them appears in the text, in any written form. */
  secrets: Iterable<string | undefined>;
  /** Append the stack trace (see debugRequested). */
  debug: boolean;
}

/** The stack's frames (the lines after the message), or "" when it has none. */
function framesOf(error: Error): string {
  const stack = typeof error.stack === "string" ? error.stack : "";
  const lines = stack.split("\n");
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  return first === -1 ? "" : lines.slice(first).join("\n");
}

/**
 * The text of a failed call as the user reads it. An error of this provider or of Scalekit's
 * answers is its message alone. An error JavaScript raised (a TypeError, say) is a bug of this
 * provider: its type leads, and it says how to see where it happened. Anything thrown that is not
 * an Error is written as a string. With `debug`, the stack trace follows on the next lines.
 */
export function failureText(error: unknown, options: FailureOptions): string {
  const secrets = [...options.secrets];
  if (!(error instanceof Error)) return redact(String(error), secrets);
  const message = error.message.trim() || "(no message)";
  const frames = options.debug ? framesOf(error) : "";
  const headline = languageErrorNames.has(error.name)
    ? `${error.name}: ${message.replace(/[.\s]+$/, "")}. This is a bug of the Scalekit provider, not an answer of Scalekit's; ` +
      (frames ? "please report it with the trace below." : `run the command again with ${debugEnvVar}=1 to see where it happened, and report it with that trace.`)
    : message;
  return redact(frames ? `${headline}\n${frames}` : headline, secrets);
}
