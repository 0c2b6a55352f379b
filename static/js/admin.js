// The campaign admin's open link: a click selects it, "Copy" puts it on the clipboard and says
// so. Listeners instead of onclick= attributes, which the Content-Security-Policy refuses.
document.addEventListener("click", function (event) {
  var field = event.target.closest("[data-cx-select]");
  if (field) field.select();
  var button = event.target.closest("[data-cx-copy-text]");
  if (!button || !navigator.clipboard) return;
  navigator.clipboard.writeText(button.dataset.cxCopyText).then(function () {
    var status = button.parentNode.querySelector(".cx-copy-status");
    if (status) status.textContent = button.dataset.cxCopied || "";
  });
});

// A round's frozen questions: on a narrow screen their table scrolls sideways, so it must be
// reachable and named for the keyboard (WCAG 2.1.1).
(function () {
  function fit() {
    document.querySelectorAll(".inline-group").forEach(function (group, i) {
      var heading = group.querySelector("h2");
      if (group.scrollWidth > group.clientWidth + 1 && heading) {
        if (!heading.id) heading.id = "cx-inline-name-" + i;
        group.setAttribute("tabindex", "0");
        group.setAttribute("role", "region");
        group.setAttribute("aria-labelledby", heading.id);
      } else {
        ["tabindex", "role", "aria-labelledby"].forEach(function (name) {
          group.removeAttribute(name);
        });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", fit);
  window.addEventListener("resize", fit);
})();
