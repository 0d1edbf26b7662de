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
