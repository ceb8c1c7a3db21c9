/**
 * Writes the plugin's package schema, provider/schema.json, generated from the zod schema and its
 * descriptions (provider/src/core/schema/resource.ts). With --check, writes nothing and exits 1
 * when the file differs from what would be written.
 *
 *   npm run plugin:schema [-- --check]
 *
 * (the script builds first: it loads the built package).
 */
import * as fs from "fs";
import { packageSchema, pluginVersion, schemaPath, schemaText } from "pulumi-scalekit-connectors/internal";

/** The schema text the generator gives now. */
export function generatedSchemaText(): string {
  return schemaText(packageSchema(pluginVersion));
}

if (require.main === module) {
  const text = generatedSchemaText();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(schemaPath) ? fs.readFileSync(schemaPath, "utf8") : "";
    if (current !== text) {
      process.stderr.write(`${schemaPath} is not what the generator gives: run npm run plugin:schema\n`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(schemaPath, text);
    process.stdout.write(`wrote ${schemaPath}\n`);
  }
}
