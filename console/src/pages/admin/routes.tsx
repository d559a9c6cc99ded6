import type { RoleRoutes } from "../routes";
import { administrationPages, directoryNav, directoryPage, revisionPages } from "../directory/routes";
import { ChannelForm, ChannelList } from "./channels";
import { PolicyCompare, PolicyHome, PolicyVersion } from "./policy";
import { PolicyUpload } from "./upload";

export const routes: RoleRoutes = {
  home: "/policy",
  nav: [
    { path: "/policy", label: "Release policy" },
    { path: "/channels", label: "Notice channels" },
    directoryNav,
    { path: "/rules", label: "Routing rules" },
  ],
  pages: [
    { pattern: "/policy", view: () => <PolicyHome /> },
    { pattern: "/policy/versions/:version", view: (p) => <PolicyVersion version={p.version} /> },
    { pattern: "/policy/compare", view: () => <PolicyCompare /> },
    { pattern: "/policy/new", view: () => <PolicyUpload /> },
    { pattern: "/channels", view: () => <ChannelList /> },
    { pattern: "/channels/new", view: () => <ChannelForm /> },
    ...directoryPage,
    ...administrationPages,
    ...revisionPages,
  ],
};
