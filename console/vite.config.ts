import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// The console is served from the same origin as the API locally (./run-local) and from CloudFront on
// AWS; relative asset paths work under both. No inline scripts: the CSP forbids them.
export default defineConfig({
  plugins: [preact()],
  base: "./",
  build: {
    outDir: "dist",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: "es2022",
  },
  server: {
    // `npm run dev` next to ./run-local: the API and the dev issuer are on the local server
    // (LIAISON_API=http://127.0.0.1:18080 for one started with --port 18080).
    proxy: Object.fromEntries(
      ["/requests", "/reviews", "/policy", "/channels", "/audit", "/dev", "/legal-bases", "/console-config.json"].map((p) => [
        p,
        process.env.LIAISON_API ?? "http://127.0.0.1:8080",
      ]),
    ),
  },
});
