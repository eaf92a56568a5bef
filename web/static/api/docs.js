// Starts Swagger UI on /api/docs from the OpenAPI document named in the page (no inline script: the
// Content-Security-Policy forbids it).
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  if (!element || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: element.getAttribute("data-openapi-url"),
    domNode: element,
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
})();
