// Respondent pages, progressively enhanced: everything works without this file.
// Answer page: a sticky "Part N of 5 · 7 of 15 answered" bar, focus on the error summary, links
// in the summary that land on the field, one request per click of "Send", and the answers given
// so far carried across a change of language.
// Result page: "copy link" and "print" buttons.
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return key in values ? String(values[key]) : match;
    });
  }

  function setUpErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.hash.slice(1));
      if (!target) return;
      event.preventDefault();
      // Show the question with its statement, not just the first radio button under the bar.
      var container = target.closest("fieldset") || target.closest(".mb-3") || target;
      container.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  }

  function setUpProgress(form) {
    var bar = form.querySelector("[data-cx-progress]");
    var sections = Array.prototype.slice.call(form.querySelectorAll("[data-cx-section]"));
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-cx-question]"));
    if (!bar || !sections.length || !questions.length) return;
    var counters = form.querySelectorAll("[data-cx-progress-count]");
    var fills = bar.querySelectorAll("[data-cx-progress-fill]");
    var part = bar.querySelector("[data-cx-progress-part]");

    function update() {
      var answered = questions.filter(function (q) { return q.querySelector("input:checked"); });
      counters.forEach(function (counter) {
        counter.textContent = format(counter.dataset.template, {
          answered: answered.length, total: questions.length,
        });
        counter.hidden = false;
      });
      sections.forEach(function (section, i) {
        var own = section.querySelectorAll("[data-cx-question]");
        var done = section.querySelectorAll("[data-cx-question] input:checked");
        if (fills[i]) fills[i].style.width = (own.length ? (100 * done.length) / own.length : 0) + "%";
      });
    }

    function showPart(section) {
      part.textContent = section.dataset.cxLabel;
    }

    showPart(sections[0]);
    if ("IntersectionObserver" in window) {
      // The part whose top has most recently passed the upper third of the screen is "current".
      var observer = new IntersectionObserver(function () {
        var current = sections[0];
        sections.forEach(function (section) {
          if (section.getBoundingClientRect().top < window.innerHeight / 3) current = section;
        });
        showPart(current);
      }, { rootMargin: "0px 0px -66% 0px", threshold: [0, 1] });
      sections.forEach(function (section) { observer.observe(section); });
    }
    form.addEventListener("change", update);
    update();
    bar.hidden = false;
  }

  // A comment box takes at most its maxlength characters; near the end say how many are used,
  // so that text cut off at the limit (a long paste) does not go unnoticed.
  function setUpCommentCounters(form) {
    form.querySelectorAll("[data-cx-count-for]").forEach(function (counter) {
      var box = document.getElementById(counter.dataset.cxCountFor);
      var limit = box && Number(box.getAttribute("maxlength"));
      if (!limit) return;
      // Read out with the box (aria-describedby) rather than live, which would speak at every
      // key press.
      var described = (box.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(counter.id) < 0) {
        box.setAttribute("aria-describedby", described.concat(counter.id).join(" "));
      }
      function update() {
        var used = box.value.length;
        counter.hidden = used < 0.8 * limit;
        counter.textContent = format(counter.dataset.template, {
          used: used.toLocaleString(document.documentElement.lang),
          limit: limit.toLocaleString(document.documentElement.lang),
        });
      }
      box.addEventListener("input", update);
      update();
    });
  }

  // Going back to a form already sent, a browser without a back-forward cache loads it afresh
  // with a new one-time key and puts the answers back, but never a hidden field: sent again,
  // the same answers were saved twice. The key the form goes with is kept in this tab and put
  // back only on such a return (a back or forward navigation), so that they lead to their
  // result, or to "sent before" if changed.
  function keepSubmissionKeyOnBack(form) {
    var key = form.elements.namedItem("submission_key");
    var name = "cxassess-sent-key:" + window.location.pathname;
    var storage;
    try {
      storage = window.sessionStorage;
      var arrival = performance.getEntriesByType("navigation")[0];
      var kept = storage.getItem(name);
      if (key && kept && arrival && arrival.type === "back_forward") key.value = kept;
    } catch (error) {
      return; // storage refused, or an old browser: the form works as before
    }
    form.addEventListener("submit", function () {
      try {
        storage.setItem(name, key.value);
      } catch (error) { /* full or refused */ }
    });
  }

  function setUpSingleSubmit(form) {
    // The server ignores a repeated form anyway; this just avoids a confusing second request.
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function () { button.disabled = true; });
    window.addEventListener("pageshow", function () { button.disabled = false; });
  }

  // Changing the language loads the page anew. The answers given so far are put in
  // sessionStorage (this tab only) as the language form is sent, and taken out again, and
  // deleted, as the page comes back; a draft left behind older than a few minutes is ignored,
  // so that the next person at a shared computer never sees it.
  var DRAFT_MAX_AGE_MS = 5 * 60 * 1000;

  function setUpDraft(form) {
    var languageForm = document.querySelector("form.cx-lang");
    var key = "cxassess-draft:" + window.location.pathname;
    var storage;
    try {
      storage = window.sessionStorage;
      storage.getItem(key);
    } catch (error) {
      return; // storage refused (private mode, policy): the form works as before
    }

    function fields() {
      return Array.prototype.slice.call(form.elements).filter(function (field) {
        return field.name && field.name !== "csrfmiddlewaretoken" && field.name !== "submission_key"
          && /^(radio|select-one|textarea)$/.test(field.type);
      });
    }

    function save() {
      var values = {};
      fields().forEach(function (field) {
        if (field.type === "radio") {
          if (field.checked) values[field.name] = field.value;
        } else if (field.value) {
          values[field.name] = field.value;
        }
      });
      // The form's one-time key travels too: the page comes back with a new one, and a form
      // already sent (Back, then another language) must not be saved a second time.
      var sentKey = form.elements.namedItem("submission_key");
      if (sentKey) values.submission_key = sentKey.value;
      try {
        storage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: values }));
      } catch (error) { /* full or refused: nothing to keep */ }
    }

    function takeOut() {
      var draft = null;
      try {
        draft = JSON.parse(storage.getItem(key));
      } catch (error) { /* unreadable: dropped below */ }
      storage.removeItem(key);
      var fresh = draft && draft.values && Date.now() - draft.savedAt < DRAFT_MAX_AGE_MS;
      return fresh ? draft.values : {};
    }

    function restore(values) {
      var sentKey = form.elements.namedItem("submission_key");
      if (sentKey && values.submission_key) sentKey.value = values.submission_key;
      // Only into empty fields: what the server sent back (after a mistake) always wins.
      var answered = {};
      fields().forEach(function (field) {
        if (field.type === "radio" && field.checked) answered[field.name] = true;
      });
      fields().forEach(function (field) {
        if (!(field.name in values)) return;
        if (field.type === "radio") {
          if (!answered[field.name] && field.value === values[field.name]) field.checked = true;
        } else if (!field.value) {
          field.value = values[field.name];
          var box = field.value && field.closest("details");
          if (box) box.open = true;
        }
      });
    }

    restore(takeOut());
    if (languageForm) languageForm.addEventListener("submit", save);
  }

  // The deadline is given in the company's time zone; someone in another one also gets it
  // on their own clock ("before 00:00 Bucharest time" is 14:00 in California).
  function addLocalDeadline() {
    var line = document.querySelector("[data-cx-deadline]");
    if (!line || !window.Intl) return;
    var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var closes = new Date(line.dataset.closes);
    if (!own || own === line.dataset.zone || isNaN(closes.getTime())) return;
    var when = closes.toLocaleString(document.documentElement.lang || undefined, {
      dateStyle: "medium", timeStyle: "short"
    });
    line.appendChild(document.createTextNode(" " + line.dataset.yourTime.replace("%(when)s", when)));
  }

  function setUpShare() {
    var actions = document.querySelector("[data-cx-share]");
    if (!actions) return;
    var status = actions.querySelector("[data-cx-status]");
    var copy = actions.querySelector("[data-cx-copy]");
    if (copy && navigator.clipboard) {
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(window.location.origin + window.location.pathname).then(
          function () { status.textContent = copy.dataset.done; },
          function () { status.textContent = copy.dataset.failed; }
        );
      });
    } else if (copy) {
      copy.hidden = true;
    }
    var print = actions.querySelector("[data-cx-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    actions.hidden = false;
  }

  var form = document.querySelector("[data-cx-answer-form]");
  if (form) {
    setUpErrorSummary();
    setUpDraft(form); // before the progress bar counts the answers
    setUpProgress(form);
    setUpCommentCounters(form);
    setUpSingleSubmit(form);
    keepSubmissionKeyOnBack(form);
  }
  addLocalDeadline();
  setUpShare();
})();
