import type { RoleRoutes } from "../routes";
import { Page } from "../../ui/page";

export const routes: RoleRoutes = {
  home: "/inbox",
  nav: [{ path: "/inbox", label: "Home" }],
  pages: [{ pattern: "/inbox", view: () => <Page title="ContactPoint">Coming soon.</Page> }],
};
