// Keyboard and filter conveniences; every page works without this script.
"use strict";

document.addEventListener("keydown", (event) => {
  // "/" jumps to the page's search box, unless the user is typing somewhere.
  const typing = event.target.closest("input, select, textarea, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const search = document.getElementById("search");
    if (search) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  }
  // Escape leaves the search box.
  if (event.key === "Escape" && event.target.id === "search") {
    event.target.blur();
  }
});

// A changed filter applies at once.
for (const select of document.querySelectorAll("form.filters select")) {
  select.addEventListener("change", () => select.form.submit());
}
