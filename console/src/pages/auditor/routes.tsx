import type { RoleRoutes } from "../routes";
import { Page } from "../../ui/page";

export const routes: RoleRoutes = {
  home: "/trails",
  nav: [{ path: "/trails", label: "Home" }],
  pages: [{ pattern: "/trails", view: () => <Page title="Auditor">Coming soon.</Page> }],
};
