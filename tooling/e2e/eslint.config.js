import base from "@lastmile/eslint-config/base";

// The end-to-end harness is configuration itself: it reads ports and paths from the environment.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
