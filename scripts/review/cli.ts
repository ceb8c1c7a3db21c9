/**
 * `npm run connectors -- review --from dev --to production [--connectors DIR] [--format table|json|markdown] [--no-state]`: the promotion
 * review. Exit code 0 when the target would not change, 2 when it would, 1 on an error.
 */
import { runCommand } from "../lib/command-line";
import { parseReviewArgs, usage } from "./args";
import { pulumiStackConfigReader } from "./credentials";
import { listLiveConnectors } from "./live";
import { runReview } from "./review";
import { pulumiStackStateReader } from "./state";

export async function main(argv: string[]): Promise<number> {
  const parsed = parseReviewArgs(argv, process.cwd());
  if (parsed.kind === "help") {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const { options } = parsed;
  const result = await runReview(options, {
    env: process.env,
    readConfig: options.usePulumiConfig ? pulumiStackConfigReader(options.projectDir) : undefined,
    listConnectors: listLiveConnectors,
    readState: options.useState ? pulumiStackStateReader(options.projectDir) : undefined,
  });
  process.stdout.write(result.output);
  return result.exitCode;
}

// Run as a file of its own (it was the npm script before `npm run connectors`), it still is the review.
if (require.main === module) runCommand("review", main);
