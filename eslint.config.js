// ESLint's flat config for the book's JavaScript (make lint-js): the recommended rules everywhere,
// with the globals of where each file runs, and one rule more: the project's "a function fits on a
// screen" (at most 80 lines, blank lines and comments not counted). No rule is turned off; one is
// given an option (below, said why).
import js from "@eslint/js";
import globals from "globals";

export default [
  {ignores: ["node_modules/", ".venv/", "_build/", "src/bp/static/", "tests/browser/vendor/"]},
  js.configs.recommended,
  {rules: {"max-lines-per-function": ["error", {max: 80, skipBlankLines: true, skipComments: true}]}},
  // The widgets' front ends: ES modules in the page, and (the playground's) in a Web Worker.
  {files: ["src/bp/js/**/*.js"], languageOptions: {sourceType: "module", globals: {...globals.browser, ...globals.worker}}},
  // The book's own page scripts, printed inline or loaded as classic scripts; MathJax is the page's.
  {files: ["_templates/**/*.js", "_static/**/*.js"],
   languageOptions: {sourceType: "script", globals: {...globals.browser, MathJax: "readonly"}}},
  // Sphinx's searchtools.js reads the global `Scorer` this file defines, and defines `Search` and
  // `stopwords` (language_data.js) for it: unused and undefined only to a linter that sees one file.
  {files: ["_templates/search_scorer.js"],
   languageOptions: {globals: {Search: "readonly", stopwords: "readonly"}},
   rules: {"no-unused-vars": ["error", {varsIgnorePattern: "^Scorer$"}]}},
  // The build script, the node tests and this file.
  {files: ["scripts/**/*.mjs", "tests/node/**/*.mjs", "eslint.config.js"],
   languageOptions: {sourceType: "module", globals: globals.node}},
];
