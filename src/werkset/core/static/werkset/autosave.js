/* werkset autosave: nothing typed is lost.
 *
 * Every change is first kept in this browser (localStorage), then saved to the server
 * after a short pause. A closed tab, an expired session or a lost connection keeps the
 * text in the browser; it is put back when the page opens again. When someone else
 * saved in between, the server answers 409 and both texts are shown; nothing is
 * overwritten silently. The page works without this script: the Save buttons post
 * the forms normally.
 */
(function () {
  "use strict";
  var DELAY_MS = 1500;
  var RETRY_MS = 10000;
  var messagesElement = document.getElementById("autosave-messages");
  var MSG = messagesElement ? JSON.parse(messagesElement.textContent) : {};

  function now() {
    var d = new Date();
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function serialise(form) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "base_revision") pairs.push([name, String(value)]);
    });
    return pairs;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function restore(form, pairs) {
    var byName = {};
    pairs.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "base_revision") return;
      var values = byName[el.name] || [];
      if (el.type === "radio" || el.type === "checkbox") el.checked = values.indexOf(el.value) !== -1;
      else if (el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.tagName === "INPUT") el.value = values[0] || "";
    });
  }

  function updateAskedFields(form) {
    var checked = form.querySelector("input[name=choice]:checked");
    var choice = checked ? checked.value : "";
    form.querySelectorAll("[data-asked-when]").forEach(function (field) {
      var when = field.getAttribute("data-asked-when");
      field.hidden = when !== "" && when.split(" ").indexOf(choice) === -1;
    });
  }

  function setup(form) {
    var key = form.getAttribute("data-draft-key");
    var status = form.querySelector("[data-save-status]");
    var revision = form.querySelector("[data-revision]");
    var timer = null;
    var edits = 0;
    var saving = false;

    function say(text) { if (status) status.textContent = text; }

    function keepDraft() {
      try {
        localStorage.setItem(key, JSON.stringify({ values: serialise(form), revision: revision.value, at: now() }));
      } catch (e) { /* storage full or blocked: the server save still runs */ }
    }

    function dropDraft() {
      try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
    }

    function showConflict(data) {
      var box = form.querySelector(".conflict--live");
      if (!box) {
        box = document.createElement("div");
        box.className = "conflict conflict--live";
        box.setAttribute("role", "alert");
        box.tabIndex = -1;
        form.insertBefore(box, form.firstChild.nextSibling);
      }
      box.textContent = "";
      var heading = document.createElement("h4");
      heading.textContent = (data.changed_by || MSG.someone) + " " + MSG.changedMeanwhile;
      var intro = document.createElement("p");
      intro.textContent = MSG.theirText;
      var theirs = document.createElement("blockquote");
      theirs.className = "conflict__theirs";
      theirs.textContent = (data.current.choice ? data.current.choice + " — " : "") + (data.current.explanation || data.current.text || "—");
      var keepMine = document.createElement("button");
      keepMine.type = "button";
      keepMine.className = "button button--small";
      keepMine.textContent = MSG.keepMine;
      keepMine.addEventListener("click", function () {
        revision.value = data.revision;
        box.remove();
        save();
      });
      var takeTheirs = document.createElement("button");
      takeTheirs.type = "button";
      takeTheirs.className = "button button--small button--ghost";
      takeTheirs.textContent = MSG.takeTheirs;
      takeTheirs.addEventListener("click", function () {
        dropDraft();
        window.location.reload();
      });
      box.append(heading, intro, theirs, keepMine, document.createTextNode(" "), takeTheirs);
      box.focus();
    }

    function showPrivacy(warnings) {
      var box = form.querySelector(".privacy-warning");
      if (!warnings.length) { if (box) box.remove(); return; }
      if (!box) {
        box = document.createElement("div");
        box.className = "notice privacy-warning";
        box.setAttribute("role", "status");
        status.parentNode.parentNode.insertBefore(box, status.parentNode);
      }
      box.textContent = "";
      warnings.forEach(function (text) {
        var line = document.createElement("p");
        line.textContent = text;
        box.appendChild(line);
      });
    }

    function save() {
      if (saving) { schedule(); return; }
      saving = true;
      var editsAtStart = edits;
      say(MSG.saving);
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Werkset-Autosave": "1", "X-CSRFToken": csrfToken(form) }
      }).then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
          say(MSG.loggedOut);
          return;
        }
        return response.json().then(function (data) {
          if (data.status === "saved") {
            revision.value = data.revision;
            say(MSG.savedAt + " " + data.saved_at);
            showPrivacy(data.privacy || []);
            if (edits === editsAtStart) dropDraft();
          } else if (data.status === "conflict") {
            say(MSG.conflict);
            showConflict(data);
          } else if (data.status === "invalid") {
            /* Field errors, or one message (a text over its limit, a request too large). */
            var errors = data.errors || {};
            var texts = data.message ? [data.message] : [];
            Object.keys(errors).forEach(function (name) { texts = texts.concat(errors[name]); });
            say(MSG.invalid + " " + texts.join(" "));
          } else {
            say(data.message || MSG.failed);
          }
        });
      }).catch(function () {
        say(MSG.offline);
        setTimeout(save, RETRY_MS);
      }).finally(function () {
        saving = false;
      });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    }

    function changed() {
      edits += 1;
      keepDraft();
      updateAskedFields(form);
      say(MSG.unsaved);
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    updateAskedFields(form);

    var draft = null;
    try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { draft = null; }
    if (draft && draft.values) {
      if (same(draft.values, serialise(form))) {
        dropDraft();
      } else {
        restore(form, draft.values);
        updateAskedFields(form);
        say(MSG.restored + " " + draft.at + ".");
        if (draft.revision !== undefined) revision.value = draft.revision;
        schedule();
      }
    }
  }

  function setupPreview(textarea) {
    var target = document.getElementById(textarea.getAttribute("data-markdown-preview"));
    var details = target && target.closest("details");
    var form = textarea.form;
    if (!details || !form) return;
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      var body = new FormData();
      body.append("text", textarea.value);
      fetch(textarea.getAttribute("data-preview-url"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) }
      }).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
        target.innerHTML = html; /* sanitised by the server (nh3) */
      });
    });
  }

  document.querySelectorAll("form[data-autosave]").forEach(setup);
  document.querySelectorAll("textarea[data-markdown-preview]").forEach(setupPreview);
  var focusTarget = document.querySelector("[data-focus-on-load]");
  if (focusTarget) focusTarget.focus();
})();
