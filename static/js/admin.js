// The campaign admin's open link: a click selects it, "Copy" puts it on the clipboard.
// Listeners instead of onclick= attributes, which the Content-Security-Policy refuses.
document.addEventListener("click", function (event) {
  var field = event.target.closest("[data-cx-select]");
  if (field) field.select();
  var button = event.target.closest("[data-cx-copy-text]");
  if (button && navigator.clipboard) navigator.clipboard.writeText(button.dataset.cxCopyText);
});
