/** Shared Prettier settings: the formatting every package agrees on. */
/** @type {import("prettier").Config} */
const config = {
  printWidth: 100,
  singleQuote: false,
  trailingComma: "all",
  semi: true,
};

export default config;
