/* ML Engineer Roadmap: progress, catalog filters and pace planner. Vanilla JS, no network.
   Each feature is one setup function; main() runs them whenever Material's document$ emits: once
   per page load, and after each page swap if navigation.instant is turned on. */
(function () {
  "use strict";

  var STORE_KEY = "mler-progress-v1";
  var FORMAT = "ml-engineer-roadmap-progress";

  /* ---------- progress store ---------- */

  function readStore() {
    try {
      var raw = JSON.parse(localStorage.getItem(STORE_KEY) || "{}");
      return raw && typeof raw.done === "object" && raw.done ? raw : { done: {} };
    } catch (e) {
      return { done: {} };
    }
  }

  function writeStore(store) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ version: 1, done: store.done }));
    } catch (e) { /* private mode or full: progress simply is not kept */ }
  }

  // A renamed topic lists its former ids in data-aliases: carry their progress over.
  function migrateAliases(store) {
    var changed = false;
    document.querySelectorAll("[data-aliases]").forEach(function (el) {
      var id = el.getAttribute("data-topic");
      el.getAttribute("data-aliases").split(" ").forEach(function (old) {
        if (old && store.done[old]) {
          if (!store.done[id]) store.done[id] = store.done[old];
          delete store.done[old];
          changed = true;
        }
      });
    });
    if (changed) writeStore(store);
  }

  function render(store) {
    document.querySelectorAll("button.rm-done").forEach(function (button) {
      var done = Boolean(store.done[button.getAttribute("data-topic")]);
      button.setAttribute("aria-pressed", String(done));
      button.textContent = done ? "Done" : "Mark as done";
    });
    document.querySelectorAll(".rm-node[data-topic]").forEach(function (node) {
      var done = Boolean(store.done[node.getAttribute("data-topic")]);
      node.classList.toggle("is-done", done);
      var link = node.querySelector("a");
      var mark = link && link.querySelector(".rm-done-mark");
      if (done && link && !mark) {
        mark = document.createElement("span");
        mark.className = "rm-visually-hidden rm-done-mark";
        mark.textContent = " (done)";
        link.appendChild(mark);
      } else if (!done && mark) {
        mark.remove();
      }
    });
    // Unknown ids in the store (removed topics) are never counted: only ids on the page are.
    document.querySelectorAll(".rm-progress[data-topics]").forEach(function (el) {
      var ids = el.getAttribute("data-topics").split(" ").filter(Boolean);
      var count = ids.filter(function (id) { return store.done[id]; }).length;
      el.textContent = count + " of " + ids.length + " topics done";
    });
  }

  function setupProgress() {
    var store = readStore();
    migrateAliases(store);
    render(store);
    document.querySelectorAll("button.rm-done").forEach(function (button) {
      button.addEventListener("click", function () {
        var current = readStore();
        var id = button.getAttribute("data-topic");
        if (current.done[id]) delete current.done[id];
        else current.done[id] = new Date().toISOString().slice(0, 10);
        writeStore(current);
        render(current);
      });
    });
  }

  /* ---------- export, import, reset ---------- */

  function parseImport(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("the file is not valid JSON"); }
    if (!data || data.format !== FORMAT || data.version !== 1 || typeof data.done !== "object" || !data.done || Array.isArray(data.done)) {
      throw new Error("the file is not a progress export from this roadmap");
    }
    var done = {};
    Object.keys(data.done).forEach(function (id) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || typeof data.done[id] !== "string") {
        throw new Error("the entry '" + id.slice(0, 40) + "' is not a topic id with a date");
      }
      done[id] = data.done[id];
    });
    return done;
  }

  function setupTools() {
    var tools = document.querySelector(".rm-tools");
    if (!tools) return;
    var status = tools.querySelector(".rm-tools-status");
    function say(message) { status.textContent = message; }
    tools.querySelector(".rm-export").addEventListener("click", function () {
      var payload = { format: FORMAT, version: 1, exported: new Date().toISOString(), done: readStore().done };
      var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "ml-engineer-roadmap-progress.json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      say("Progress exported: " + Object.keys(payload.done).length + " topics done.");
    });
    tools.querySelector(".rm-import").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        try {
          var done = parseImport(text);
          writeStore({ done: done });
          render(readStore());
          say("Progress imported: " + Object.keys(done).length + " topics done.");
        } catch (error) {
          say("Import failed, nothing changed: " + error.message + ".");
        }
        event.target.value = "";
      });
    });
    tools.querySelector(".rm-reset").addEventListener("click", function () {
      if (window.confirm("Clear all saved progress in this browser? This cannot be undone.")) {
        writeStore({ done: {} });
        render(readStore());
        say("Progress cleared.");
      }
    });
  }

  /* ---------- resource catalog ---------- */

  function setupCatalog() {
    var form = document.querySelector("form.rm-filters");
    if (!form) return;
    var table = document.querySelector("table.rm-catalog");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = new Map();  // filled on the first search, not at load
    var count = document.querySelector(".rm-count");
    var more = document.querySelector(".rm-catalog-more button");
    var firstRows = Number(table.getAttribute("data-first-rows")) || rows.length;
    var showAll = false;
    var fields = ["q", "type", "cost", "level", "language", "phase", "track"];

    function textOf(row) {
      if (!texts.has(row)) texts.set(row, row.textContent.toLowerCase());
      return texts.get(row);
    }

    function matches(row, q) {
      return (!q || textOf(row).indexOf(q) !== -1) &&
        ["type", "cost", "level", "language"].every(function (f) {
          var v = form.elements[f].value;
          return !v || row.getAttribute("data-" + f) === v;
        }) &&
        ["phase", "track"].every(function (f) {
          var v = form.elements[f].value;
          return !v || (" " + row.getAttribute("data-" + f + "s") + " ").indexOf(" " + v + " ") !== -1;
        });
    }

    // Until the first apply(), the page shows what the server rendered: the first rows, the rest
    // held back by the rm-later class. Leaving it so at load spares a restyle of the whole table.
    function isShown(row) {
      return !row.hidden && (table.classList.contains("rm-ready") || !row.classList.contains("rm-later"));
    }

    function announce(shown, matched) {
      count.textContent = shown < matched
        ? "First " + shown + " of " + matched + " matching resources shown"
        : shown + " of " + rows.length + " resources shown";
      if (more) {
        more.parentNode.hidden = shown >= matched;
        more.textContent = "Show all " + matched + " matching resources";
      }
    }

    function apply(updateUrl) {
      var q = form.elements.q.value.trim().toLowerCase();
      var matched = 0;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, q);
        var show = ok && (showAll || matched < firstRows);
        if (ok) matched += 1;
        if (show) shown += 1;
        if (row.hidden === show) row.hidden = !show;  // touch only rows that change: style recalcs are costly
      });
      table.classList.add("rm-ready");
      announce(shown, matched);
      if (updateUrl) {
        var params = new URLSearchParams();
        fields.forEach(function (f) { if (form.elements[f].value) params.set(f, form.elements[f].value.trim()); });
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    var filtered = false;
    fields.forEach(function (f) {
      var value = params.get(f);
      if (value === null) return;
      var el = form.elements[f];
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) return;
      el.value = value;
      filtered = filtered || Boolean(el.value.trim());
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    if (more) {
      more.addEventListener("click", function () {
        var before = rows.filter(isShown).length;
        showAll = true;
        apply(false);
        // The button disappears: move focus to the first row it revealed, not to the top of the page.
        var revealed = rows.filter(isShown)[before];
        if (revealed) revealed.querySelector("a").focus();
      });
    }
    if (filtered) apply(false);
    else announce(Math.min(firstRows, rows.length), rows.length);

    // Sort keys come from what a row shows or already carries for the filters. Cost, level and
    // topic sort in the order of the filter's own options: free before paid, beginner before
    // advanced, phases in roadmap order.
    function rankOf(select) {
      var rank = {};
      Array.prototype.forEach.call(select.options, function (option, i) { rank[option.value] = i; });
      return function (value) { return rank[value]; };
    }
    var rankCost = rankOf(form.elements.cost);
    var rankLevel = rankOf(form.elements.level);
    var rankPhase = rankOf(form.elements.phase);
    var sortKeys = {
      title: function (row) { return row.cells[0].querySelector("a").textContent.toLowerCase(); },
      topic: function (row) { return rankPhase(row.getAttribute("data-phases").split(" ")[0]); },
      type: function (row) { return row.cells[2].textContent.trim().toLowerCase(); },
      cost: function (row) { return rankCost(row.getAttribute("data-cost")); },
      level: function (row) { return rankLevel(row.getAttribute("data-level")); }
    };

    table.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyOf = sortKeys[button.getAttribute("data-sort")];
        var keys = new Map(rows.map(function (row) { return [row, keyOf(row)]; }));
        rows.sort(function (a, b) {
          var x = keys.get(a), y = keys.get(b);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        apply(false);
      });
    });
  }

  /* ---------- pace planner ---------- */

  function setupPlanner() {
    var form = document.querySelector("form.rm-planner");
    if (!form) return;
    var plan = JSON.parse(document.getElementById("rm-plan-data").textContent);
    var output = document.querySelector(".rm-planner-output");
    if (!form.elements.start.value) form.elements.start.value = new Date().toISOString().slice(0, 10);

    function update() {
      var done = readStore().done;
      var perWeek = Math.max(1, Number(form.elements.hours.value) || 10);
      var track = form.elements.track.value;
      var chosen = {};  // of each group of alternatives (one cloud), the plan counts the one picked
      form.querySelectorAll("select[data-group]").forEach(function (select) {
        chosen[select.getAttribute("data-group")] = select.value;
      });
      var start = new Date(form.elements.start.value + "T00:00:00Z");
      if (isNaN(start)) start = new Date();
      var cursor = 0;
      var tbody = output.querySelector("tbody");
      tbody.textContent = "";
      plan.phases.forEach(function (phase) {
        var hours = phase.topics.reduce(function (sum, t) {
          var wanted = (!track || t.paths.indexOf(track) !== -1) && (!t.group || chosen[t.group] === t.id);
          return sum + (wanted && !done[t.id] ? t.hours : 0);
        }, 0);
        var weeks = hours / perWeek;
        var from = new Date(start.getTime() + cursor * 7 * 864e5);
        cursor += weeks;
        var to = new Date(start.getTime() + cursor * 7 * 864e5);
        var row = tbody.insertRow();
        var head = document.createElement("th");
        head.scope = "row";
        head.textContent = phase.title;
        row.appendChild(head);
        [Math.round(hours) + " h", weeks ? weeks.toFixed(1) : "0",
          hours ? from.toISOString().slice(0, 10) + " to " + to.toISOString().slice(0, 10) : "nothing left"
        ].forEach(function (text) { row.insertCell().textContent = text; });
      });
      var finish = new Date(start.getTime() + cursor * 7 * 864e5).toISOString().slice(0, 10);
      output.querySelector(".rm-planner-summary").textContent =
        "About " + Math.ceil(cursor) + " weeks at " + perWeek + " hours a week: finishing around " + finish + ".";
    }
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    update();
  }

  /* ---------- colour palette ---------- */

  // Drives the toggle in overrides/partials/palette.html in place of Material's palette component,
  // in Material's stored format ({index, color: {media, scheme, primary, accent}}) so that its inline
  // restore script keeps applying a saved choice before first paint. Attributes are written only
  // when they change: a visit whose scheme is already right restyles nothing.
  var FOLLOW_SYSTEM = "(prefers-color-scheme)";
  var COLOR_KEYS = ["media", "scheme", "primary", "accent"];

  function setupPalette() {
    var toggle = document.querySelector("[data-rm-palette]");
    if (!toggle || toggle.hasAttribute("data-rm-ready") || typeof window.__md_get !== "function") return;
    toggle.setAttribute("data-rm-ready", "");
    var options = Array.prototype.slice.call(toggle.querySelectorAll("button"));
    var prefersLight = window.matchMedia("(prefers-color-scheme: light)");
    var saved = window.__md_get("__palette");
    var index = saved && typeof saved.index === "number" ? saved.index : options.findIndex(function (option) {
      return window.matchMedia(option.getAttribute("data-md-color-media")).matches;
    });
    index = Math.max(0, Math.min(index, options.length - 1));

    function colorOf(option) {
      var media = option.getAttribute("data-md-color-media");
      var source = option;
      if (media === FOLLOW_SYSTEM) {
        var wanted = prefersLight.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
        source = options.filter(function (o) { return o.getAttribute("data-md-color-media") === wanted; })[0] || option;
      }
      // Material stores the chosen entry's media with the colours of the entry it resolves to.
      var color = { media: media };
      ["scheme", "primary", "accent"].forEach(function (key) { color[key] = source.getAttribute("data-md-color-" + key); });
      return color;
    }

    function apply() {
      var color = colorOf(options[index]);
      COLOR_KEYS.forEach(function (key) {
        var name = "data-md-color-" + key;
        if (document.body.getAttribute(name) !== color[key]) document.body.setAttribute(name, color[key]);
      });
      options.forEach(function (option, i) {
        if (option.hidden !== (i !== index)) option.hidden = i !== index;
      });
      // Scrollbars and form controls follow the scheme; the static meta says "light" (overrides/main.html).
      var scheme = document.querySelector("meta[name=color-scheme]");
      var wanted = color.scheme === "slate" ? "dark" : "light";
      if (scheme && scheme.content !== wanted) scheme.content = wanted;
      window.__md_set("__palette", { index: index, color: color });
      // The browser's toolbar takes the header's colour, read when the next frame computes styles anyway.
      window.requestAnimationFrame(function () {
        var header = document.querySelector(".md-header");
        var theme = document.querySelector("meta[name=theme-color]");
        if (!header) return;
        if (!theme) {
          theme = document.createElement("meta");
          theme.name = "theme-color";
          document.head.appendChild(theme);
        }
        theme.content = window.getComputedStyle(header).backgroundColor;
      });
    }

    options.forEach(function (option, i) {
      option.addEventListener("click", function () {
        var hadFocus = document.activeElement === option;
        index = (i + 1) % options.length;
        apply();
        if (hadFocus) options[index].focus();
      });
    });
    prefersLight.addEventListener("change", function () {
      if (options[index].getAttribute("data-md-color-media") === FOLLOW_SYSTEM) apply();
    });
    apply();
  }

  // Material leaves two landmarks unnamed or named alike: the search dialog has no name, and the
  // page's table of contents appears twice (sidebar and mobile drawer) as "Table of contents".
  function nameLandmarks() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    document.querySelectorAll(".md-nav--primary .md-nav--secondary").forEach(function (nav) {
      nav.setAttribute("aria-label", "Table of contents (menu)");
    });
    // Each code block's copy button sits in its own unnamed <nav>: give every one a distinct name.
    document.querySelectorAll("nav.md-code__nav").forEach(function (nav, index) {
      nav.setAttribute("aria-label", "Code block " + (index + 1) + " tools");
    });
  }

  function main() {
    setupPalette();
    nameLandmarks();
    setupProgress();
    setupTools();
    setupCatalog();
    setupPlanner();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(main);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", main);
  } else {
    main();
  }
})();
