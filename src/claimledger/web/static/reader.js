// "No time to read? Get a summary": reveal the summary without a page load.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("summary-toggle");
  const summary = document.getElementById("summary");
  if (!button || !summary) return;
  button.addEventListener("click", () => {
    const open = summary.hidden;
    summary.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Hide the summary" : "Get a summary";
  });
});
