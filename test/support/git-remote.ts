/**
 * Puts a suite's project folder under git with a bare `origin` beside it, as a clone of a team's
 * repository would be: the stack files committed and pushed, `main` tracking `origin/main`.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface ProjectRepository {
  /** Runs git in the project folder and returns its output. */
  git(args: readonly string[]): string;
  /** `git add -A`, `git commit`. */
  commitAll(message: string): void;
  push(): void;
}

/** Makes `projectDir` a git work tree whose `main` tracks a bare repository at `<originDir>`; commits and pushes everything. */
export function initProjectRepository(projectDir: string, originDir: string): ProjectRepository {
  const git = (args: readonly string[], cwd = projectDir): string =>
    execFileSync("git", ["-c", "user.name=Suite", "-c", "user.email=suite@example.invalid", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  git(["init", "--bare", originDir], path.dirname(originDir));
  git(["init"]);
  fs.writeFileSync(path.join(projectDir, ".gitignore"), "node_modules\n.work/\n");
  git(["remote", "add", "origin", originDir]);
  const repository: ProjectRepository = {
    git,
    commitAll: (message) => {
      git(["add", "-A"]);
      git(["commit", "-q", "-m", message]);
    },
    push: () => void git(["push", "-q", "-u", "origin", "main"]),
  };
  repository.commitAll("the project");
  repository.push();
  return repository;
}
