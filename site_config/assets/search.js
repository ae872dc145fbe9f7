// Search with Pagefind in Material's search box. Pagefind splits the index into small chunks,
// so a first search downloads a few hundred kilobytes, however large the archive grows.
// Results use Material's search-result markup, so Material's CSS styles them.

// The header box gives quick results; the search page (site_config/pages/search.md) has them all.
const SHOWN = 10;

for (const box of document.querySelectorAll("[data-briefing-search]")) {
  setUpSearch(box);
}

function setUpSearch(box) {
  const input = box.querySelector("input.md-search__input");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  // MkDocs' base_url: "." or "../.." on pages, "/" on the 404 page (served at any address).
  const root = new URL(box.dataset.root.replace(/\/+$/, "") + "/", document.baseURI);
  let pagefind = null;
  let latest = 0;
  let status = {};

  // Loaded on first focus, not with the page: readers who never search download nothing.
  const load = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
      // Matches in a briefing's title, then its summary, rank first (as on the search page).
      const ranking = { metaWeights: { title: 10.0, summary: 3.0 } };
      await module.options({ baseUrl: root.pathname, excerptLength: 30, ranking });
      await module.init();
      await mergeSearchParts(module, new URL("pagefind/", root), () => ({ baseUrl: root.pathname, ranking }));
      status = await indexStatus(root);
      return module;
    }).catch(() => {
      // No index: `briefing serve` and `mkdocs serve` do not run Pagefind. Try again next time.
      pagefind = null;
      return null;
    });
    return pagefind;
  };

  const open = () => {
    toggle.checked = true;
    load();
  };
  const close = () => {
    toggle.checked = false;
    input.blur();
  };

  input.addEventListener("focus", open);
  // On small screens the header's magnifier opens the search by checking the toggle.
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus();
    }
  });
  input.addEventListener("input", () => search(input.value));
  form.addEventListener("reset", () => {
    input.value = "";
    search("");
    input.focus();
  });
  // Enter opens the search page with every result, its filters and the query in the address.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.href = searchPage(input.value).href;
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (event.key === "Escape" && toggle.checked) {
      close();
    } else if (!typing && !toggle.checked && ["/", "s", "f"].includes(event.key) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      input.focus();
    } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    }
  });

  function moveFocus(step) {
    const links = [input, ...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    links[Math.min(Math.max(at + step, 0), links.length - 1)].focus();
  }

  async function search(query) {
    const ticket = ++latest;
    const words = query.trim();
    if (!words) {
      meta.textContent = box.dataset.placeholder;
      list.replaceChildren();
      return;
    }
    const module = await load();
    if (ticket !== latest) return;
    if (module === null) {
      meta.textContent = "Search needs the index that `briefing build` makes; this preview has none.";
      list.replaceChildren();
      return;
    }
    const found = await module.search(words);
    if (ticket !== latest) return; // a newer query is on its way
    const pages = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
    if (ticket !== latest) return;
    meta.replaceChildren(countText(found.results.length));
    if (status.stale) meta.append(` · ${staleText(status)}`);
    if (found.results.length > SHOWN) {
      const all = element("a", "briefing-search__all");
      all.href = searchPage(words).href;
      all.textContent = `Show all ${found.results.length}, filter by theme or year, sort by date`;
      meta.append(" · ", all);
    }
    list.replaceChildren(...pages.map(resultItem));
  }

  function searchPage(words) {
    const page = new URL("search/", root);
    if (words.trim()) page.searchParams.set("q", words.trim());
    return page;
  }

  function countText(count) {
    if (count === 0) return box.dataset.none;
    if (count === 1) return box.dataset.one;
    return box.dataset.other.replace("#", String(count));
  }
}

// The index comes in parts (generator/publish/search_index.py): the first bundle in pagefind/
// and one per year, listed newest first in pagefind/parts.json. Both the header box and the
// search page search through one Pagefind module, so the parts are merged into it once, by
// whichever asks first; `options(part)` gives the options of each part's bundle.
function mergeSearchParts(module, bundle, options) {
  window.briefingSearchParts ??= fetch(new URL("parts.json", bundle))
    .then((response) => (response.ok ? response.json() : { parts: [] }))
    .then(async (listed) => {
      for (const part of listed.parts) {
        await module.mergeIndex(new URL(part.path, bundle).pathname, options(part, listed.parts));
      }
    })
    .catch(() => {});
  return window.briefingSearchParts;
}
window.mergeSearchParts = mergeSearchParts;

// `pagefind/status.json`: always fresh after `briefing build`; under `briefing serve` it says
// whether records changed after the index was made (generator/publish/serve_search.py).
async function indexStatus(root) {
  try {
    const response = await fetch(new URL("pagefind/status.json", root));
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

function staleText(status) {
  return `This index is from ${status.indexed}; ${status.changed} record file(s) changed since, and search finds them as they were then. Run \`briefing build\` to update it.`;
}

function resultItem(page) {
  const item = element("li", "md-search-result__item");
  const link = element("a", "md-search-result__link");
  link.href = page.url;
  const article = element("article", "md-search-result__article md-typeset");
  const title = element("h1");
  title.textContent = page.meta.title || page.url;
  article.append(title, excerpt(page.excerpt));
  link.append(article);
  item.append(link);
  return item;
}

// Pagefind's excerpt is HTML with <mark> around matches. It is parsed inertly and rebuilt from
// its text and marks only, so nothing a record says can become markup here.
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  const paragraph = element("p");
  for (const child of parsed.childNodes) {
    if (child.nodeName === "MARK") {
      const mark = element("mark");
      mark.textContent = child.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(child.textContent);
    }
  }
  return paragraph;
}

function element(tag, className) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  return made;
}
