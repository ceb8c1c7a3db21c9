/**
 * A review model built by hand, for testing the renderers without environments: one connector of
 * every kind the review reports (an update with an OAuth scope change, a create, an ambiguous
 * match, one unchanged, one unchanged but drifted in Dev), connectors only in each environment
 * (one of them still in Production's state, so to be deleted), and a connector whose display
 * name, metadata key and values are written to break Markdown (pipes, backticks, line breaks,
 * HTML, emphasis, a heading mark).
 */
import { connectionsNote, describeScopeChange } from "pulumi-scalekit-connectors/internal";
import { connectorLabel } from "../../scripts/review/compare";
import type { ConnectorReview, FieldRow, Review } from "../../scripts/review/model";

type Values = Pick<FieldRow, "source" | "target" | "proposed">;

/** A row whose marks follow from its values, as compare.ts sets them (absent counts as different). */
export function row(path: string, values: Values): FieldRow {
  const same = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);
  return { path, ...values, targetChanges: !same(values.target, values.proposed), sourceDiffers: !same(values.source, values.proposed) };
}

/** A row that holds one value in all three places. */
function same(path: string, value: FieldRow["proposed"]): FieldRow {
  return row(path, { source: value, target: value, proposed: value });
}

/** A connector with no drift, warning or note unless told; its file is named after it. */
function connector(fields: Pick<ConnectorReview, "name" | "displayName" | "source" | "target" | "action" | "rows"> & Partial<ConnectorReview>): ConnectorReview {
  return { file: `${fields.name}.json`, drift: { kind: "none" }, scopeChanges: [], warnings: [], notes: [], ...fields };
}

const scopeChange = { pattern: 0, type: "OAUTH", added: ["invoices.read"], removed: ["deals.write"] };
const acmeLabel = connectorLabel("Acme CRM", "ACMECRM:15564");

export const updatedConnector = connector({
  name: "acme-crm",
  displayName: "Acme CRM",
  source: { kind: "state", identifier: "prov_3f439110d097c600" },
  target: { kind: "state", identifier: "ACMECRM:15564" },
  action: "update",
  rows: [
    same("display_name", "Acme CRM"),
    row("description", { source: "Contacts, deals and invoices", target: "Contacts and deals", proposed: "Contacts, deals and invoices" }),
    same("auth_patterns[0].type", "OAUTH"),
    same("auth_patterns[0].oauth_config.available_scopes[0].scope", "contacts.read"),
    row("auth_patterns[0].oauth_config.available_scopes[1].scope", { source: "invoices.read", target: "deals.write", proposed: "invoices.read" }),
    same("proxy_url", "https://api.acme.example/v1"),
    same("proxy_enabled", true),
    same("metadata", {}),
  ],
  scopeChanges: [scopeChange],
  warnings: [describeScopeChange(acmeLabel, scopeChange)],
  notes: [connectionsNote(acmeLabel)],
});

export const createdConnector = connector({
  name: "ticket-desk",
  displayName: "Ticket Desk",
  source: { kind: "state", identifier: "prov_311d06e06ae19c0b" },
  target: { kind: "none" },
  action: "create",
  rows: [
    row("display_name", { source: "Ticket Desk", proposed: "Ticket Desk" }),
    row("auth_patterns[0].type", { source: "BEARER", proposed: "BEARER" }),
    row("proxy_url", { source: "https://api.ticketdesk.example/v2", proposed: "https://api.ticketdesk.example/v2" }),
    row("proxy_enabled", { source: true, proposed: true }),
  ],
});

export const ambiguousConnector = connector({
  name: "twin-notes",
  displayName: "Twin Notes",
  source: { kind: "state", identifier: "prov_77aa" },
  target: { kind: "ambiguous", identifiers: ["TWINNOTES:1", "TWINNOTES:2"] },
  action: "ambiguous",
  rows: [row("display_name", { source: "Twin Notes", proposed: "Twin Notes" }), row("proxy_enabled", { source: true, proposed: true })],
});

export const unchangedConnector = connector({
  name: "steady-docs",
  displayName: "Steady Docs",
  source: { kind: "state", identifier: "prov_5e" },
  target: { kind: "name", identifier: "STEADYDOCS:4" },
  action: "unchanged",
  rows: [same("display_name", "Steady Docs"), same("proxy_enabled", true)],
});

export const driftedConnector = connector({
  name: "docs-hub",
  displayName: "Docs Hub",
  source: { kind: "state", identifier: "prov_d0c5" },
  target: { kind: "state", identifier: "DOCSHUB:9" },
  action: "unchanged",
  drift: { kind: "differs", paths: ["proxy_url"] },
  rows: [
    same("display_name", "Docs Hub"),
    row("proxy_url", { source: "https://mcp-beta.docshub.io/mcp", target: "https://mcp.docshub.io/mcp", proposed: "https://mcp.docshub.io/mcp" }),
  ],
});

/** Strings written to break a Markdown table or comment if they were pasted in as they are. */
export const hostile = {
  displayName: "# Pipe | `tick` <b>bold</b> *star* [link](https://evil.example) $x$",
  /** Ends with a backtick, which a code span must keep apart from its fence. */
  metadataKey: "team|owner\nsecond `line`",
  /** Breaks a table (pipe, line break), a code span (backtick runs), and HTML. */
  value: "a | b `c` ``d`` \n<script>alert(1)</script> ` ",
  /** Backticks and spaces at both ends of the text (inside the JSON quotes). */
  edgy: "` padded `",
};

const hostileLabel = connectorLabel(hostile.displayName, "HOSTILE:1");

export const hostileConnector = connector({
  name: "hostile",
  file: "hostile|`x`.json",
  displayName: hostile.displayName,
  source: { kind: "state", identifier: "prov_<b>" },
  target: { kind: "state", identifier: "HOSTILE:1" },
  action: "update",
  rows: [
    row("display_name", { source: hostile.displayName, target: "Plain", proposed: hostile.displayName }),
    row(`metadata.${hostile.metadataKey}`, { source: hostile.value, target: hostile.edgy, proposed: hostile.value }),
  ],
  warnings: [`Connector ${hostileLabel}: proxy is off | <i>check</i>`],
  notes: [connectionsNote(hostileLabel)],
});

/** A review of every kind of connector, in file name order as the review lists them. */
export function everyKindReview(): Review {
  return {
    source: "dev",
    target: "production",
    sourceEnvironmentUrl: "https://dev.example",
    targetEnvironmentUrl: "https://production.example",
    sourceState: { status: "read", connectors: 6 },
    targetState: { status: "read", connectors: 4 },
    definitionsDir: "connectors",
    connectors: [updatedConnector, driftedConnector, hostileConnector, unchangedConnector, createdConnector, ambiguousConnector],
    onlyInTarget: [
      { identifier: "LEGACYFAX:22222", displayName: "Legacy Fax", stateResource: "old-fax", sharesNameWith: [] },
      { identifier: "TWINNOTES:1", displayName: "Twin Notes", sharesNameWith: ["TWINNOTES:2"], ambiguousFor: "twin-notes.json" },
      { identifier: "TWINNOTES:2", displayName: "twin notes", sharesNameWith: ["TWINNOTES:1"], ambiguousFor: "twin-notes.json" },
    ],
    onlyInSource: [{ identifier: "prov_9", displayName: "Scratch <test>", sharesNameWith: [] }],
  };
}

/** A review after the promotion: every connector unchanged, nothing to delete. */
export function nothingToDoReview(): Review {
  return { ...everyKindReview(), connectors: [unchangedConnector], onlyInTarget: [], onlyInSource: [] };
}
