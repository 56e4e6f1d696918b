/* ML Engineer Roadmap: progress, catalog filters and pace planner. Vanilla JS, no network.
   Each feature is one setup function; main() runs them whenever Material's document$ emits: once
   per page load, and after each page swap if navigation.instant is turned on. */
(() => {
  "use strict";

  var STORE_KEY = "mler-progress-v1";

  /* ---------- helpers ---------- */

  var TOPIC_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function one(selector, root) { return (root || document).querySelector(selector); }
  function all(selector, root) { return Array.from((root || document).querySelectorAll(selector)); }
  var SITE = "ML Engineer Roadmap: ";
  function warn(message) { console.warn(SITE + message); }
  function plural(n, word, words) { return n + " " + (n === 1 ? word : words || word + "s"); }

  function isoDay(date) { return (date || new Date()).toISOString().slice(0, 10); }

  // A real calendar day as YYYY-MM-DD, what mark-as-done stores: "", "yesterday" or 2026-02-30 are not.
  function isDate(value) {
    var day = typeof value === "string" && /^\d{4}-\d\d-\d\d$/.test(value) && new Date(value + "T00:00:00Z");
    return Boolean(day) && !isNaN(day) && isoDay(day) === value;
  }

  // The progress map in `saved` (stored or imported) split into valid [id, date] entries and the
  // ids of the others; null when there is no such map at all (an array, a number, nothing).
  function checkDone(saved) {
    var done = saved && saved.done;
    if (!done || typeof done !== "object" || Array.isArray(done)) return null;
    var ids = Object.keys(done);
    return {
      valid: ids.filter(id => TOPIC_ID.test(id) && isDate(done[id])).map(id => [id, done[id]]),
      invalid: ids.filter(id => !TOPIC_ID.test(id) || !isDate(done[id]))
    };
  }

  /* ---------- progress store ---------- */

  // Stored progress is read entry by entry: what another version, an extension or a hand edit left
  // there (an array, a number, a date that is not one) is dropped with a warning and the rest kept,
  // instead of being trusted (an array was never saved again) or throwing (every feature stopped).
  // Maps are prototype-less, so a topic id such as "constructor" is never found done by accident.
  function readStore() {
    var done = Object.create(null);
    var text, saved;
    try { text = localStorage.getItem(STORE_KEY); } catch (e) { return { done: done }; }  // storage blocked
    if (text === null) return { done: done };
    try { saved = JSON.parse(text); } catch (e) { saved = null; }
    var entries = checkDone(saved);
    if (entries) entries.valid.forEach(entry => done[entry[0]] = entry[1]);
    if (!entries || entries.invalid.length) {
      warn(entries ? "dropped invalid saved progress: " + entries.invalid.slice(0, 5).join(", ") : "the saved progress was unreadable and is reset");
      writeStore(done);
    }
    return { done: done };
  }

  // False when the browser refused (storage full or blocked): callers report it, never claim success.
  function writeStore(done) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ version: 1, done: done }));
      return true;
    } catch (e) {
      warn("progress could not be saved: " + e.name);
      return false;
    }
  }

  // A renamed topic lists its former ids in data-aliases: carry their progress over.
  function migrateAliases(store) {
    var changed = false;
    all("[data-aliases]").forEach(el => {
      var id = el.dataset.topic;
      el.dataset.aliases.split(" ").forEach(old => {
        if (old && store.done[old]) {
          if (!store.done[id]) store.done[id] = store.done[old];
          delete store.done[old];
          changed = true;
        }
      });
    });
    if (changed) writeStore(store.done);
  }

  function render(store) {
    all("button.rm-done").forEach(button => {
      var done = Boolean(store.done[button.dataset.topic]);
      button.setAttribute("aria-pressed", String(done));
      button.textContent = done ? "Done" : "Mark as done";
    });
    // A picture's topic (macros/diagrams.py) is an <svg> link of its own: it takes the class, no mark.
    all(".rm-node[data-topic]").forEach(node => {
      var done = Boolean(store.done[node.dataset.topic]);
      node.classList.toggle("is-done", done);
      var link = one("a", node);
      var mark = link && one(".rm-done-mark", link);
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
    all(".rm-progress[data-topics]").forEach(el => {
      var ids = el.dataset.topics.split(" ").filter(Boolean);
      var count = ids.filter(id => store.done[id]).length;
      el.textContent = count + " of " + plural(ids.length, "topic") + " done";
      el.closest(".rm-dg-station")?.classList.toggle("is-done", count === ids.length);  // the home picture's phase
    });
  }

  function setupProgress() {
    var store = readStore();
    migrateAliases(store);
    render(store);
    all("button.rm-done").forEach(button => {
      button.addEventListener("click", () => {
        var current = readStore();
        var id = button.dataset.topic;
        if (current.done[id]) delete current.done[id];
        else current.done[id] = isoDay();
        writeStore(current.done);
        render(readStore());  // what was saved, so a refused write does not show as done
      });
    });
  }

  /* ---------- export, import, reset and the progress link, fetched on demand ---------- */

  // These tools are on the home page only, and few visits use them, so their code is not part of
  // every page: progress-tools.js, beside this file, is fetched when a pointer or the focus reaches
  // them, or at once when the page opens on a progress link. A click or a chosen file that comes
  // before it arrives is carried out once it has.
  var LINK = "#progress=";
  var SCRIPT_URL = document.currentScript && document.currentScript.src;

  function setupTools() {
    var tools = one(".rm-tools");
    if (!tools) return;
    var held = [];
    var requested = false;
    function hold(event) {
      // A click on the import field opens the file chooser by itself: only its change waits.
      if (event.type === "change" || event.target.closest("button")) held.push(event);
      load();
    }
    function load() {
      if (requested) return;
      requested = true;
      var script = document.createElement("script");
      script.src = new URL("progress-tools.js", SCRIPT_URL).href;
      script.onerror = () => { one(".rm-tools-status", tools).textContent = "Could not load the progress tools: reload the page."; };
      script.onload = () => {
        tools.removeEventListener("click", hold, true);
        tools.removeEventListener("change", hold, true);
        window.mlerProgressTools({ one, all, plural, isoDay, checkDone, readStore, writeStore, migrateAliases, render, LINK }, tools);
        held.forEach(event => event.type === "click" ? event.target.closest("button").click() : event.target.dispatchEvent(new Event("change")));
      };
      document.head.appendChild(script);
    }
    tools.addEventListener("click", hold, true);
    tools.addEventListener("change", hold, true);
    tools.addEventListener("pointerover", load);  // a touch fires it too
    tools.addEventListener("focusin", load);
    function openedOnLink() { if (location.hash.indexOf(LINK) === 0) load(); }
    window.addEventListener("hashchange", openedOnLink);
    openedOnLink();
  }

  /* ---------- resource catalog ---------- */

  // The text filter's URL parameter. Not "q": Material's search reads ?q= on every page, opens over
  // the catalog with it, and deletes it from the address when closed. Older links that say ?q= are
  // renamed before Material reads them (overrides/main.html).
  var TEXT = "text";

  function setupCatalog() {
    var form = one("form.rm-filters");
    if (!form) return;
    var table = one("table.rm-catalog");
    var body = table.tBodies[0];
    var rows = Array.from(body.rows);
    var texts = new Map();  // filled on the first search, not at load
    var count = one(".rm-count");
    var more = one(".rm-catalog-more button");
    var firstRows = Number(table.dataset.firstRows) || rows.length;
    var showAll = false;
    var single = ["type", "cost", "level", "language"];  // a row has one of each
    var listed = ["phase", "track"];  // a row lists its phases and tracks
    var fields = [TEXT, ...single, ...listed];

    function textOf(row) {
      if (!texts.has(row)) texts.set(row, row.textContent.toLowerCase());
      return texts.get(row);
    }

    function matches(row, q) {
      return (!q || textOf(row).indexOf(q) !== -1) &&
        single.every(f => {
          var v = form.elements[f].value;
          return !v || row.getAttribute("data-" + f) === v;
        }) &&
        listed.every(f => {
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
      var q = form.elements[TEXT].value.trim().toLowerCase();
      var matched = 0;
      var shown = 0;
      rows.forEach(row => {
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
        fields.forEach(f => { if (form.elements[f].value) params.set(f, form.elements[f].value.trim()); });
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    var filtered = false;
    fields.forEach(f => {
      var value = params.get(f);
      if (value === null) return;
      var el = form.elements[f];
      if (el.tagName === "SELECT" && !Array.from(el.options).some(o => o.value === value)) return;
      el.value = value;
      filtered = filtered || Boolean(el.value.trim());
    });
    form.addEventListener("input", () => apply(true));
    form.addEventListener("submit", event => { event.preventDefault(); apply(true); });
    form.addEventListener("reset", () => { setTimeout(() => { apply(true); }, 0); });
    if (more) {
      more.addEventListener("click", () => {
        var before = rows.filter(isShown).length;
        showAll = true;
        apply(false);
        // The button disappears: move focus to the first row it revealed, not to the top of the page.
        var revealed = rows.filter(isShown)[before];
        if (revealed) one("a", revealed).focus();
      });
    }
    if (filtered) apply(false);
    else announce(Math.min(firstRows, rows.length), rows.length);

    // Sort keys come from what a row shows or already carries for the filters. Cost, level and
    // topic sort in the order of the filter's own options: free before paid, beginner before
    // advanced, phases in roadmap order.
    function rankOf(select) {
      var rank = {};
      Array.from(select.options).forEach((option, i) => rank[option.value] = i);
      return value => rank[value];
    }
    var rankCost = rankOf(form.elements.cost);
    var rankLevel = rankOf(form.elements.level);
    var rankPhase = rankOf(form.elements.phase);
    var sortKeys = {
      title: row => row.cells[0].querySelector("a").textContent.toLowerCase(),
      topic: row => rankPhase(row.dataset.phases.split(" ")[0]),
      type: row => row.cells[2].textContent.trim().toLowerCase(),
      cost: row => rankCost(row.dataset.cost),
      level: row => rankLevel(row.dataset.level)
    };

    all("th button[data-sort]", table).forEach(button => {
      button.addEventListener("click", () => {
        var th = button.closest("th");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        all("th[aria-sort]", table).forEach(other => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyOf = sortKeys[button.dataset.sort];
        var keys = new Map(rows.map(row => [row, keyOf(row)]));
        rows.sort((a, b) => {
          var x = keys.get(a), y = keys.get(b);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(row => body.appendChild(row));
        apply(false);
      });
    });
  }

  /* ---------- pace planner ---------- */

  function setupPlanner() {
    var form = one("form.rm-planner");
    if (!form) return;
    var plan = JSON.parse(document.getElementById("rm-plan-data").textContent);
    var output = one(".rm-planner-output");
    if (!form.elements.start.value) form.elements.start.value = isoDay();

    function update() {
      var done = readStore().done;
      var perWeek = Math.max(1, Number(form.elements.hours.value) || 10);
      var track = form.elements.track.value;
      var chosen = {};  // of each group of alternatives (one cloud), the plan counts the one picked
      all("select[data-group]", form).forEach(select => {
        chosen[select.dataset.group] = select.value;
      });
      var start = new Date(form.elements.start.value + "T00:00:00Z");
      // Past year 9999 the end dates would leave what a Date can hold, and toISOString would throw.
      if (isNaN(start) || start.getUTCFullYear() > 9999) start = new Date();
      var cursor = 0;  // weeks from the start
      var after = weeks => isoDay(new Date(start.getTime() + weeks * 7 * 864e5));
      var tbody = one("tbody", output);
      var rows = {};  // phase id: [first week, weeks, dates], for the timeline
      tbody.textContent = "";
      plan.phases.forEach(phase => {
        var hours = phase.topics.reduce((sum, t) => {
          var wanted = (!track || t.paths.indexOf(track) !== -1) && (!t.group || chosen[t.group] === t.id);
          return sum + (wanted && !done[t.id] ? t.hours : 0);
        }, 0);
        var weeks = hours / perWeek;
        var dates = hours ? after(cursor) + " to " + after(cursor + weeks) : "nothing left";
        rows[phase.id] = [cursor, weeks, dates];
        cursor += weeks;
        var row = tbody.insertRow();
        var head = document.createElement("th");
        head.scope = "row";
        head.textContent = phase.title;
        row.appendChild(head);
        [Math.round(hours) + " h", weeks ? weeks.toFixed(1) : "0", dates].forEach(text => row.insertCell().textContent = text);
      });
      // The timeline was laid out at build time (macros/diagrams.py): a bar's span, a row's dates
      // and a tick's date are all that change, bars in shares of the whole plan.
      var share = weeks => (cursor && 100 * weeks / cursor).toFixed(3) + "%";
      all(".rm-timeline [data-phase]").forEach(el => {
        var row = rows[el.dataset.phase];
        if (el.tagName === "text") return el.textContent = row[2];
        el.setAttribute("x", share(row[0]));
        el.setAttribute("width", share(row[1]));
      });
      all("[data-fraction]").forEach(tick => tick.textContent = after(cursor * tick.dataset.fraction));
      var finish = after(cursor);
      one(".rm-planner-summary", output).textContent =
        "About " + Math.ceil(cursor) + " weeks at " + perWeek + " hours a week: finishing around " + finish + ".";
    }
    form.addEventListener("input", update);
    form.addEventListener("submit", event => { event.preventDefault(); update(); });
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
    var toggle = one("[data-rm-palette]");
    if (!toggle || toggle.hasAttribute("data-rm-ready") || typeof window.__md_get !== "function") return;
    toggle.setAttribute("data-rm-ready", "");
    var options = all("button", toggle);
    var prefersLight = matchMedia("(prefers-color-scheme: light)");
    var saved = null;
    try { saved = window.__md_get("__palette"); } catch (e) { /* unreadable: as if never chosen */ }
    var valid = saved && Number.isInteger(saved.index) && saved.index >= 0 && saved.index < options.length;
    // Anything else stored there is replaced by apply() below.
    if (saved !== null && !valid) warn("the saved colour scheme was invalid and is reset");
    var index = valid ? saved.index : Math.max(0, options.findIndex(option => {
      return matchMedia(option.dataset.mdColorMedia).matches;
    }));

    function colorOf(option) {
      var media = option.dataset.mdColorMedia;
      var source = option;
      if (media === FOLLOW_SYSTEM) {
        var wanted = prefersLight.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
        source = options.filter(o => o.dataset.mdColorMedia === wanted)[0] || option;
      }
      // Material stores the chosen entry's media with the colours of the entry it resolves to.
      var color = { media: media };
      ["scheme", "primary", "accent"].forEach(key => color[key] = source.getAttribute("data-md-color-" + key));
      return color;
    }

    function apply() {
      var color = colorOf(options[index]);
      COLOR_KEYS.forEach(key => {
        var name = "data-md-color-" + key;
        if (document.body.getAttribute(name) !== color[key]) document.body.setAttribute(name, color[key]);
      });
      options.forEach((option, i) => {
        if (option.hidden !== (i !== index)) option.hidden = i !== index;
      });
      // Scrollbars and form controls follow the scheme; the static meta says "light" (overrides/main.html).
      var scheme = one("meta[name=color-scheme]");
      var wanted = color.scheme === "slate" ? "dark" : "light";
      if (scheme && scheme.content !== wanted) scheme.content = wanted;
      window.__md_set("__palette", { index: index, color: color });
      // The browser's toolbar takes the header's colour, read when the next frame computes styles anyway.
      requestAnimationFrame(() => {
        var header = one(".md-header");
        var theme = one("meta[name=theme-color]");
        if (!header) return;
        if (!theme) {
          theme = document.createElement("meta");
          theme.name = "theme-color";
          document.head.appendChild(theme);
        }
        theme.content = getComputedStyle(header).backgroundColor;
      });
    }

    options.forEach((option, i) => {
      option.addEventListener("click", () => {
        var hadFocus = document.activeElement === option;
        index = (i + 1) % options.length;
        apply();
        if (hadFocus) options[index].focus();
      });
    });
    prefersLight.addEventListener("change", () => {
      if (options[index].getAttribute("data-md-color-media") === FOLLOW_SYSTEM) apply();
    });
    apply();
  }

  // Material leaves two landmarks unnamed or named alike: the search dialog has no name, and the
  // page's table of contents appears twice (sidebar and mobile drawer) as "Table of contents".
  function nameLandmarks() {
    var name = (el, text) => el.setAttribute("aria-label", text);
    var dialog = one(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) name(dialog, "Search");
    all(".md-nav--primary .md-nav--secondary").forEach(nav => name(nav, "Table of contents (menu)"));
    // Each code block's copy button sits in its own unnamed <nav>: give every one a distinct name.
    all("nav.md-code__nav").forEach((nav, index) => name(nav, "Code block " + (index + 1) + " tools"));
    // Material wraps a Markdown table in a box that scrolls sideways on a phone: a keyboard scrolls
    // it only once it can take the focus, and what takes the focus needs a name.
    all(".md-typeset__scrollwrap").forEach(wrap => {
      wrap.tabIndex = 0;
      wrap.role = "region";
      name(wrap, "Table");
    });
  }

  // Each feature is set up on its own: one that fails (markup or data it did not expect) logs why
  // and leaves the others working. Named in strings: the minifier renames functions.
  var FEATURES = { palette: setupPalette, landmarks: nameLandmarks, progress: setupProgress,
    tools: setupTools, catalog: setupCatalog, planner: setupPlanner };

  function main() {
    Object.keys(FEATURES).forEach(name => {
      try { FEATURES[name](); } catch (error) { console.error(SITE + name + " failed:", error); }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(main);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", main);
  } else {
    main();
  }
})();
