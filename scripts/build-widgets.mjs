// The widgets' front ends, built by esbuild (pinned in package.json) from src/bp/js/ into the
// package's src/bp/static/, where they are committed (the book, Binder and pip install need no node):
//   <name>.js      each widget's entry file with everything it imports, one minified ES module,
//   <name>.js.map  its source map (linked from the module's last line; the sources are inside),
//   <name>.css     theme.css and the widget's own stylesheet (its `@import "./theme.css";`), minified.
// Usage: node scripts/build-widgets.mjs [DEST]   (`make widgets`; DEST defaults to src/bp/static).
// The files are laid out for src/bp/static whatever DEST is, so that tests/test_static_fresh.py can
// build into a temporary folder and compare the bytes with the committed ones.
import {build} from "esbuild";
import {mkdir, writeFile} from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";

export const WIDGETS = ["explorer", "tangent", "stepper", "playground", "digits", "practice"];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const js = path.join(root, "src", "bp", "js");
const outdir = path.join(root, "src", "bp", "static");

const common = {bundle: true, minify: true, write: false, outdir, absWorkingDir: root, logLevel: "warning"};
const builds = [
  build({...common, entryPoints: WIDGETS.map((w) => path.join(js, `${w}.js`)), format: "esm", sourcemap: "linked"}),
  build({...common, entryPoints: WIDGETS.map((w) => path.join(js, `${w}.css`))}),
];

const dest = path.resolve(process.argv[2] || outdir);
await mkdir(dest, {recursive: true});
for (const {outputFiles} of await Promise.all(builds)) {
  for (const file of outputFiles) {
    await writeFile(path.join(dest, path.relative(outdir, file.path)), file.contents);
  }
}
