import base, { layering, restrictImports } from "@lastmile/eslint-config/base";

export default [...base, restrictImports(layering.geo)];
