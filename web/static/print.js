// The "Print" buttons of letters and the pack: the browser's print dialogue (no inline script: the CSP refuses it).
document.querySelectorAll("[data-ct-print]").forEach((button) => button.addEventListener("click", () => window.print()));
