// Starts Swagger UI (shipped by the swagger-ui-bundle package) on the API's OpenAPI
// description; kept in a file because the pages' Content-Security-Policy forbids inline scripts.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.SwaggerUIBundle({ url: "/docs/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
