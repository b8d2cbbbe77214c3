// Live reload for the briefs preview server: reloads pages whose bytes
// changed, swaps changed stylesheets in place, and shows build errors in an
// overlay. Served by internal/livereload; never part of a built site.
(() => {
  "use strict";

  const OVERLAY_ID = "briefs-error-overlay";
  // Build of the last successful build this page knows of: at first, the
  // one it was served from.
  const served = document.currentScript?.dataset.build;
  let build = served ? Number(served) : null;

  // normalize makes "/a/", "/a" and "/a/index.html" compare equal.
  function normalize(path) {
    try {
      path = decodeURI(path);
    } catch {
      // keep it encoded
    }
    if (path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    return path;
  }

  function showsThisPage(paths) {
    const here = normalize(location.pathname);
    return paths.some((p) => p === "*" || normalize(p) === here);
  }

  // restyle points every changed stylesheet at a fresh URL; the browser
  // fetches it and applies it without reloading the page.
  function restyle(paths, version) {
    const changed = new Set(paths.map(normalize));
    for (const link of document.querySelectorAll('link[rel~="stylesheet" i][href]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      if (!changed.has("*") && !changed.has(normalize(url.pathname))) continue;
      url.searchParams.set("v", String(version));
      link.href = url.href;
    }
  }

  // el creates an element with inline styles and text. Error text comes
  // from the site's files and is only ever set as textContent.
  function el(tag, style, text) {
    const node = document.createElement(tag);
    if (style) node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hideOverlay() {
    document.getElementById(OVERLAY_ID)?.remove();
  }

  function showOverlay(problems) {
    hideOverlay();
    // A dimmed backdrop keeps the page underneath readable.
    const overlay = el("div",
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem 1rem;" +
      "background:rgba(0,0,0,.45);box-sizing:border-box;");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-live", "assertive");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-labelledby", OVERLAY_ID + "-title");

    const panel = el("div",
      "max-width:60rem;margin:0 auto;padding:1rem 1.25rem;background:#111;color:#fff;" +
      "border:3px solid #ff5c5c;border-radius:6px;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;");
    const header = el("div", "display:flex;justify-content:space-between;align-items:center;gap:1rem;");
    const title = el("h2", "margin:0;font:inherit;font-weight:bold;font-size:1.1em;color:#ff8080;",
      problems.length === 1 ? "Build failed: 1 error" : `Build failed: ${problems.length} errors`);
    title.id = OVERLAY_ID + "-title";
    const close = el("button",
      "font:inherit;color:#000;background:#fff;border:0;border-radius:4px;padding:.25rem .75rem;cursor:pointer;",
      "Dismiss");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss build errors (Escape)");
    close.addEventListener("click", hideOverlay);
    header.append(title, close);
    panel.append(header);

    for (const problem of problems) {
      const item = el("section", "margin-top:1rem;");
      const heading = el("p", "margin:0;white-space:pre-wrap;overflow-wrap:anywhere;");
      if (problem.pos) heading.append(el("strong", "color:#ffd54f;", problem.pos), ": ");
      heading.append(problem.message);
      item.append(heading);
      if (problem.lines?.length) {
        const source = el("pre", "margin:.5rem 0 0;padding:.5rem 0;background:#000;overflow:auto;font:inherit;");
        const width = String(Math.max(...problem.lines.map((l) => l.n))).length;
        for (const line of problem.lines) {
          const row = el("div", line.focus
            ? "padding:0 .75rem;background:#ffd54f;color:#000;font-weight:bold;"
            : "padding:0 .75rem;color:#ddd;");
          row.append(el("span", "user-select:none;opacity:.75;",
            String(line.n).padStart(width) + (line.focus ? " > " : " | ")), line.text);
          source.append(row);
        }
        item.append(source);
      }
      panel.append(item);
    }

    overlay.append(panel);
    (document.body ?? document.documentElement).append(overlay);
    close.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideOverlay();
  });

  function onMessage(e) {
    let ev;
    try {
      ev = JSON.parse(e.data);
    } catch {
      return;
    }
    if (ev.kind === "hello") {
      // A different build after reconnecting: the server restarted or
      // rebuilt while we were away. It lists what changed after the build
      // we named, when it can tell: reload only if this page did.
      if (build !== null && ev.build !== build) {
        if (!Array.isArray(ev.since) || showsThisPage(ev.since)) {
          location.reload();
          return;
        }
        restyle(ev.since, ev.build);
      }
      build = ev.build;
      return;
    }
    build = ev.build;
    switch (ev.kind) {
      case "reload":
        if (showsThisPage(ev.paths ?? [])) location.reload();
        break;
      case "css":
        restyle(ev.paths ?? [], ev.build);
        break;
      case "error":
        showOverlay(ev.errors ?? []);
        break;
      case "ok":
        hideOverlay();
        break;
    }
  }

  // EventSource reconnects by itself when a connection drops, but gives up
  // for good on an answer other than 200, such as the 503 of a server that
  // has as many streams open as it allows: then try again later, less and
  // less often.
  let delay = 1000;
  function connect() {
    // The build this page knows of, so the hello can say what changed
    // after it. (EventSource reconnects with the same address: an older
    // build only makes the list longer.)
    const since = build !== null ? "?since=" + encodeURIComponent(build) : "";
    const source = new EventSource("/__briefs/events" + since);
    source.addEventListener("open", () => {
      delay = 1000;
    });
    source.addEventListener("error", () => {
      if (source.readyState !== EventSource.CLOSED) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
    source.addEventListener("message", onMessage);
  }
  connect();
})();
