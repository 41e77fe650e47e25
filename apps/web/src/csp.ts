// Imported first by main.ts, before anything that builds a zod schema. Zod compiles fast parsers
// with `new Function` when it can, probing for that as schemas are built; under the app's CSP
// (script-src 'self', no 'unsafe-eval') the probe is refused and reported as a CSP violation.
// Jitless mode skips both the probe and the compilation: the same results, a little slower.
import { config } from 'zod';

config({ jitless: true });
