/**
 * Which step of the move may run, from what git says about Pulumi.<stack>.yaml: gateVerdict on
 * its own, and gitFacts on real repositories (a clone of a bare "origin" in a temporary folder).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gateVerdict, gitFacts, type GitFacts } from "../../scripts/migrate/door-gate";

const clean: GitFacts = { file: "Pulumi.dev.yaml", tracked: true, uncommitted: false, workingDoor: "dynamic", headDoor: "dynamic", upstream: "origin/main", upstreamDoor: "dynamic", headOnUpstream: true };

describe("gateVerdict", () => {
  test("a committed door: dynamic allows the first step; a pushed door: plugin the second", () => {
    expect(gateVerdict(clean, "dev")).toEqual({ step: "prepare", upstream: "origin/main" });
    expect(gateVerdict({ ...clean, workingDoor: "plugin", headDoor: "plugin", upstreamDoor: "plugin" }, "dev")).toEqual({ step: "move", upstream: "origin/main" });
  });

  test("refuses outside git, with the stack file untracked, or with uncommitted changes to it", () => {
    expect(gateVerdict({ tracked: false, uncommitted: false, headOnUpstream: false }, "dev")).toEqual({ refused: expect.stringMatching(/not in a git repository.*Pulumi\.dev\.yaml/) });
    expect(gateVerdict({ ...clean, tracked: false }, "dev")).toEqual({ refused: expect.stringMatching(/Pulumi\.dev\.yaml is not tracked by git/) });
    expect(gateVerdict({ ...clean, uncommitted: true, workingDoor: "plugin" }, "dev")).toEqual({ refused: expect.stringMatching(/not committed.*says door: plugin here but not in the last commit: commit it and push it to origin\/main/) });
    expect(gateVerdict({ ...clean, uncommitted: true }, "dev")).toEqual({ refused: expect.stringMatching(/Commit \(or discard\) that change first/) });
  });

  test("refuses the second step until the commit that says door: plugin is on the upstream branch", () => {
    const committed = { ...clean, workingDoor: "plugin", headDoor: "plugin" } as const;
    expect(gateVerdict({ ...committed, upstream: undefined, upstreamDoor: undefined, headOnUpstream: false }, "dev")).toEqual({ refused: expect.stringMatching(/no upstream/) });
    expect(gateVerdict({ ...committed, headOnUpstream: false }, "dev")).toEqual({ refused: expect.stringMatching(/origin\/main does not have the commit that sets door: plugin/) });
    expect(gateVerdict({ ...committed, upstreamDoor: "dynamic" }, "dev")).toEqual({ refused: expect.stringMatching(/origin\/main does not have the commit/) });
  });
});

describe("gitFacts", () => {
  let tmp: string;
  let work: string;
  const git = (args: string[], cwd = work): string =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "door-gate-"));
    git(["init", "--bare", "origin.git"], tmp);
    git(["clone", "origin.git", "work"], tmp);
    work = path.join(tmp, "work");
    fs.mkdirSync(path.join(work, "infra"));
    fs.writeFileSync(path.join(work, "infra", "Pulumi.yaml"), "name: proj\nruntime: nodejs\n");
    fs.writeFileSync(path.join(work, "infra", "Pulumi.dev.yaml"), "config:\n  proj:adoptExisting: \"true\"\n");
  });

  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("an untracked stack file in a project below the repository's top", () => {
    expect(gitFacts(path.join(work, "infra"), "dev")).toEqual({ file: "infra/Pulumi.dev.yaml", tracked: false, uncommitted: true, workingDoor: "dynamic", headOnUpstream: false });
  });

  test("committed and pushed, then changed to door: plugin, committed, pushed", () => {
    const project = path.join(work, "infra");
    git(["add", "-A"]);
    git(["commit", "-m", "stack"]);
    git(["push", "-u", "origin", "main"]);
    expect(gitFacts(project, "dev")).toEqual({ ...clean, file: "infra/Pulumi.dev.yaml" });
    fs.appendFileSync(path.join(project, "Pulumi.dev.yaml"), "  proj:door: plugin\n");
    expect(gitFacts(project, "dev")).toEqual({ ...clean, file: "infra/Pulumi.dev.yaml", uncommitted: true, workingDoor: "plugin" });
    git(["commit", "-am", "door"]);
    expect(gitFacts(project, "dev")).toEqual({ ...clean, file: "infra/Pulumi.dev.yaml", workingDoor: "plugin", headDoor: "plugin", headOnUpstream: false });
    git(["push"]);
    expect(gateVerdict(gitFacts(project, "dev"), "dev")).toEqual({ step: "move", upstream: "origin/main" });
  });

  test("outside any git work tree", () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "door-gate-nogit-"));
    try {
      fs.writeFileSync(path.join(bare, "Pulumi.yaml"), "name: proj\n");
      fs.writeFileSync(path.join(bare, "Pulumi.dev.yaml"), "config:\n  proj:door: plugin\n");
      expect(gitFacts(bare, "dev")).toEqual({ tracked: false, uncommitted: false, workingDoor: "plugin", headOnUpstream: false });
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});
