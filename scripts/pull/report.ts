/** The text pull prints: what it wrote, what it skipped and why, and the next step. */
import type { Decision, LiveRef } from "./plan";

export interface PullSummary {
  stack: string;
  environmentUrl: string;
  /** Where the credentials came from, e.g. "the stack's config". */
  credentialsFrom: string;
  /** The definitions folder as shown. */
  dir: string;
  /** How many definition files were there before. */
  existingFiles: number;
  /** How many custom connectors are live. */
  liveCount: number;
  decisions: Decision[];
  /** When the folder is not the one the stack's program reads: the config command that points it there. */
  connectorsDirCommand?: string;
}

function named(connector: LiveRef): string {
  return `"${connector.displayName}" (${connector.identifier})`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The whole report, one line per file or connector, readable without colour. */
export function renderReport(summary: PullSummary): string {
  const { decisions, stack } = summary;
  const written = decisions.filter((d): d is Extract<Decision, { kind: "write" }> => d.kind === "write");
  const skipped = decisions.filter((d) => d.kind !== "write");
  const lines = [
    `Pull: stack "${stack}", Scalekit environment ${summary.environmentUrl} (credentials from ${summary.credentialsFrom})`,
    `Definitions: ${summary.dir} (${plural(summary.existingFiles, "file")} before this pull)`,
    `Live custom connectors: ${summary.liveCount}`,
    "",
  ];
  if (written.length > 0) {
    const width = Math.max(...written.map((d) => d.file.length));
    lines.push(`Wrote ${plural(written.length, "new definition file")}:`);
    for (const d of written) {
      const taken = d.nameTakenBy
        ? `; ${d.nameTakenBy.file} ${d.nameTakenBy.displayName ? `holds "${d.nameTakenBy.displayName}"` : "exists already"}`
        : "";
      lines.push(`  ${d.file.padEnd(width)}  ${named(d.connector)}${taken}`);
      for (const warning of d.warnings) lines.push(`    advice: ${warning}`);
      for (const placeholder of d.placeholders) {
        lines.push(
          `    warning: ${d.file}: ${placeholder.property} is a credential; the file holds the placeholder {"$secretConfig": "${placeholder.configKey}"} instead of its value. ` +
            `Supply the value as a secret config value of each stack that applies this file: npm run pulumi -- config set --secret ${placeholder.configKey} --stack ${stack}`,
        );
      }
      if (d.adoptionChanges.length > 0) {
        lines.push(`    note: adopting it would still update ${d.adoptionChanges.join(", ")} in Scalekit; compare the file with the connector before pulumi up`);
      }
    }
  } else {
    lines.push("Wrote nothing: no live custom connector is missing from the definitions.");
  }
  if (skipped.length > 0) {
    lines.push("", `Skipped (${skipped.length}):`);
    for (const d of skipped) {
      switch (d.kind) {
        case "declared":
          lines.push(`  ${named(d.connector)}: already declared by ${d.files.join(", ")}`);
          break;
        case "ambiguous":
          lines.push(
            `  ${d.connectors.map(named).join(", ")}: ${d.connectors.length} live connectors have this name (compared ignoring case and spaces), ` +
              `so none is written; delete or rename the extra ones in the Scalekit dashboard, then pull again`,
          );
          break;
        case "invalid":
          lines.push(`  ${named(d.connector)}: invalid, its definition would not pass the provider's validation, so it is not written:`);
          for (const failure of d.failures) lines.push(`      ${failure}`);
          lines.push(`    Fix the connector in the Scalekit dashboard and pull again, or write ${d.file} by hand.`);
          break;
      }
    }
  }
  const count = (kind: Decision["kind"]) => decisions.filter((d) => d.kind === kind).length;
  lines.push(
    "",
    `Summary: ${written.length} written, ${count("declared")} already declared, ${count("ambiguous")} with several live connectors of one name, ${count("invalid")} invalid.`,
  );
  if (written.length > 0) {
    lines.push("", `Next: let Pulumi take the new definitions over (adoption writes nothing to Scalekit when a connector matches its file):`);
    if (summary.connectorsDirCommand) lines.push(`  ${summary.connectorsDirCommand}`);
    const configKeys = [...new Set(written.flatMap((d) => d.placeholders.map((placeholder) => placeholder.configKey)))];
    for (const key of configKeys) lines.push(`  npm run pulumi -- config set --secret ${key} --stack ${stack}   # asks for the value`);
    lines.push(`  npm run pulumi -- up --stack ${stack} --config adoptExisting=true`, `  npm run pulumi -- config rm adoptExisting --stack ${stack}`);
  }
  return `${lines.join("\n")}\n`;
}
