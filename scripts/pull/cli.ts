/**
 * `npm run connectors -- pull --stack <stack> [--dir <connectorsDir>]`: writes a definition file for every
 * custom connector live in the stack's Scalekit environment that no file declares yet.
 * Exit code 0 done, 1 Scalekit unreachable or credentials missing or refused, 2 usage error.
 */
import { runCommand } from "../lib/command-line";
import { parsePullArgs, usage } from "./args";
import { listCustomConnectors, runPull } from "./pull";
import { automationStackConfig } from "./stack";

export async function main(argv: string[]): Promise<number> {
  const parsed = parsePullArgs(argv, process.cwd());
  if (parsed.kind === "help") {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const result = await runPull(parsed.options, { readConfig: automationStackConfig, env: process.env, listConnectors: listCustomConnectors });
  process.stdout.write(result.output);
  return result.exitCode;
}

// Run as a file of its own (it was the npm script before `npm run connectors`), it still is the pull.
if (require.main === module) runCommand("pull", main);
