// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  const box = document.createElement("div");
  box.className = "toast";
  box.setAttribute("role", "alert");
  box.textContent = `${document.body.dataset.errorMessage} (${status})`;
  document.body.appendChild(box);
  setTimeout(() => box.remove(), 5000);
});

// A form marked data-reset-on-success empties itself once htmx has put what it posted into
// its hx-target (a form sent back with errors is retargeted at itself and keeps its text).
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (!form.matches || !form.matches("form[data-reset-on-success]") || !event.detail.successful) return;
  if (event.detail.target === document.querySelector(form.getAttribute("hx-target"))) form.reset();
});

// A read-only link to copy selects itself when focused.
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input.copy-field")) event.target.select();
});

// A form with data-confirm asks before it submits.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// Board: drag a card onto a column to move it (the card's own form does the same without a mouse).
document.addEventListener("dragstart", (event) => {
  const card = event.target.closest && event.target.closest(".board-card");
  if (card) event.dataTransfer.setData("text/plain", card.dataset.startup);
});
document.addEventListener("dragover", (event) => {
  const column = event.target.closest && event.target.closest(".board .board-column");
  if (column) { event.preventDefault(); column.classList.add("drop-target"); }
});
document.addEventListener("dragleave", (event) => {
  const column = event.target.closest && event.target.closest(".board .board-column");
  if (column) column.classList.remove("drop-target");
});
document.addEventListener("drop", (event) => {
  const column = event.target.closest && event.target.closest(".board .board-column");
  const startup = event.dataTransfer.getData("text/plain");
  if (!column || !startup || !window.htmx) return;
  event.preventDefault();
  column.classList.remove("drop-target");
  const url = column.closest(".board").dataset.moveUrl.replace("/0/", `/${startup}/`);
  htmx.ajax("POST", url, { source: column, target: "#board-message", values: { to_stage: column.dataset.stage } });
});

// Sliders show their value in the <output> beside them.
document.addEventListener("input", (event) => {
  const slider = event.target;
  if (slider.type === "range" && slider.nextElementSibling && slider.nextElementSibling.tagName === "OUTPUT") {
    slider.nextElementSibling.value = slider.value;
  }
});
