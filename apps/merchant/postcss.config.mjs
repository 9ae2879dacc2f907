export { default } from "@lastmile/tailwind-config/postcss";
