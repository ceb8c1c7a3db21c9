/**
 * Bulk mode (PULUMI_SKIP_CHECKPOINTS=true, README "Large estates: bulk mode") killed at random
 * points. The engine then writes the state once, when a command ends; an up killed with SIGKILL
 * records nothing of its run. So every connector it created, before the kill or by its orphaned
 * provider host after it, is in Scalekit only, and the recovery's `up --config adoptExisting=true`
 * must find each of them by display name.
 *
 * For every identifier style of the emulator (lowercase, suffixed, opaque) and with a server that
 * accepts a taken name: a stack of 10 connectors brought up in bulk mode, 20 more declared, an up
 * killed after a seeded number of their creates. Before recovery the state must still be exactly
 * the 10 (nothing of the killed run); after the steps of docs/recovery.md, run in bulk mode too,
 * the stack and the emulator must agree: 30 connectors, each once, no pending operation, the first
 * 10 under their old identifiers, nothing left to change.
 */
import * as fs from "fs";
import * as path from "path";
import { seededRandom, type EmulatorOptions } from "scalekit-emulator";
import { emulatorControl, latencyFaults } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { compareStateWithEmulator, expectStateMatchesEmulator, newProject, readState } from "../../support/fault-harness";
import { upKilledAfter } from "../../support/killed-run";
import { recoverAfterKill } from "../../support/recovery";

jest.setTimeout(10 * 60 * 1000);

const bulkMode = { PULUMI_SKIP_CHECKPOINTS: "true" };
const recorded = 10;
const added = 20;
const n = recorded + added;

type Modes = Pick<EmulatorOptions, "identifierStyle" | "duplicateNames">;

const servers: (Modes & { seed: number })[] = [
  { identifierStyle: "lowercase", duplicateNames: "conflict", seed: 11 },
  { identifierStyle: "suffixed", duplicateNames: "conflict", seed: 12 },
  { identifierStyle: "opaque", duplicateNames: "conflict", seed: 13 },
  { identifierStyle: "opaque", duplicateNames: "accept", seed: 14 },
  { identifierStyle: "lowercase", duplicateNames: "accept", seed: 15 },
];

let watched: WatchedEmulator | undefined;

afterEach(async () => {
  await watched?.close();
  watched = undefined;
});

test.each(servers)(
  "identifiers $identifierStyle, taken names $duplicateNames: killed after a seeded number of creates (seed $seed), nothing of the run recorded, then recovered",
  async ({ identifierStyle, duplicateNames, seed }) => {
    watched = await startWatchedEmulator({ seed: seed, identifierStyle, duplicateNames });
    // Latency makes calls overlap, so that the kill finds creates in flight.
    await emulatorControl.setFaults(watched.url, latencyFaults(50));
    const random = seededRandom(seed);
    const killAt = 1 + Math.floor(random() * (added - 2));
    const project = await newProject(watched, n, `bulk${seed}`, { env: bulkMode });
    try {
      // A stack of 10, brought up in bulk mode: the 20 other definitions are held back.
      const connectorsDir = path.join(project.session.cwd, "connectors");
      const heldBack = path.join(project.tmp, "held-back");
      fs.mkdirSync(heldBack);
      const files = fs.readdirSync(connectorsDir).filter((file) => file.endsWith(".json")).sort();
      for (const file of files.slice(recorded)) fs.renameSync(path.join(connectorsDir, file), path.join(heldBack, file));
      await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
      const first = await readState(project.session);
      expect(first.ids).toHaveLength(recorded);

      // 20 more, and an up killed part-way through creating them.
      for (const file of fs.readdirSync(heldBack)) fs.renameSync(path.join(heldBack, file), path.join(connectorsDir, file));
      const run = await upKilledAfter(watched, project, killAt);
      expect({ signal: run.signal, killedAfterCreates: run.killedAfterCreates, tail: run.tail }).toEqual({ signal: "SIGKILL", killedAfterCreates: killAt, tail: run.tail });

      // What bulk mode costs: the state is the one before the run, to the byte of its connectors.
      const before = await compareStateWithEmulator(project.session, watched.url);
      expect({ stateIds: before.stateIds, pendingOperations: before.pendingOperations }).toEqual({ stateIds: [...first.ids].sort(), pendingOperations: 0 });
      // Everything the run created is in Scalekit only: at least the creates seen before the kill.
      expect(before.inEmulatorOnly.length).toBeGreaterThanOrEqual(killAt);
      expect(before.inStateOnly).toEqual([]);

      // The documented recovery, in bulk mode as the user's shell would still have it.
      const log = await recoverAfterKill(project.session, "dev");
      expect(log.steps).toEqual(expect.arrayContaining([expect.stringMatching(/^pulumi up .*--config adoptExisting=true/)]));

      await expectStateMatchesEmulator(project, watched.url, n);
      // The 10 recorded before the killed run are the same connectors, not replacements.
      const after = await readState(project.session);
      expect(first.ids.filter((id) => !after.ids.includes(id))).toEqual([]);
    } finally {
      project.cleanup();
    }
  },
);
