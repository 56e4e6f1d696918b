/* ML Engineer Roadmap: export, import and reset of progress, and the progress link. Vanilla JS, no
   network. Only the home page has these tools: roadmap.js fetches this file when they are about to be
   used, then calls the function below once with the helpers both files use and the tools' element. */
window.mlerProgressTools = (api, tools) => {
  "use strict";

  var { one, all, plural, isoDay, checkDone, readStore, writeStore, migrateAliases, render, LINK } = api;
  var FORMAT = "ml-engineer-roadmap-progress";

  /* ---------- export, import ---------- */

  // A progress export is a few kilobytes (about 40 bytes a topic); a file far larger is something
  // else, and reading it whole would only stall the page before failing.
  var MAX_IMPORT_BYTES = 1024 * 1024;

  function parseImport(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("the file is not valid JSON"); }
    var entries = checkDone(data);
    if (!entries || data.format !== FORMAT || data.version !== 1) throw new Error("the file is not a progress export from this roadmap");
    var bad = entries.invalid[0];
    if (bad !== undefined) throw new Error("the entry '" + bad.slice(0, 40) + "' is not a topic id with a date (YYYY-MM-DD)");
    return entries.valid;
  }

  // Replaces the saved progress with the file's topics that this page knows (its map lists every
  // topic and former id), and reports what reading the store back shows, not what was meant to be
  // saved. Throws, with the reason, when nothing was imported; the saved progress is then unchanged.
  function importProgress(text) {
    var topics = pageTopics();
    var known = topicOf();
    var entries = parseImport(text);
    var unknown = entries.filter(entry => !known[entry[0]]).map(entry => entry[0]);
    var done = Object.create(null);
    entries.forEach(entry => { if (known[entry[0]]) done[entry[0]] = entry[1]; });
    var names = unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? " and " + (unknown.length - 5) + " more" : "");
    if (!entries.length) throw new Error("the file lists no topics done");
    if (!Object.keys(done).length) throw new Error("no entry in the file is a topic of this roadmap (" + names + ")");
    if (!writeStore(done)) throw new Error("this browser did not let the page save progress (storage full or blocked)");
    var store = readStore();
    migrateAliases(store);
    render(store);
    var saved = topics.filter(id => store.done[id]).length;
    return "Progress imported: " + plural(saved, "topic") + " done." + (unknown.length
      ? " Skipped " + plural(unknown.length, "entry", "entries") + " that " + (unknown.length === 1 ? "is" : "are") +
        " not a topic of this roadmap: " + names + "."
      : "");
  }

  /* ---------- progress link ---------- */

  // A progress link carries the done topics in its fragment, which browsers never send to a server:
  // a format version, then five base-36 characters per topic (FNV-1a of its id; macros/data.py
  // refuses ids whose codes collide), then five of the codes' own, so a damaged or cut link is
  // refused instead of half-read. Dates stay behind: a topic new here is dated the day it arrives.
  var LINK_VERSION = "1";

  function codeOf(text) {
    var hash = 2166136261;
    for (var i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
    return ((hash >>> 0) % 60466176).toString(36).padStart(5, "0");  // 36^5 codes
  }

  // Every topic id of this page once, in page order (the home page's map lists them all).
  // Each id this page knows, a former one included (data-aliases), to the topic it names now.
  function topicOf() {
    var topics = Object.create(null);
    all("[data-topic]").forEach(el => {
      (el.dataset.topic + " " + (el.dataset.aliases || "")).split(" ").forEach(id => { if (id) topics[id] = el.dataset.topic; });
    });
    return topics;
  }

  function pageTopics() {
    return [...new Set(all("[data-topic]").map(el => el.dataset.topic))];
  }

  function progressLink(ids) {
    var codes = ids.map(codeOf).sort().join("");
    return location.href.split("#")[0] + LINK + LINK_VERSION + codes + codeOf(codes);
  }

  // The topics a link holds, as ids of this page (a former id counts for its topic's new one), and
  // how many of its codes are no topic here (removed ones); throws when the link is not intact.
  function readLink(hash) {
    var body = hash.slice(LINK.length);
    var codes = body.slice(1, -5);
    if (body[0] !== LINK_VERSION || !/^[0-9a-z]+$/.test(body) || codes.length % 5 || codeOf(codes) !== body.slice(-5)) {
      throw new Error("this progress link is damaged or incomplete; ask for a new one");
    }
    var known = topicOf();
    var byCode = Object.create(null);
    Object.keys(known).forEach(id => byCode[codeOf(id)] = known[id]);
    var ids = [];
    var unknown = 0;
    for (var i = 0; i < codes.length; i += 5) {
      var id = byCode[codes.slice(i, i + 5)];
      if (!id) unknown += 1;
      else if (ids.indexOf(id) < 0) ids.push(id);
    }
    return { ids: ids, unknown: unknown };
  }

  // The tools' controls, in the markup of render.progress_tools().
  var status = one(".rm-tools-status", tools);
  function say(message) { status.textContent = message; }
  one(".rm-export", tools).addEventListener("click", () => {
    var payload = { format: FORMAT, version: 1, exported: new Date().toISOString(), done: readStore().done };
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "ml-engineer-roadmap-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Progress exported: " + plural(Object.keys(payload.done).length, "topic") + " done.");
  });
  var input = one(".rm-import", tools);
  input.addEventListener("change", () => {
    var file = input.files && input.files[0];
    input.value = "";  // choosing the same file again fires change again
    if (!file) return;
    var failed = reason => say("Import failed, nothing changed: " + reason + ".");
    if (file.size > MAX_IMPORT_BYTES) {
      return failed("the file is " + (file.size / 1048576).toFixed(1) + " MB, and a progress export is far under 1 MB");
    }
    file.text().then(text => {
      try { say(importProgress(text)); } catch (error) { failed(error.message); }
    }, () => failed("the file could not be read"));
  });
  // Copy: the link also shows, selected, in a field, for browsers that refuse the clipboard.
  var field = one(".rm-link-field", tools);
  var copyButton = one(".rm-copy-link", tools);
  copyButton.addEventListener("click", () => {
    var done = readStore().done;
    var ids = pageTopics().filter(id => done[id]);
    if (!ids.length) return say("No topic is marked as done yet: there is nothing to put in a link.");
    field.value = progressLink(ids);
    field.closest(".rm-link-output").hidden = false;
    field.focus();
    field.select();
    var holds = "it holds " + plural(ids.length, "topic") + " done. Open it in another browser to bring them there.";
    var copied = navigator.clipboard ? navigator.clipboard.writeText(field.value) : Promise.reject();
    copied.then(() => say("Link copied: " + holds), () => say("Copy the selected link: " + holds));
  });

  // Open: say what the link holds and let the learner choose; nothing is saved before that.
  var offer = one(".rm-link-offer", tools);
  var offered = [];
  function closeOffer(message) {
    offer.hidden = true;
    history.replaceState(history.state, "", location.pathname + location.search);
    copyButton.focus();
    say(message);
  }
  function takeLink(replace) {
    var current = readStore().done;
    var next = replace ? Object.create(null) : current;
    offered.forEach(id => next[id] = current[id] || isoDay());
    if (!writeStore(next)) return closeOffer("Nothing changed: this browser did not let the page save progress.");
    render(readStore());
    closeOffer((replace ? "Progress replaced: " : "Progress merged: ") + plural(Object.keys(readStore().done).length, "topic") + " done.");
  }
  function offerLink() {
    if (location.hash.indexOf(LINK) !== 0) return;
    var link;
    try { link = readLink(location.hash); } catch (error) { offer.hidden = true; return say("Nothing changed: " + error.message + "."); }
    var skipped = link.unknown ? " " + plural(link.unknown, "entry", "entries") + " in it " + (link.unknown === 1 ? "is" : "are") + " no longer a topic and will be skipped." : "";
    if (!link.ids.length) return say("Nothing changed: this progress link holds no topic of this roadmap." + skipped);
    var done = readStore().done;
    var here = pageTopics().filter(id => done[id]);
    offered = link.ids;
    one(".rm-link-summary", offer).textContent = "This progress link holds " + plural(link.ids.length, "topic") +
      " done; this browser has " + here.length + ", " + here.filter(id => offered.indexOf(id) >= 0).length +
      " of them in the link." + skipped + " Merge them, or replace this browser's progress with the link's?";
    offer.hidden = false;
    offer.focus();
  }
  one(".rm-link-merge", offer).addEventListener("click", () => takeLink(false));
  one(".rm-link-replace", offer).addEventListener("click", () => takeLink(true));
  one(".rm-link-ignore", offer).addEventListener("click", () => closeOffer("The link was ignored: nothing changed."));
  window.addEventListener("hashchange", offerLink);
  offerLink();

  one(".rm-reset", tools).addEventListener("click", () => {
    if (confirm("Clear all saved progress in this browser? This cannot be undone.")) {
      var cleared = writeStore({});
      render(readStore());
      say(cleared ? "Progress cleared." : "Reset failed: this browser did not let the page change saved progress.");
    }
  });
};
