// Small touches on top of pages that work without JavaScript:
// - times shown in the reader's own time zone (the server writes them in UTC);
// - Esc closes a claim's tooltip (it stays closed until the pointer or focus leaves).
document.addEventListener("DOMContentLoaded", () => {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
  for (const node of document.querySelectorAll("time[data-local]")) {
    const value = node.getAttribute("datetime");
    const moment = new Date(value);
    if (Number.isNaN(moment.getTime())) continue;
    node.title = node.textContent;
    node.textContent = value.endsWith("T00:00:00Z") ? dateOnly.format(moment) : format.format(moment);
  }
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const open of document.querySelectorAll(".claim-wrap:hover, .claim-wrap:focus-within")) {
      open.classList.add("tip-closed");
    }
  });
  for (const wrap of document.querySelectorAll(".claim-wrap")) {
    const reopen = () => wrap.classList.remove("tip-closed");
    wrap.addEventListener("mouseleave", reopen);
    wrap.addEventListener("focusout", reopen);
  }
});
