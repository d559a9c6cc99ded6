import type { RoleRoutes } from "../routes";
import { directoryNav, directoryPage } from "../directory/routes";
import { ReviewQueue } from "./queue";
import { ReviewPage } from "./review";

export const routes: RoleRoutes = {
  home: "/reviews",
  nav: [{ path: "/reviews", label: "Review queue" }, directoryNav],
  pages: [
    { pattern: "/reviews", view: () => <ReviewQueue /> },
    { pattern: "/reviews/:id/:number", view: (p) => <ReviewPage key={p.id + "/" + p.number} id={p.id} number={p.number} /> },
    ...directoryPage,
  ],
};
