/**
 * Where the stack's `door` is read by every run, and so which step of the move may run now.
 *
 * The state lives in the backend and changes for everyone at once; the `door` lives in
 * `Pulumi.<stack>.yaml`, and each run reads the copy of its own checkout. A run whose door
 * differs from the records in the state declares the connectors anew and deletes the other door's
 * records (with `adoptExisting` it adopts the connectors first, so the delete removes them from
 * Scalekit). So the move is made in two steps around a commit:
 *   - `prepare`, while the committed door is still `dynamic`: the dynamic records are marked
 *     retained (see plan.ts), and `door: plugin` is written into the working copy for the user to
 *     commit and push;
 *   - `move`, once the commit that says `door: plugin` is on the branch's upstream: the plugin
 *     imports the connectors and the dynamic records go, the plugin's records marked retained.
 * This module gathers what git says (gitFacts) and decides (gateVerdict); it writes nothing.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { doorInStackFile, projectNameOf, type Door } from "./door-config";

/** What git says about the stack file. */
export interface GitFacts {
  /** The stack file's path inside the repository, e.g. `Pulumi.dev.yaml`; undefined when the project is in no git work tree. */
  file?: string;
  tracked: boolean;
  /** The working copy (or the index) differs from the last commit. */
  uncommitted: boolean;
  /** The door in the working copy, the last commit and the branch's upstream (undefined: no such file or no upstream). */
  workingDoor?: Door;
  headDoor?: Door;
  upstreamDoor?: Door;
  /** The upstream branch, e.g. `origin/main`. */
  upstream?: string;
  /** The last commit is contained in the upstream branch (as the last fetch or push left it). */
  headOnUpstream: boolean;
}

export type GateVerdict = { step: "prepare" | "move"; upstream?: string } | { refused: string };

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    return undefined;
  }
}

/** Reads the facts for `Pulumi.<stack>.yaml` of the project in `projectDir` (git must be on PATH). */
export function gitFacts(projectDir: string, stack: string): GitFacts {
  const projectName = projectNameOf(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  const top = git(projectDir, ["rev-parse", "--show-toplevel"])?.trim();
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const facts: GitFacts = { tracked: false, uncommitted: false, headOnUpstream: false };
  if (fs.existsSync(stackFile)) facts.workingDoor = doorInStackFile(fs.readFileSync(stackFile, "utf8"), projectName, `Pulumi.${stack}.yaml`);
  if (top === undefined) return facts;
  const file = path.relative(fs.realpathSync(top), fs.realpathSync(projectDir)).split(path.sep).concat(`Pulumi.${stack}.yaml`).filter(Boolean).join("/");
  facts.file = file;
  facts.tracked = git(top, ["ls-files", "--error-unmatch", "--", file]) !== undefined;
  facts.uncommitted = (git(top, ["status", "--porcelain", "--", file]) ?? "").trim() !== "";
  const atHead = git(top, ["show", `HEAD:${file}`]);
  if (atHead !== undefined) facts.headDoor = doorInStackFile(atHead, projectName, `${file} in the last commit`);
  const upstream = git(top, ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"])?.trim();
  if (upstream) {
    facts.upstream = upstream;
    facts.headOnUpstream = git(top, ["merge-base", "--is-ancestor", "HEAD", "@{upstream}"]) !== undefined;
    const atUpstream = git(top, ["show", `@{upstream}:${file}`]);
    if (atUpstream !== undefined) facts.upstreamDoor = doorInStackFile(atUpstream, projectName, `${file} on ${upstream}`);
  }
  return facts;
}

/** Which step may run, or why none may. */
export function gateVerdict(facts: GitFacts, stack: string): GateVerdict {
  const name = `Pulumi.${stack}.yaml`;
  if (facts.file === undefined) {
    return {
      refused:
        `the project is not in a git repository, so nothing shows that other runs (CI, colleagues) will read the door this move sets. ` +
        `Keep ${name} in the repository your deployments run from, commit it, and run the migration from a clone of it.`,
    };
  }
  if (!facts.tracked) {
    return { refused: `${facts.file} is not tracked by git, so other runs (CI, colleagues) do not read it and would keep the dynamic door. Add and commit it (git add ${facts.file}), push it, then run the migration again.` };
  }
  if (facts.uncommitted) {
    const next =
      facts.workingDoor === "plugin" && facts.headDoor !== "plugin"
        ? `It says door: plugin here but not in the last commit: commit it and push it${facts.upstream ? ` to ${facts.upstream}` : ""}, the branch your deployments run from, then run the migration again to finish the move.`
        : "Commit (or discard) that change first, so that the door change is the only thing you commit for the move.";
    return { refused: `${facts.file} has changes that are not committed, and other runs read the committed file. ${next}` };
  }
  if (facts.headDoor !== "plugin") return { step: "prepare", ...(facts.upstream ? { upstream: facts.upstream } : {}) };
  if (facts.upstream === undefined) {
    return { refused: `the branch has no upstream, so the commit that sets door: plugin in ${facts.file} is nowhere your deployments read it. Push it to the branch they run from (git push -u <remote> <branch>), then run the migration again.` };
  }
  if (!facts.headOnUpstream || facts.upstreamDoor !== "plugin") {
    return {
      refused:
        `${facts.upstream} does not have the commit that sets door: plugin in ${facts.file} (as of your last fetch or push). ` +
        `Until it does, runs from there declare the connectors through the dynamic door. Push (or merge) it to ${facts.upstream}, then run the migration again.`,
    };
  }
  return { step: "move", upstream: facts.upstream };
}
