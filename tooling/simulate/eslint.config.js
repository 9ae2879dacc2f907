import base from "@lastmile/eslint-config/base";

// The simulator is a script: it reads its rate and database from the environment.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
