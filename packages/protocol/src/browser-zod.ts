import { z } from "zod";

// NOTE: zod compiles object parsers with `new Function` after probing whether eval works. Parley's pages run
// under a Content-Security-Policy without 'unsafe-eval', where even the probe is reported as a violation; in a
// browser every parse takes zod's plain path instead. Servers keep the faster compiled parsers.
if ("window" in globalThis) z.config({ jitless: true });
