import base from "@lastmile/eslint-config/base";

// The orchestrators start processes with the environment they were given.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
