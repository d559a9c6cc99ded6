import type { RoleRoutes } from "../routes";
import { directoryNav, directoryPage } from "../directory/routes";
import { RequestPage } from "../request/request-page";
import { FileRequest } from "./file";
import { MyRequests } from "./my-requests";
import { RequesterActions } from "./request-actions";

export const routes: RoleRoutes = {
  home: "/requests",
  nav: [
    { path: "/requests", label: "My requests" },
    { path: "/requests/new", label: "File a request" },
    directoryNav,
  ],
  pages: [
    { pattern: "/requests", view: () => <MyRequests /> },
    // Before /requests/:id, which would take "new" for an id.
    { pattern: "/requests/new", view: () => <FileRequest /> },
    { pattern: "/requests/:id", view: ({ id }) => <RequestPage id={id} actions={(view) => <RequesterActions view={view} />} /> },
    ...directoryPage,
  ],
};
