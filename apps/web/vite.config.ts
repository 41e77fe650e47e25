import { defineConfig } from 'vite';

// The browser app is built into dist/ and served by apps/server under a strict CSP: no inline
// script or style may end up in index.html, so the module preload polyfill (an inline helper in
// some setups) is off; modern Chromium, Firefox and Safari preload modules natively.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: 'hidden',
    assetsInlineLimit: 0,
  },
  server: {
    // `pnpm --filter @mac/web dev` against a running server on :8080.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
