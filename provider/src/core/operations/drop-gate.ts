/**
 * The refresh's brake on losing connectors. A read that finds its connector gone (the exact
 * look-up did not hold it) would drop it from the stack; one such drop is ordinary (someone
 * deleted a connector in the dashboard), but several in one run, or one while Scalekit's listing
 * holds no connector at all, is far more likely an answer that went wrong than a team deleting
 * connectors, and is refused unless the user names the connectors to drop in
 * SCALEKIT_CONFIRM_DROPS.
 *
 * Both doors serve every read of one command from one process, so the gate is per process (one
 * per environment's shared listing, `dropGateOf`). An absence is held until no other read of the
 * process is in flight, then the held absences are decided together: let through, or every one
 * of them failed with one error naming them all. Held reads keep their engine slots (the engine
 * runs 8 steps at once and queues the rest), so waiting for "no read in flight" cannot deadlock:
 * the reads in flight finish on their own, and queued ones cannot start while the slots are held.
 * Because the engine takes a moment between finishing one step and starting the next, the
 * decision also waits for the process to stay without a read for `quietMs`; that wait only
 * decides how many absences are judged together. What keeps the rule whatever the timing: every
 * absence this process let through or refused still counts for the ones found later, so a second
 * absence is refused even when the first was decided alone.
 */

/** A connector a read found gone, as the gate names it. */
export interface Absence {
  identifier: string;
  /** Its display name as the stack recorded it, when the state holds one. */
  displayName?: string;
  /** The environment it was looked for in (an origin, `https://acme.scalekit.dev`). */
  environment: string;
  /** True when the environment's whole listing, as read for this refresh, held no connector at all. */
  listingEmpty: boolean;
}

/** How an absence was let through: alone, or named in SCALEKIT_CONFIRM_DROPS. */
export type DropVerdict = "single" | "confirmed";

/** The environment variable that confirms drops: the identifiers of the connectors to drop, separated by commas or spaces. */
export const confirmDropsVariable = "SCALEKIT_CONFIRM_DROPS";

/** The identifiers SCALEKIT_CONFIRM_DROPS names (read at each decision, so a change applies to the next command's process). */
export function confirmedDrops(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set((env[confirmDropsVariable] ?? "").split(/[\s,]+/).filter((identifier) => identifier !== ""));
}

export interface DropGateOptions {
  /** How long the process must stay without a read in flight before held absences are decided. */
  quietMs?: number;
  /** The longest an absence is held while other reads are still in flight; then it is decided with what is held. */
  maxHoldMs?: number;
  /** The identifiers the user confirmed (default: SCALEKIT_CONFIRM_DROPS). */
  confirmed?: () => ReadonlySet<string>;
}

/** One read, from its start to its end; `absent` holds it until the gate decides. */
export interface GateTicket {
  /** The read found its connector gone: resolves when it may be dropped, rejects with a DropsNeedConfirmationError otherwise. */
  absent(absence: Absence): Promise<DropVerdict>;
  /** The read ended (idempotent; after `absent` it changes nothing). */
  end(): void;
}

const defaultQuietMs = 1_000;
const defaultMaxHoldMs = 5 * 60_000;

interface Held {
  absence: Absence;
  resolve(verdict: DropVerdict): void;
  reject(error: Error): void;
}

export class DropGate {
  private inFlight = 0;
  private held: Held[] = [];
  /** Absences this process let through or refused: each still counts for the ones found later. */
  private readonly decided: { absence: Absence; dropped: boolean }[] = [];
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly quietMs: number;
  private readonly maxHoldMs: number;
  private readonly confirmed: () => ReadonlySet<string>;

  constructor(options: DropGateOptions = {}) {
    this.quietMs = options.quietMs ?? defaultQuietMs;
    this.maxHoldMs = options.maxHoldMs ?? defaultMaxHoldMs;
    this.confirmed = options.confirmed ?? (() => confirmedDrops());
  }

  /** A read starts. */
  enter(): GateTicket {
    this.inFlight += 1;
    this.stopQuietTimer();
    let inFlight = true;
    const leave = (): void => {
      if (!inFlight) return;
      inFlight = false;
      this.inFlight -= 1;
    };
    return {
      absent: (absence) =>
        new Promise<DropVerdict>((resolve, reject) => {
          leave();
          this.held.push({ absence, resolve, reject });
          this.holdTimer ??= setTimeout(() => this.decide(), this.maxHoldMs);
          this.whenIdle();
        }),
      end: () => {
        if (!inFlight) return;
        leave();
        this.whenIdle();
      },
    };
  }

  /** With absences held and no read in flight: decide once the process has stayed so for quietMs. */
  private whenIdle(): void {
    if (this.inFlight > 0 || this.held.length === 0 || this.quietTimer) return;
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      if (this.inFlight === 0) this.decide();
    }, this.quietMs);
  }

  private stopQuietTimer(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
  }

  /** Lets the held absences through, or fails every one of them with one error. */
  private decide(): void {
    this.stopQuietTimer();
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const batch = this.held.splice(0);
    if (batch.length === 0) return;
    const confirmed = this.confirmed();
    const earlier = [...this.decided];
    const needsConfirmation = earlier.length + batch.length > 1 || batch.some((held) => held.absence.listingEmpty);
    const unconfirmed = batch.filter((held) => !confirmed.has(held.absence.identifier));
    const refuse = needsConfirmation && unconfirmed.length > 0;
    for (const held of batch) this.decided.push({ absence: held.absence, dropped: !refuse });
    if (refuse) {
      const error = new DropsNeedConfirmationError(
        batch.map((held) => held.absence),
        earlier,
        confirmed,
      );
      for (const held of batch) held.reject(error);
      return;
    }
    for (const held of batch) held.resolve(confirmed.has(held.absence.identifier) ? "confirmed" : "single");
  }
}

/**
 * A refresh would drop several connectors, or one while Scalekit's listing holds none at all,
 * and the user has not named them in SCALEKIT_CONFIRM_DROPS. Nothing it names is dropped.
 */
export class DropsNeedConfirmationError extends Error {
  constructor(
    /** The absences refused together. */
    readonly refused: readonly Absence[],
    /** Absences this process decided before these: let through (dropped) or refused. */
    readonly earlier: readonly { absence: Absence; dropped: boolean }[],
    confirmed: ReadonlySet<string>,
  ) {
    const listingEmpty = refused.some((absence) => absence.listingEmpty);
    const environments = [...new Set(refused.map((absence) => absence.environment))].join(", ");
    const total = refused.length + earlier.length;
    const dropped = earlier.filter((entry) => entry.dropped).map((entry) => entry.absence);
    const refusedBefore = earlier.filter((entry) => !entry.dropped).map((entry) => entry.absence);
    const identifiers = [...new Set([...refusedBefore, ...refused].map((absence) => absence.identifier))];
    const why = listingEmpty ? `Scalekit's listing of ${environments} holds no connector at all` : `${total} connectors of this stack are gone in one run`;
    const named = refused.map((absence) => `  ${describe(absence)}${confirmed.has(absence.identifier) ? " (confirmed)" : ""}`).join("\n");
    const notes = [
      refusedBefore.length > 0 ? `Also refused earlier in this run: ${refusedBefore.map(describe).join(", ")}.` : "",
      dropped.length > 0 ? `This run had already dropped ${dropped.map(describe).join(", ")} before the others were found (pulumi import brings one back).` : "",
    ].filter((note) => note !== "");
    super(
      `The refresh stopped instead of dropping ${refused.length === 1 ? "this connector" : "these connectors"} from the stack: ${why}, ` +
        `which looks more like a wrong environment or an answer gone wrong than connectors deleted on purpose.\n${named}\n` +
        `${notes.map((note) => `${note}\n`).join("")}` +
        `Each was looked up by its identifier in ${environments} and Scalekit's answer did not hold it; ${refused.length === 1 ? "it stays" : "they stay"} in the stack. ` +
        `Check that the stack's environment URL and client (scalekit:environmentUrl and scalekit:clientId, or SCALEKIT_ENVIRONMENT_URL and SCALEKIT_CLIENT_ID) are the right ones. ` +
        `If these connectors were deleted on purpose, confirm by naming them for this one command:\n` +
        `  ${confirmDropsVariable}=${identifiers.join(",")} pulumi refresh\n` +
        `Only the connectors named there can be dropped that way; do not leave the variable set.`,
    );
    this.name = "DropsNeedConfirmationError";
  }
}

/** `"Acme CRM" (acmecrm)`, or the identifier alone when the state holds no display name. */
function describe(absence: Absence): string {
  return absence.displayName ? `"${absence.displayName}" (${absence.identifier})` : absence.identifier;
}

const gates = new WeakMap<object, DropGate>();

/**
 * The gate of the process's reads in one environment: one per shared listing (the doors keep one
 * listing per environment for the whole process, operations.ts's Environment).
 */
export function dropGateOf(listing: object): DropGate {
  let gate = gates.get(listing);
  if (!gate) {
    gate = new DropGate();
    gates.set(listing, gate);
  }
  return gate;
}

/** Gives a listing a gate of its own choosing (tests: short waits, a fixed confirmation). */
export function useDropGate(listing: object, gate: DropGate): void {
  gates.set(listing, gate);
}
