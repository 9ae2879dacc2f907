import base from "@lastmile/eslint-config/base";
import nextjs from "@lastmile/eslint-config/nextjs";
import react from "@lastmile/eslint-config/react";

export default [...base, ...react, ...nextjs];
