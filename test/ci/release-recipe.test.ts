/**
 * The release recipe, examples/ci/release/plugin-release.yml, read as GitHub would run it: actionlint
 * (built from Go modules) finds nothing in it, and its shape keeps the pipeline recipe's habits
 * (nothing granted by default, each job's grant the least it needs, checkouts that keep no token,
 * installs that run no package script) while doing what a release needs: on a version tag, the
 * release files built by the project's own script for that tag and attached to the release, then
 * the npm package published with provenance, by npm's trusted publishing (no token secret).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/lib/paths";
import { ensureActionlint } from "../../tools/actionlint";
import { expressionsOf, readWorkflow, type WorkflowJob, type WorkflowStep } from "../support/workflow-runner";

const recipeDir = path.join(repoRoot, "examples", "ci", "release");
const workflowFile = path.join(recipeDir, "plugin-release.yml");

function steps(job: WorkflowJob, match: (step: WorkflowStep) => boolean): WorkflowStep[] {
  return job.steps.filter(match);
}

test("actionlint (built from Go modules) finds nothing in the release workflow", () => {
  const actionlint = ensureActionlint();
  // Without shellcheck and pyflakes, so that the result does not depend on what else the machine has.
  const result = spawnSync(actionlint.path, ["-no-color", "-shellcheck=", "-pyflakes=", "-format", "{{json .}}", path.basename(workflowFile)], { cwd: recipeDir, encoding: "utf8" });
  expect({ code: result.status, findings: result.stdout.trim(), stderr: result.stderr }).toEqual({ code: 0, findings: "[]", stderr: "" });
});

test("it runs on version tags, grants nothing by default, and each job only what it needs", () => {
  const workflow = readWorkflow(workflowFile);
  const raw = fs.readFileSync(workflowFile, "utf8");
  expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
  expect(raw).toMatch(/^permissions: \{\}$/m);
  expect(Object.keys(workflow.jobs).sort()).toEqual(["artifacts", "npm"]);
  expect(workflow.jobs.artifacts!.permissions).toEqual({ contents: "write" });
  expect(workflow.jobs.npm).toMatchObject({ needs: "artifacts", environment: "npm", permissions: { contents: "read", "id-token": "write" } });
  // Trusted publishing: no long-lived secret anywhere; the only token is the job's own, given to gh alone.
  expect(expressionsOf(workflow).filter((expression) => expression.includes("secrets."))).toEqual([]);
  const tokenSteps = Object.values(workflow.jobs).flatMap((job) => steps(job, (step) => JSON.stringify(step).includes("github.token")));
  expect(tokenSteps.map((step) => step.name)).toEqual(["Attach them to the release"]);
});

test("every checkout keeps no token and every install runs no package script", () => {
  const workflow = readWorkflow(workflowFile);
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const checkouts = steps(job, (step) => step.uses?.startsWith("actions/checkout@") ?? false);
    expect({ id, checkouts: checkouts.map((step) => step.with) }).toEqual({ id, checkouts: [{ "persist-credentials": false }] });
    const installs = steps(job, (step) => /\bnpm (ci|install|i)\b/.test(step.run ?? ""));
    expect({ id, installs: installs.map((step) => step.run) }).toEqual({ id, installs: ["npm ci --ignore-scripts"] });
  }
});

test("the release files come from the project's script for the pushed tag and are all attached; the package is published with provenance", () => {
  const workflow = readWorkflow(workflowFile);
  const [build] = steps(workflow.jobs.artifacts!, (step) => step.name === "Build the release files");
  expect(build).toMatchObject({ run: 'npm run plugin:release -- --tag "$TAG" --out release', env: { TAG: "${{ github.ref_name }}" } });
  const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts as Record<string, string>;
  expect(scripts["plugin:release"]).toMatch(/scripts\/release-artifacts\.ts$/);
  const [attach] = steps(workflow.jobs.artifacts!, (step) => step.name === "Attach them to the release");
  expect(attach!.run).toMatch(/gh release upload "\$TAG" release\/\* --clobber/);
  expect(attach!.run).toMatch(/gh release create "\$TAG" release\/\* --verify-tag/);
  const publishes = steps(workflow.jobs.npm!, (step) => /\bnpm publish\b/.test(step.run ?? ""));
  expect(publishes.map((step) => step.run)).toEqual(["npm publish --workspace provider --provenance --access public"]);
});
