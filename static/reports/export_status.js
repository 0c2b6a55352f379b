// Polls the export's status every two seconds until it is ready or has failed.
(function () {
  "use strict";
  var box = document.getElementById("cx-export");
  if (!box || box.dataset.status === "done" || box.dataset.status === "failed") return;
  var bar = document.getElementById("cx-export-bar");
  var label = document.getElementById("cx-export-label");

  function show(data) {
    bar.style.width = data.progress + "%";
    bar.textContent = data.progress + "%";
    bar.parentElement.setAttribute("aria-valuenow", data.progress);
    label.textContent = data.label.charAt(0).toUpperCase() + data.label.slice(1);
    if (data.status === "done") {
      var link = document.querySelector("#cx-export-download a");
      link.href = data.download_url;
      document.getElementById("cx-export-download").hidden = false;
      return true;
    }
    if (data.status === "failed") {
      bar.parentElement.hidden = true; // as the page reads when it is loaded after a failure
      document.getElementById("cx-export-failed").hidden = false;
      return true;
    }
    return false;
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (!show(data)) window.setTimeout(poll, 2000); })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
