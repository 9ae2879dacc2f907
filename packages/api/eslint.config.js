import base from "@lastmile/eslint-config/base";
import react from "@lastmile/eslint-config/react";

export default [...base, ...react];
