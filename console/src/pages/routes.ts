import type { ComponentChildren } from "preact";

/** What one role's part of the console offers: its menu, and its pages by path pattern ("/requests/:id"). */
export interface RoleRoutes {
  home: string;
  nav: { path: string; label: string }[];
  pages: { pattern: string; view: (params: Record<string, string>) => ComponentChildren }[];
}
