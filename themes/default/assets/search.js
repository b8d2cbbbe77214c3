// The search page: loads the index the build wrote (search/index.json), then
// as the reader types the shards of the words typed and the briefs shown,
// and ranks briefs in the browser, with no server. The page
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

  // The page's words, in its language (the theme's i18n files): each
  // message by plural form, "{name}" filled by t.
  const messages = JSON.parse(document.getElementById("search-messages").textContent);
  const plurals = (() => {
    try {
      return new Intl.PluralRules(lang);
    } catch (e) {
      return null;
    }
  })();
  const t = (key, values = {}) => {
    const forms = messages[key] || {};
    const form = "count" in values && plurals ? plurals.select(values.count) : "other";
    const text = forms[form] ?? forms.other ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name) => {
      const v = values[name];
      if (v === undefined) return m;
      return typeof v === "number" ? v.toLocaleString(lang) : String(v);
    });
  };

  // words splits text as the build does (internal/search eachSearchWord):
  // accents and apostrophes dropped, lower case, letters and digits only.
  const words = (text) =>
    text.normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/['\u2019\u02bc]/g, "")
      .toLowerCase().split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);

  // The index (internal/search): a small document, then on demand the
  // shards of the words a query starts with, the briefs of a topic and the
  // fragment of each brief shown.
  let index = null;
  let topics = [];
  let stop = new Set();
  let base = "/";
  const indexURL = new URL(form.dataset.index, window.location.href);
  const cache = new Map();
  const getJSON = (path) => {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, indexURL)).then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).catch((e) => {
        cache.delete(path); // to try again with the next query
        throw e;
      }));
    }
    return cache.get(path);
  };

  // shardFile names a shard's file as internal/search shardFile does: the
  // prefix when it is ASCII letters and digits, else "_" and its UTF-8 bytes
  // in hexadecimal.
  const shardFile = (prefix) => /^[a-z0-9]+$/.test(prefix) ? prefix :
    "_" + [...new TextEncoder().encode(prefix)].map((b) => b.toString(16).padStart(2, "0")).join("");

  // A term of this many characters or more also finds the words it starts
  // with; a shorter one only itself.
  const minPrefix = 3;
  const isPrefix = (term) => [...term].length >= minPrefix;

  // shardsFor returns the shards that hold a term: the one of the longest
  // prefix the term starts with, and, for a prefix term, those whose prefix
  // starts with the term.
  const shardsFor = (term) => {
    let longest = null;
    const out = [];
    const prefix = isPrefix(term);
    for (const p of index.shards) {
      if (term.startsWith(p) && (longest === null || p.length > longest.length)) longest = p;
      else if (prefix && p.startsWith(term)) out.push(p);
    }
    if (longest !== null) out.push(longest);
    return out;
  };

  // The weight of a match in each field of a brief (internal/search
  // Field*): body, summary, a topic or author name, title.
  const weights = [1.5, 3, 6, 10];
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

  function load(doc) {
    if (!doc || doc.version !== 2 || !Array.isArray(doc.shards)) throw new Error("unknown index format");
    index = doc;
    base = doc.base || "/";
    topics = doc.topics || [];
    stop = new Set(doc.stop || []);
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

  // matches returns, for each brief a term finds, how well: a whole word
  // counts its field's weight, a word that starts with the term half.
  async function matches(term) {
    const shards = await Promise.all(shardsFor(term).map((p) => getJSON("words/" + shardFile(p) + ".json")));
    const found = new Map();
    const prefix = isPrefix(term);
    for (const shard of shards) {
      for (const word of Object.keys(shard)) {
        const exact = word === term;
        if (!exact && !(prefix && word.startsWith(term))) continue;
        let n = 0;
        for (const p of shard[word]) {
          n += p >> 2;
          const s = weights[p & 3] / (exact ? 1 : 2);
          if (!(found.get(n) >= s)) found.set(n, s);
        }
      }
    }
    return found;
  }

  // topicBriefs returns the numbers of the briefs of topic i.
  async function topicBriefs(i) {
    const deltas = await getJSON("topics/" + i + ".json");
    const set = new Set();
    let n = 0;
    for (const d of deltas) set.add(n += d);
    return set;
  }

  // matchesTerm reports whether a word of the text is one a term finds.
  const matchesTerm = (w, terms) => terms.some((t) => w === t || (isPrefix(t) && w.startsWith(t)));

  // excerpt returns the first sentence of the brief's text with the most
  // words the terms find, with those words in <mark>, or null.
  function excerpt(text, terms) {
    let best = null;
    let bestCount = 0;
    for (const para of text) {
      for (const sentence of para.split(/(?<=[.!?…])\s+/u)) {
        const found = new Set(words(sentence).filter((w) => matchesTerm(w, terms)));
        if (found.size > bestCount) {
          best = sentence;
          bestCount = found.size;
        }
      }
    }
    if (!best) return null;
    const p = el("p", "card-dek search-excerpt");
    // Words are runs of letters, digits and apostrophes, as words() splits.
    for (const part of best.split(/([\p{L}\p{M}\p{Nd}'\u2019\u02bc]+)/u)) {
      if (!part) continue;
      if (words(part).some((w) => matchesTerm(w, terms))) p.appendChild(el("mark", "", part));
      else p.appendChild(document.createTextNode(part));
    }
    return p;
  }

  function card(b, terms) {
    const article = el("article", "card");
    const text = el("div", "card-text");
    if (b.topics.length) {
      const kicker = el("div", "card-kicker");
      const ul = el("ul", "topic-list");
      b.topics.forEach(([name, path]) => {
        const li = el("li");
        li.appendChild(link(path, name));
        ul.appendChild(li);
      });
      kicker.appendChild(ul);
      text.appendChild(kicker);
    }
    const h2 = el("h2", "card-title");
    h2.appendChild(link(b.path, b.title));
    text.appendChild(h2);
    const ex = excerpt(b.text || [], terms);
    if (ex) text.appendChild(ex);
    else if (b.summary) text.appendChild(el("p", "card-dek", b.summary));
    const meta = el("p", "meta card-meta");
    const time = el("time", "", showDate(b.date));
    time.setAttribute("datetime", b.date);
    meta.appendChild(time);
    if (b.authors.length) {
      meta.appendChild(el("span", "meta-sep", " · ")).setAttribute("aria-hidden", "true");
      const by = el("span", "card-byline", t("by") + " ");
      b.authors.forEach(([name, path], n) => {
        if (n > 0) by.appendChild(document.createTextNode(n === b.authors.length - 1 ? " " + t("and") + " " : ", "));
        by.appendChild(link(path, name));
      });
      meta.appendChild(by);
    }
    text.appendChild(meta);
    article.appendChild(text);
    return article;
  }

  // Each search has a number: the results of an older one, which may
  // arrive later, are dropped.
  let latest = 0;

  async function search() {
    const seq = ++latest;
    const raw = input.value.trim();
    const terms = [...new Set(words(raw).filter((t) => !stop.has(t) && t.length > 1))];
    const topic = topicSelect.value === "" ? -1 : Number(topicSelect.value);
    const params = new URLSearchParams();
    if (raw) params.set("q", raw);
    if (topic >= 0) params.set("topic", topics[topic][1].replace(/^topics\/|\/$/g, ""));
    const qs = params.toString();
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);

    if (!terms.length && topic < 0) {
      results.replaceChildren();
      status.textContent = raw ? t("search_too_common", { query: raw }) :
        t("search_prompt", { count: index.briefs });
      return;
    }
    let hits;
    try {
      const [found, inTopic] = await Promise.all([Promise.all(terms.map(matches)),
        topic >= 0 ? topicBriefs(topic) : null]);
      if (seq !== latest) return;
      const scores = new Map();
      if (terms.length) {
        // A brief must match every term: go through the briefs of the
        // term that finds fewest, and look them up in the others.
        found.sort((x, y) => x.size - y.size);
        const others = found.slice(1);
        for (const [n, s] of found[0]) {
          let total = s;
          for (const other of others) {
            const o = other.get(n);
            if (o === undefined) { total = 0; break; }
            total += o;
          }
          if (total > 0) scores.set(n, total);
        }
      } else {
        for (const n of inTopic) scores.set(n, 1);
      }
      hits = [...scores].filter(([n]) => !inTopic || inTopic.has(n));
      // Best first; of two as good, the newer (higher number).
      hits.sort((x, y) => y[1] - x[1] || y[0] - x[0]);
    } catch (e) {
      if (seq === latest) status.textContent = t("search_failed");
      return;
    }
    const topicName = topic >= 0 ? topics[topic][0] : "";
    if (!hits.length) {
      results.replaceChildren();
      const none = !terms.length ? "search_none_topic" : topic >= 0 ? "search_none_in" : "search_none";
      status.textContent = t(none, { query: raw, topic: topicName });
      return;
    }
    const shown = hits.slice(0, maxResults);
    let briefs;
    try {
      briefs = await Promise.all(shown.map(([n]) => getJSON("briefs/" + n + ".json")));
    } catch (e) {
      if (seq === latest) status.textContent = t("search_failed");
      return;
    }
    if (seq !== latest) return;
    const found = !terms.length ? "search_found_topic" : topic >= 0 ? "search_found_in" : "search_found";
    status.textContent = t(found, { count: hits.length, query: raw, topic: topicName }) +
      (shown.length < hits.length ? " " + t("search_best", { count: shown.length }) : "");
    const frag = document.createDocumentFragment();
    briefs.forEach((b) => frag.appendChild(card(b, terms)));
    results.replaceChildren(frag);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    search();
  });
  input.addEventListener("input", search);
  topicSelect.addEventListener("change", search);

  status.textContent = t("search_loading");
  getJSON(indexURL.href)
    .then(load)
    .catch(() => {
      status.textContent = t("search_failed");
      nojs.hidden = false;
    });
})();
