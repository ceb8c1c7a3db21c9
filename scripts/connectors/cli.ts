/** The process of `npm run connectors -- <subcommand> [options]` (and of its aliases `npm run review`, `pull`, `migrate`). */
import { runCommand } from "../lib/command-line";
import { commandName, runConnectors } from "./subcommands";

runCommand(commandName(process.argv.slice(2)), runConnectors);
