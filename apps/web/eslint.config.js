import base from "@parley/eslint-config";

export default [...base, { ignores: ["next-env.d.ts", ".next/**"] }];
