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
