import type { RoleRoutes } from "../routes";
import { directoryNav, directoryPage, revisionPages } from "../directory/routes";
import { EventsPage } from "./events";
import { ExportPage } from "./export";
import { TrailLookup, TrailPage } from "./trail";

export const routes: RoleRoutes = {
  home: "/trails",
  nav: [
    { path: "/trails", label: "Trails" },
    { path: "/events", label: "Events by day" },
    { path: "/export", label: "Export and key" },
    directoryNav,
    { path: "/revisions/directory", label: "Directory and rules trails" },
  ],
  pages: [
    { pattern: "/trails", view: () => <TrailLookup /> },
    { pattern: "/trails/:id", view: (p) => <TrailPage key={p.id} id={p.id} /> },
    { pattern: "/events", view: () => <EventsPage /> },
    { pattern: "/export", view: () => <ExportPage /> },
    ...directoryPage,
    ...revisionPages,
  ],
};
