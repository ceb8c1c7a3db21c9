import * as fs from "fs";
import * as path from "path";
import type { ConnectorJson } from "./compare";
import { ReviewError } from "./errors";

/** One connector definition file of the program. */
export interface Definition {
  /** File name inside the definitions folder, e.g. `acme-crm.json`. */
  file: string;
  /** The Scalekit identifier the connector has (derived from its display name). */
  identifier: string;
  /** The Scalekit payload, snake_case, as written in the file. */
  payload: ConnectorJson;
}

/** Scalekit's identifier for a display name: lower-cased, spaces removed (`Acme CRM` → `acmecrm`). */
function identifierFor(displayName: string): string {
  return displayName.toLowerCase().replace(/ /g, "");
}

/** Reads every `*.json` definition in `dir`, in file name order. */
export function loadDefinitions(dir: string): Definition[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  } catch (err) {
    throw new ReviewError(`cannot read the connector definitions folder ${dir}: ${(err as Error).message}. Pass the right folder with --connectors DIR.`);
  }
  return names.map((file) => {
    const full = path.join(dir, file);
    let payload: unknown;
    try {
      payload = JSON.parse(fs.readFileSync(full, "utf8"));
    } catch (err) {
      throw new ReviewError(`${full} is not valid JSON (${(err as Error).message}); fix the file and run the review again.`);
    }
    if (payload === null || typeof payload !== "object" || Array.isArray(payload) || typeof (payload as ConnectorJson).display_name !== "string") {
      throw new ReviewError(`${full} is not a connector definition: it needs to be a JSON object with a "display_name" string.`);
    }
    return { file, identifier: identifierFor((payload as ConnectorJson).display_name as string), payload: payload as ConnectorJson };
  });
}
