import base from "@lastmile/eslint-config/base";

// A benchmark script: it reads its ports and paths from the environment.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
