// Starts GOV.UK Frontend's components (error summary focus, service navigation menu, …).
import { initAll } from "./build/govuk-frontend.min.js";

// GOV.UK Frontend's conditional reveals put aria-expanded on radio and checkbox inputs, which ARIA 1.2 does not
// allow on those roles (axe-core: aria-allowed-attr, WCAG 4.1.2). The revealed questions follow their input
// directly and stay linked by aria-controls, so the attribute is removed as soon as it is set.
const choices = "input[type=radio][aria-expanded], input[type=checkbox][aria-expanded]";
const strip = (root) => root.querySelectorAll(choices).forEach((input) => input.removeAttribute("aria-expanded"));
new MutationObserver(() => strip(document)).observe(document.body, {
  subtree: true, attributes: true, attributeFilter: ["aria-expanded"],
});

initAll();
strip(document);

// "Print" buttons (a letter, the pack): the browser's print dialogue.
document.querySelectorAll("[data-ct-print]").forEach((button) => button.addEventListener("click", () => window.print()));
