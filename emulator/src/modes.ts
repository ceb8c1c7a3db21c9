/**
 * The modes of a running emulator (see assumptions.ts for what each one
 * decides): the ones it started with, the current ones, and the checking of
 * a change, whether it comes from options, flags or `PUT /_emulator/modes`.
 */

import { DEFAULT_MODES, MODE_VALUES, type EmulatorModes } from "./assumptions";
import { invalidArgument } from "./errors";
import { isPlainObject } from "./validation";

const MODE_NAMES = Object.keys(MODE_VALUES) as (keyof EmulatorModes)[];

/**
 * Problems with a proposed change of modes, one sentence each; empty when
 * every key is a mode and every value one of its accepted values.
 */
export function modeProblems(change: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (!isModeName(key)) {
      problems.push(`"${key}" is not a mode; the modes are ${MODE_NAMES.join(", ")}`);
      continue;
    }
    if (!isModeValue(key, value)) {
      problems.push(`${key} must be one of ${acceptedValues(key)}, got ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

/** "\"a\", \"b\" or \"c\"": the accepted values of one mode, for messages. */
export function acceptedValues(name: keyof EmulatorModes): string {
  const quoted = MODE_VALUES[name].map((value) => JSON.stringify(value));
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

export function isModeName(key: string): key is keyof EmulatorModes {
  return (MODE_NAMES as string[]).includes(key);
}

function isModeValue<K extends keyof EmulatorModes>(name: K, value: unknown): value is EmulatorModes[K] {
  return (MODE_VALUES[name] as readonly unknown[]).includes(value);
}

/** Picks the mode keys out of an options object, leaving the other options alone. */
export function pickModes(options: Partial<Record<keyof EmulatorModes, unknown>>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of MODE_NAMES) if (options[name] !== undefined) picked[name] = options[name];
  return picked;
}

export class ModeSettings {
  private readonly initial: EmulatorModes;
  private current: EmulatorModes;

  /** `start` holds the modes given at start; the others keep their defaults. Throws a RangeError on an unknown key or value. */
  constructor(start: Record<string, unknown> = {}) {
    const problems = modeProblems(start);
    if (problems.length > 0) throw new RangeError(`invalid emulator modes: ${problems.join("; ")}`);
    this.initial = { ...DEFAULT_MODES, ...(start as Partial<EmulatorModes>) };
    this.current = { ...this.initial };
  }

  get(): EmulatorModes {
    return { ...this.current };
  }

  /** Applies a `PUT /_emulator/modes` body (any subset of the modes); a bad body is a 400 and changes nothing. */
  change(body: unknown): EmulatorModes {
    if (!isPlainObject(body)) {
      throw invalidArgument(`the modes body must be an object like {"identifierStyle": "suffixed"}; the modes are ${MODE_NAMES.join(", ")}`);
    }
    const problems = modeProblems(body);
    if (problems.length > 0) throw invalidArgument(`the modes were not changed: ${problems.join("; ")}`);
    this.current = { ...this.current, ...(body as Partial<EmulatorModes>) };
    return this.get();
  }

  /** Back to the modes the emulator started with. */
  reset(): void {
    this.current = { ...this.initial };
  }
}
