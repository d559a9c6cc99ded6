import type { RoleRoutes } from "../routes";
import { Page } from "../../ui/page";

export const routes: RoleRoutes = {
  home: "/requests",
  nav: [{ path: "/requests", label: "Home" }],
  pages: [{ pattern: "/requests", view: () => <Page title="Requester">Coming soon.</Page> }],
};
