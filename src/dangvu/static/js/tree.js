// The tree navigator: a branch loads once (htmx), then its toggle folds and unfolds it.
document.addEventListener("htmx:afterRequest", (event) => {
  const button = event.detail.elt;
  if (button.classList && button.classList.contains("toggle") && event.detail.successful) {
    button.dataset.loaded = "1";
    button.textContent = "▾";
    button.setAttribute("aria-expanded", "true");
  }
});
document.addEventListener("click", (event) => {
  const button = event.target.closest(".tree .toggle[data-loaded]");
  if (!button) return;
  const branch = button.closest("li").querySelector(":scope > ul");
  if (!branch) return;
  branch.hidden = !branch.hidden;
  button.textContent = branch.hidden ? "▸" : "▾";
  button.setAttribute("aria-expanded", String(!branch.hidden));
});
