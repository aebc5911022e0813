// The OpenAPI page, started from a file rather than an inline script (our CSP forbids those).
document.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
