import * as fs from "fs";
import * as path from "path";
import { connectorsDir, nodeModulesDir, repoRoot } from "./paths";

/** What a working copy of the Pulumi project holds: the program, the stack files, the definitions. */
const projectFiles = ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.production.yaml", "index.ts", "tsconfig.json", "tsconfig.pulumi.json", "tsconfig.base.json", "package.json"];

export interface ProjectCopyOptions {
  /** Folder of connector definitions to copy in as `connectors/` (default: the repository's own). */
  connectorsFrom?: string;
}

/**
 * Lays out a working copy of the root Pulumi project in `targetDir`, so that Pulumi may write
 * stack files there without touching the repository. `node_modules` is a link to the
 * repository's, which is how the program and the serialized provider find
 * `pulumi-scalekit-connectors` by name.
 */
export function prepareProjectCopy(targetDir: string, options: ProjectCopyOptions = {}): string {
  fs.mkdirSync(targetDir, { recursive: true });
  for (const file of projectFiles) {
    fs.copyFileSync(path.join(repoRoot, file), path.join(targetDir, file));
  }
  const connectorsTarget = path.join(targetDir, "connectors");
  fs.rmSync(connectorsTarget, { recursive: true, force: true });
  fs.cpSync(options.connectorsFrom ?? connectorsDir, connectorsTarget, { recursive: true });
  linkNodeModules(targetDir);
  return targetDir;
}

/** Links the repository's node_modules into a program folder, so that it finds the packages by name. */
export function linkNodeModules(programDir: string): void {
  const link = path.join(programDir, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(nodeModulesDir, link, "dir");
}
