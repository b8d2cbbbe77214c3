// The search page: loads the index the build wrote (search/index.json) and
// ranks briefs as the reader types, in the browser, with no server. The page
// works without this script: it then explains itself and links to topics,
// authors and the archive. Text from the index only ever goes into
// textContent and checked href attributes, never into HTML.
(() => {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form || !window.fetch || !("normalize" in String.prototype)) return;
  const input = document.getElementById("search-q");
  const topicSelect = document.getElementById("search-topic");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const nojs = document.getElementById("search-nojs");
  // The script runs: the note that it did not is wrong now, and comes
  // back only if the index cannot be loaded.
  nojs.hidden = true;
  const maxResults = 20;
  const lang = document.documentElement.lang || undefined;

  // words splits text as the build does (internal/render searchWords):
  // accents and apostrophes dropped, lower case, letters and digits only.
  const words = (text) =>
    text.normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/['\u2019\u02bc]/g, "")
      .toLowerCase().split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);

  let briefs = [];
  let topics = [];
  let authors = [];
  let stop = new Set();
  let base = "/";

  // href returns a link below the site for a path of the index, or null.
  const href = (path) => {
    try {
      const u = new URL(base + path, window.location.href);
      const ok = (u.protocol === "http:" || u.protocol === "https:") && u.origin === window.location.origin;
      return ok ? u.pathname + u.search + u.hash : null;
    } catch (e) {
      return null;
    }
  };

  const el = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  const link = (path, text) => {
    const a = el("a", "", text);
    const h = href(path);
    if (h) a.setAttribute("href", h);
    return a;
  };

  const dateFormat = (() => {
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
    } catch (e) {
      return null;
    }
  })();
  const showDate = (day) => {
    const [y, m, d] = day.split("-").map(Number);
    return dateFormat ? dateFormat.format(new Date(Date.UTC(y, m - 1, d))) : day;
  };

  function load(index) {
    if (!index || index.version !== 1 || !Array.isArray(index.briefs)) throw new Error("unknown index format");
    base = index.base || "/";
    topics = index.topics || [];
    authors = index.authors || [];
    stop = new Set(index.stop || []);
    const f = {};
    index.fields.forEach((name, i) => { f[name] = i; });
    briefs = index.briefs.map((b, order) => {
      const bt = b[f.topics] || [];
      const ba = b[f.authors] || [];
      const names = [];
      bt.forEach((i) => names.push(...words(topics[i][0])));
      ba.forEach((i) => names.push(...words(authors[i][0])));
      return {
        order,
        path: b[f.path],
        title: b[f.title],
        summary: b[f.summary],
        date: b[f.date],
        topics: bt,
        authors: ba,
        fields: [
          [words(b[f.title]), 10],
          [names, 6],
          [words(b[f.summary]), 3],
          [(b[f.text] || "").split(" ").filter(Boolean), 1.5],
        ],
        phrase: words(b[f.title]).join(" "),
      };
    });
    topics.forEach((t, i) => {
      const o = el("option", "", t[0]);
      o.value = String(i);
      topicSelect.appendChild(o);
    });
    nojs.hidden = true;
    form.hidden = false;
    const params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    const t = params.get("topic");
    if (t !== null) {
      const i = topics.findIndex((x) => x[1] === "topics/" + t + "/");
      if (i >= 0) topicSelect.value = String(i);
    }
    search();
    input.focus();
  }

  // score returns how well a brief matches every term (0: it does not).
  // A whole word counts more than a word that starts with the term, and a
  // title more than a topic or an author, a summary, or the sections.
  function score(brief, terms, query) {
    let total = 0;
    for (const term of terms) {
      let best = 0;
      for (const [list, weight] of brief.fields) {
        for (const w of list) {
          const s = w === term ? weight : w.startsWith(term) ? weight / 2 : 0;
          if (s > best) best = s;
        }
      }
      if (best === 0) return 0;
      total += best;
    }
    if (terms.length > 1 && brief.phrase.includes(query)) total += 10;
    return total;
  }

  function card(b) {
    const article = el("article", "card");
    const text = el("div", "card-text");
    if (b.topics.length) {
      const kicker = el("div", "card-kicker");
      const ul = el("ul", "topic-list");
      b.topics.forEach((i) => {
        const li = el("li");
        li.appendChild(link(topics[i][1], topics[i][0]));
        ul.appendChild(li);
      });
      kicker.appendChild(ul);
      text.appendChild(kicker);
    }
    const h2 = el("h2", "card-title");
    h2.appendChild(link(b.path, b.title));
    text.appendChild(h2);
    if (b.summary) text.appendChild(el("p", "card-dek", b.summary));
    const meta = el("p", "meta card-meta");
    const time = el("time", "", showDate(b.date));
    time.setAttribute("datetime", b.date);
    meta.appendChild(time);
    if (b.authors.length) {
      meta.appendChild(el("span", "meta-sep", " · ")).setAttribute("aria-hidden", "true");
      const by = el("span", "card-byline", "By ");
      b.authors.forEach((i, n) => {
        if (n > 0) by.appendChild(document.createTextNode(n === b.authors.length - 1 ? " and " : ", "));
        by.appendChild(link(authors[i][1], authors[i][0]));
      });
      meta.appendChild(by);
    }
    text.appendChild(meta);
    article.appendChild(text);
    return article;
  }

  const plural = (n, one, many) => n.toLocaleString(lang) + " " + (n === 1 ? one : many);

  function search() {
    const raw = input.value.trim();
    let terms = words(raw);
    const useful = terms.filter((t) => !stop.has(t));
    if (useful.length) terms = useful;
    const topic = topicSelect.value === "" ? -1 : Number(topicSelect.value);
    const params = new URLSearchParams();
    if (raw) params.set("q", raw);
    if (topic >= 0) params.set("topic", topics[topic][1].replace(/^topics\/|\/$/g, ""));
    const qs = params.toString();
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);

    results.replaceChildren();
    if (!terms.length && topic < 0) {
      status.textContent = "Type to search " + plural(briefs.length, "brief", "briefs") + ".";
      return;
    }
    const query = terms.join(" ");
    const hits = [];
    for (const b of briefs) {
      if (topic >= 0 && !b.topics.includes(topic)) continue;
      const s = terms.length ? score(b, terms, query) : 1;
      if (s > 0) hits.push([s, b]);
    }
    hits.sort((x, y) => y[0] - x[0] || x[1].order - y[1].order);
    const where = topic >= 0 ? " in " + topics[topic][0] : "";
    if (!hits.length) {
      status.textContent = "No brief matches" + (raw ? " “" + raw + "”" : "") + where + ".";
      return;
    }
    const shown = Math.min(hits.length, maxResults);
    const verb = hits.length === 1 ? " matches" : " match";
    status.textContent = plural(hits.length, "brief", "briefs") + (raw ? verb + " “" + raw + "”" : "") + where +
      (shown < hits.length ? "; the best " + shown + " are shown." : ".");
    const frag = document.createDocumentFragment();
    hits.slice(0, shown).forEach(([, b]) => frag.appendChild(card(b)));
    results.appendChild(frag);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    search();
  });
  input.addEventListener("input", search);
  topicSelect.addEventListener("change", search);

  status.textContent = "Loading the search index…";
  fetch(form.dataset.index)
    .then((r) => {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(load)
    .catch(() => {
      status.textContent = "The search index could not be loaded.";
      nojs.hidden = false;
    });
})();
