/* Leader reports: the radar chart (from data embedded with json_script) and the print button.
   Everything on the page works without this script; the chart repeats the heatmap table. */
(function () {
  "use strict";

  // Company first and strongest; departments in calm, distinguishable colours.
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  var COLOURS = ["#0b5e55", "#b35c1e", "#3b6ea8", "#7a4fa0", "#5b8c2a", "#a33b5b", "#2f8f9d", "#8a6d1d", "#55606b"];

  function radar() {
    var canvas = document.getElementById("cx-radar");
    var source = document.getElementById("cx-radar-data");
    if (!canvas || !source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var datasets = data.series.map(function (series, i) {
      var colour = COLOURS[i % COLOURS.length];
      // Past the ninth line the colours come round again: each round of them has its own dashes.
      var dashes = DASHES[Math.floor(i / COLOURS.length) % DASHES.length];
      return {
        label: series.label,
        data: series.scores,
        borderColor: colour,
        backgroundColor: i === 0 ? "rgba(11, 94, 85, 0.12)" : "transparent",
        // Filled, a missing score would read as a zero at the centre.
        fill: i === 0 && series.scores.indexOf(null) === -1,
        borderWidth: i === 0 ? 3 : 1.5,
        borderDash: dashes,
        pointRadius: i === 0 ? 3 : 2,
        spanGaps: false, // a pillar without a score leaves a gap; joining its neighbours would invent one
        // The server picks the lines shown at first: the company and the departments most unlike it.
        hidden: series.shown === undefined ? i > 3 : !series.shown
      };
    });
    var chart = new window.Chart(canvas, {
      type: "radar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        animation: false,
        scales: {
          r: {
            min: 0, max: 100,
            ticks: { stepSize: 25, backdropColor: "rgba(255,255,255,0.8)", color: "#4f5a56" },
            pointLabels: { font: { size: 13 }, color: "#1f2623" },
            grid: { color: "#dfe4e1" }, angleLines: { color: "#dfe4e1" }
          }
        },
        plugins: {
          legend: { display: false }, // drawn in the canvas it cannot be reached by keyboard
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var value = ctx.raw === null ? "–" : Math.round(ctx.raw);
                return ctx.dataset.label + ": " + value;
              }
            }
          }
        }
      }
    });
    radarKey(chart, datasets);
    dismissTooltipOnEscape(chart);
  }

  // A tooltip shown on hover must be dismissable without moving the pointer (WCAG 1.4.13).
  function dismissTooltipOnEscape(chart) {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !chart.tooltip.getActiveElements().length) return;
      chart.tooltip.setActiveElements([], { x: 0, y: 0 });
      chart.setActiveElements([]);
      chart.update();
    });
  }

  // The key as buttons: each says whether its line is shown (aria-pressed) and toggles it.
  function radarKey(chart, datasets) {
    var key = document.querySelector("[data-cx-radar-key]");
    if (!key) return;
    datasets.forEach(function (dataset, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cx-radar-key-item";
      var swatch = document.createElement("span");
      swatch.className = "cx-radar-swatch";
      swatch.style.borderColor = dataset.borderColor;
      var dash = dataset.borderDash;
      swatch.style.borderTopStyle =
        !dash.length ? "solid" : dash.length > 2 ? "double" : dash[0] < 4 ? "dotted" : "dashed";
      swatch.setAttribute("aria-hidden", "true");
      button.appendChild(swatch);
      button.appendChild(document.createTextNode(dataset.label));
      function show() { button.setAttribute("aria-pressed", String(chart.isDatasetVisible(i))); }
      button.addEventListener("click", function () {
        chart.setDatasetVisibility(i, !chart.isDatasetVisible(i));
        chart.update();
        show();
      });
      show();
      key.appendChild(button);
    });
  }

  function printButtons() {
    document.querySelectorAll("[data-cx-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A printed report has no "details" to click open: print them open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.cx-more").forEach(function (d) { d.open = true; });
  });

  // Every table sits in a box that scrolls sideways on small screens, labelled "Table (scrolls
  // sideways…)" by the server. Here each box takes its section's heading as its name (or else
  // its table's caption, which is often a long note), so a screen reader's list of regions
  // tells them apart, and a box is a region and a tab stop only while it really scrolls.
  function scrollRegions() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-responsive[role=region]"));
    var taken = [];
    function headingBefore(box) {
      var section = box.closest("section");
      var found = null;
      if (!section) return null;
      section.querySelectorAll("h2, h3, h4").forEach(function (heading) {
        if (heading.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading;
      });
      return found;
    }
    boxes.forEach(function (box, i) {
      var table = box.querySelector("table");
      var name = headingBefore(box);
      if (!name || taken.indexOf(name) >= 0) name = table && table.caption; // two tables, one heading
      if (!name) return;
      taken.push(name);
      if (!name.id) name.id = "cx-table-name-" + i;
      // The heading alone would give the box the name of its section, itself a region: two
      // landmarks of one name. The server's "Table (scrolls sideways …)" follows the heading.
      var hint = document.createElement("span");
      hint.id = "cx-table-hint-" + i;
      hint.hidden = true; // read as part of the name only, never as text after the table
      hint.textContent = box.getAttribute("aria-label") || "";
      box.appendChild(hint);
      box.dataset.cxName = name.id + " " + hint.id;
    });
    // A shadow on the right edge while more of the table lies beyond it: on a phone nothing
    // else says that the table goes on.
    boxes.forEach(function (box) {
      var wrap = document.createElement("div");
      wrap.className = "cx-scroll-wrap";
      box.parentNode.insertBefore(wrap, box);
      wrap.appendChild(box);
      box.addEventListener("scroll", function () { edge(box); }, { passive: true });
    });
    function edge(box) {
      var more = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
      box.parentNode.classList.toggle("cx-more-right", more);
    }
    function fit() {
      boxes.forEach(function (box) {
        edge(box);
        if (box.scrollWidth > box.clientWidth + 1) {
          box.setAttribute("role", "region");
          box.setAttribute("tabindex", "0");
          if (box.dataset.cxName) {
            box.setAttribute("aria-labelledby", box.dataset.cxName);
            box.removeAttribute("aria-label");
          }
        } else {
          ["role", "tabindex", "aria-label", "aria-labelledby"].forEach(function (attribute) {
            box.removeAttribute(attribute);
          });
        }
      });
    }
    fit();
    window.addEventListener("resize", fit);
  }

  document.addEventListener("DOMContentLoaded", function () {
    radar();
    printButtons();
    scrollRegions();
  });
})();
