import base from "@lastmile/eslint-config/base";

export default [...base];
