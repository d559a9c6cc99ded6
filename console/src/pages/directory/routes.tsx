import type { RoleRoutes } from "../routes";
import { DirectoryPage } from "./directory";
import { EntryEdit, EntryNew } from "./entry";
import { DirectoryRevisionPage, RevisionsPage } from "./revisions";
import { RulesPage, RulesPropose } from "./rules";
import { DirectoryTransfer } from "./transfer";
import { MarkUnavailable } from "./unavailable";

type Pages = RoleRoutes["pages"];

/** The directory as every role reads it (GET /directory). */
export const directoryPage: Pages = [{ pattern: "/directory", view: () => <DirectoryPage /> }];

/** The directory's and the routing rules' trails with their hashes (auditors and administrators). */
export const revisionPages: Pages = [
  { pattern: "/revisions/directory", view: () => <RevisionsPage key="directory" trail="directory" /> },
  { pattern: "/revisions/routing-rules", view: () => <RevisionsPage key="routing-rules" trail="routing-rules" /> },
  { pattern: "/revisions/directory/:number", view: (p) => <DirectoryRevisionPage key={p.number} number={p.number} /> },
];

/** What administrators change: entries, periods of unavailability, imports; the rules and their proposals. */
export const administrationPages: Pages = [
  // Before /directory/:id/..., which would take "new" or "transfer" for an id.
  { pattern: "/directory/new", view: () => <EntryNew /> },
  { pattern: "/directory/transfer", view: () => <DirectoryTransfer /> },
  { pattern: "/directory/:id/edit", view: (p) => <EntryEdit key={p.id} id={p.id} /> },
  { pattern: "/directory/:id/unavailable", view: (p) => <MarkUnavailable key={p.id} id={p.id} /> },
  { pattern: "/rules", view: () => <RulesPage /> },
  { pattern: "/rules/propose", view: () => <RulesPropose /> },
];

export const directoryNav = { path: "/directory", label: "Directory" };
