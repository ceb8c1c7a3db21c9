/**
 * A Pulumi TypeScript project as a new user writes it outside this repository: its own
 * package.json, tsconfig.json, Pulumi.yaml and index.ts, with the packages installed from
 * tarballs and the npm registry.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { findOnPath } from "../../scripts/lib/find-program";
import { repoRoot } from "../../scripts/lib/paths";

const run = promisify(execFile);

export const projectName = "connectors-from-tarball";

/** The typed connector's description before and after the edit the test makes. */
export const typedDescription = { before: "Contacts and deals", after: "Contacts, deals and notes" };

/** The program: one connector with typed arguments, one pasted as Scalekit's payload. */
export const programText = `import * as pulumi from "@pulumi/pulumi";
import { CustomConnector, type CustomConnectorArgs } from "pulumi-scalekit-connectors";

const crmArgs: CustomConnectorArgs = {
  displayName: "Acme CRM",
  description: ${JSON.stringify(typedDescription.before)},
  authPatterns: [
    {
      type: "OAUTH",
      displayName: "OAuth 2.0",
      accountFields: [{ fieldName: "domain", label: "Workspace", inputType: "text", required: true, isPathParam: true }],
      oauthConfig: {
        authorizeUri: "https://login.acmecrm.com/oauth2/authorize",
        tokenUri: "https://login.acmecrm.com/oauth2/token",
        availableScopes: [{ scope: "contacts.read", displayName: "Read contacts", required: true }],
        pkceEnabled: true,
      },
    },
  ],
  proxyUrl: "https://{{domain}}.acmecrm.com/api/v3",
  metadata: { owner: "platform-team" },
};
const crm = new CustomConnector("acme-crm", crmArgs);

const mcp = new CustomConnector("pager-relay-mcp", {
  scalekitPayload: {
    display_name: "Pager Relay MCP",
    description: "Acknowledge and escalate alerts",
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API Token",
        is_mcp: true,
        fields: [{ field_name: "token", label: "API Token", input_type: "password", required: true }],
      },
    ],
    proxy_url: "https://mcp.pagerrelay.com/mcp",
    proxy_enabled: true,
  },
});

export const identifiers = { crm: crm.identifier, mcp: mcp.identifier };
export const crmDescription = crm.definition.apply((definition) => definition.description);
export const stackName = pulumi.getStack();
`;

/**
 * Pulumi's TypeScript template (strict, library types checked), plus esModuleInterop: zod's type
 * declarations, which the package's types build on, need it when `tsc` checks library types.
 * (`pulumi up` itself does not check them and runs with the template as it is.)
 */
const tsconfig = {
  compilerOptions: {
    strict: true,
    esModuleInterop: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** Writes the project's files into `dir` (which must not be inside this repository). */
export function writeProject(dir: string): void {
  if (!path.relative(repoRoot, dir).startsWith("..")) throw new Error(`${dir} is inside the repository; the project must be outside it`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: projectName, private: true, main: "index.ts" }, null, 2));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${projectName}\ndescription: Scalekit connectors declared with the package installed from its tarball\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
  );
  fs.writeFileSync(path.join(dir, "index.ts"), programText);
}

/** The version the repository's lock file pins for an installed package (e.g. `@pulumi/pulumi`). */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`package-lock.json has no node_modules/${name}; run npm install at the repository root`);
  return version;
}

export interface RuntimeOptions {
  /** The node executable to run with (npm's own script, tsc): another Node.js than this one, e.g. Node.js 24. Default: npm and node as found. */
  node?: string;
}

/** The command and leading arguments running npm: npm itself, or npm's script under `options.node`. */
function npmCommand(options: RuntimeOptions): [string, string[]] {
  if (!options.node) return ["npm", []];
  const npm = findOnPath("npm");
  if (!npm) throw new Error("no npm on PATH to install the project's packages with");
  return [options.node, [fs.realpathSync(npm)]];
}

/**
 * `npm install` of the tarballs and the registry packages a TypeScript Pulumi program needs.
 * `--prefer-offline` lets the cache `npm ci` filled serve what it holds. With `options.node`, npm
 * runs under that Node.js (so engines are checked against it).
 */
export async function installPackages(dir: string, specs: string[], options: RuntimeOptions = {}): Promise<void> {
  const args = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--save-exact", ...specs];
  const [command, leading] = npmCommand(options);
  try {
    await run(command, [...leading, ...args], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(" ")} failed in ${dir}: ${failure.message}\n${failure.stdout ?? ""}${failure.stderr ?? ""}`);
  }
}

/** `tsc --noEmit` with the project's own TypeScript (under `options.node`): the package's types compile in a strict project. */
export async function typeCheck(dir: string, options: RuntimeOptions = {}): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(options.node ?? process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", dir], { cwd: dir });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}
