/**
 * `npm run review -- --from dev --to production [--connectors DIR] [--json] [--no-state]`: the promotion
 * review. Exit code 0 when the target would not change, 2 when it would, 1 on an error.
 */
import { parseReviewArgs, usage } from "./args";
import { pulumiStackConfigReader } from "./credentials";
import { ReviewError } from "./errors";
import { listLiveConnectors } from "./live";
import { EXIT_ERROR } from "./model";
import { runReview } from "./review";
import { pulumiStackStateReader } from "./state";

async function main(argv: string[]): Promise<number> {
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof ReviewError ? err.message : `unexpected failure: ${(err as Error)?.stack ?? String(err)}`;
    process.stderr.write(`review: ${message}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
