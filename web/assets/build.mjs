// Builds the officer interface's front-end into web/static/build/ (git-ignored):
// the stylesheet compiled from application.scss, and GOV.UK Frontend's script and images.
// Run by `./dev setup` (through `npm run build`) after `npm ci`.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const build = join(root, "web", "static", "build");

rmSync(build, { recursive: true, force: true });
mkdirSync(join(build, "assets"), { recursive: true });

const css = sass.compile(join(root, "web", "assets", "application.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
if (css.css.includes("GDS Transport")) {
  throw new Error("The compiled stylesheet names the GDS Transport typeface, which is reserved for GOV.UK.");
}
writeFileSync(join(build, "application.css"), css.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(build, "govuk-frontend.min.js"));
cpSync(join(govuk, "assets", "images"), join(build, "assets", "images"), { recursive: true });
// Swagger UI for the API's documentation page (/api/docs).
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  cpSync(join(root, "node_modules", "swagger-ui-dist", file), join(build, "swagger-ui", file));
}
console.error(`Built the web interface's assets into ${build}.`);
