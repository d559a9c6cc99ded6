import type { RoleRoutes } from "../routes";
import { directoryNav, directoryPage } from "../directory/routes";
import { RequestPage } from "../request/request-page";
import { Inbox } from "./inbox";
import { ContactPointActions } from "./request-actions";

export const routes: RoleRoutes = {
  home: "/inbox",
  nav: [{ path: "/inbox", label: "Inbox" }, directoryNav],
  pages: [
    { pattern: "/inbox", view: () => <Inbox /> },
    { pattern: "/requests/:id", view: ({ id }) => <RequestPage id={id} actions={(view) => <ContactPointActions view={view} />} /> },
    ...directoryPage,
  ],
};
