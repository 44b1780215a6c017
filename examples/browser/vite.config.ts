// Vite builds the example from the BUILT package: "openrouter-oauth/browser" resolves by package
// self-reference through the repository's package.json "exports" to dist/esm (run `npm run build` first).
// The caller picks the root (`vite build examples/browser`, scripts/example-browser.ts); `base: "./"` lets
// the built files be served from any folder; public/config.js is copied as is.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
