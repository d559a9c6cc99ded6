import type { RoleRoutes } from "../routes";
import { Page } from "../../ui/page";

export const routes: RoleRoutes = {
  home: "/policy",
  nav: [{ path: "/policy", label: "Home" }],
  pages: [{ pattern: "/policy", view: () => <Page title="Admin">Coming soon.</Page> }],
};
