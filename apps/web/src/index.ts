// @mac/web: the browser application. Built by Vite (index.html → src/main.ts); these exports are
// for tests and tools.
export { defineWebElements } from './define.js';
export { createApi, ApiError, type Api, type Me, type ChronologyDetail, type ChronologySummary } from './api.js';
export { parseRoute, safeNext, signInPath } from './app/router.js';
