/** Reading what the review printed: a connector's section of the table, the JSON document's connectors by name. */

/** The table's section of one definition file: from its `== file (` heading to the next blank line. */
export function section(table: string, file: string): string {
  const start = table.indexOf(`== ${file} (`);
  expect({ file, found: start >= 0 }).toEqual({ file, found: true });
  const end = table.indexOf("\n\n", start);
  return table.slice(start, end === -1 ? undefined : end);
}

/** The JSON document's connectors by resource name. */
export function connectorsByName(doc: { connectors: { name: string }[] }): Record<string, any> {
  return Object.fromEntries(doc.connectors.map((connector) => [connector.name, connector]));
}
