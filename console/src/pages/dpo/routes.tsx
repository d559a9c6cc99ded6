import type { RoleRoutes } from "../routes";
import { Page } from "../../ui/page";

export const routes: RoleRoutes = {
  home: "/reviews",
  nav: [{ path: "/reviews", label: "Home" }],
  pages: [{ pattern: "/reviews", view: () => <Page title="Dpo">Coming soon.</Page> }],
};
