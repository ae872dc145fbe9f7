// The search page: Pagefind's own Default UI (pagefind/pagefind-ui.js, written by `briefing
// build`), with its filters, "load more" and highlighting, themed by extra.css. This script only
// keeps the query, the filters and the order in the address (`/search/?q=patriot&theme=Air+defense`),
// so a search can be shared, bookmarked and reopened, labels pages that are not briefings, and
// loads the filter lists only when the reader asks for them (assets/search-ui/pagefind.js).

const FILTERS = ["kind", "theme", "year", "person"];
// The person filter lists everyone named in the results (200 people at 400 records): it shows
// this many, those with the most results first (assets/search-ui/pagefind.js orders them), and a
// box to find any other by name.
const PEOPLE_SHOWN = 25;
const NO_RESULTS = "No briefing or page matches “[SEARCH_TERM]”.";
// Matches in a briefing's title, then its summary, rank first. The title is searched as metadata
// only (the page's h1 is left out of the indexed text, so excerpts start in the briefing's own
// words), hence twice Pagefind's default weight.
const RANKING = { metaWeights: { title: 10.0, summary: 3.0 } };

const parsed = new Promise((resolve) =>
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", resolve) : resolve(),
);

for (const holder of document.querySelectorAll("[data-search-page]")) {
  setUpSearchPage(holder);
}

function setUpSearchPage(holder) {
  const root = new URL(holder.dataset.root.replace(/\/+$/, "") + "/", document.baseURI);
  const bundle = new URL("pagefind/", root);
  const params = new URLSearchParams(location.search);
  const byDate = params.get("sort") === "date";

  const order = orderSwitch(byDate);
  const note = document.createElement("p");
  note.className = "search-page__note";
  note.setAttribute("aria-live", "polite");
  const more = document.createElement("p");
  more.className = "search-page__filters";
  const results = document.createElement("div");
  holder.replaceChildren(order, more, note, results);

  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("pagefind-ui.css", bundle).href;
  document.head.append(stylesheet);

  const script = document.createElement("script");
  script.src = new URL("pagefind-ui.js", bundle).href;
  script.onerror = () => {
    note.textContent =
      "There is no search index here yet: `briefing build` makes it. Browse the themes, the timeline or the tags meanwhile.";
  };
  script.onload = () => start(results, note, more, root, bundle, params, byDate);
  fetch(new URL("status.json", bundle))
    .then((response) => (response.ok ? response.json() : {}))
    .then((status) => {
      if (status.stale) {
        const stale = document.createElement("p");
        stale.className = "search-page__stale admonition warning";
        stale.textContent = `This search index is from ${status.indexed}; ${status.changed} record file(s) changed since, and search finds them as they were then. Run \`briefing build\` to update it.`;
        holder.prepend(stale);
      }
    })
    .catch(() => {});
  document.head.append(script);
}

function start(results, note, more, root, bundle, params, byDate) {
  // The UI imports Pagefind from this folder: Pagefind itself, holding back the filter lists.
  const withoutFilters = new URL("assets/search-ui/", root);
  const ui = new PagefindUI({
    element: results,
    bundlePath: withoutFilters.pathname,
    baseUrl: new URL("..", bundle).pathname,
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    pageSize: 10,
    excerptLength: 30,
    // Open on wide screens; on a phone the closed groups keep the results in view. A filter
    // chosen in the address is open, so that what narrows the results shows.
    openFilters: [
      ...(matchMedia("(min-width: 60em)").matches ? ["kind", "theme", "year"] : []),
      ...FILTERS.filter((name) => params.has(name)),
    ],
    // Matches in a briefing's title, then its summary (indexed as metadata), rank first.
    ranking: RANKING,
    sort: byDate ? { date: "desc" } : null,
    processResult: labelKind,
    // A value that no result has is left out: choosing it could only empty the list.
    showEmptyFilters: false,
    translations: { zero_results: NO_RESULTS },
  });
  // The UI's field has a placeholder but no label (axe: label-title-only).
  results.querySelector(".pagefind-ui__search-input")?.setAttribute("aria-label", "Search the archive");
  const query = params.get("q") || "";
  const filters = {};
  for (const name of FILTERS) {
    const values = params.getAll(name);
    if (values.length) filters[name] = values;
  }
  // Only briefings have a date. One index leaves undated pages out of a search by date; the
  // bundle of undated pages would instead list them unsorted, so ask for briefings outright.
  if (byDate) filters.kind = ["Briefing"];
  // Merge the index's parts before the first search (the UI shares this module instance, parts
  // and all). A filter named in the address loads only its own list, and the UI shows that
  // filter with its counts; the button below loads the others.
  import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
    await pagefind.options({ baseUrl: new URL("..", bundle).pathname, ranking: RANKING });
    await parsed; // assets/search.js, a module script, has run by then: it merges the parts
    await window.mergeSearchParts(pagefind, bundle, (part, parts) => partOptions(bundle, byDate, part, parts));
    if (Object.keys(filters).length) ui.triggerFilters(filters);
    if (query) ui.triggerSearch(query);
  });
  explain(note, query);
  const clear = clearButton(ui, results, byDate, () => keep());
  more.append(filterButton(ui, results, withoutFilters), clear);
  fewerPeople(results);

  // The UI keeps its state to itself: read it back from its controls whenever they change.
  const keep = () => {
    const input = results.querySelector(".pagefind-ui__search-input");
    const next = new URLSearchParams();
    if (input && input.value.trim()) next.set("q", input.value.trim());
    for (const [name, values] of Object.entries(chosenFilters(results))) {
      for (const value of values) next.append(name, value);
    }
    if (byDate) next.set("sort", "date");
    const address = next.toString() ? `?${next}` : location.pathname;
    history.replaceState(null, "", address);
    explain(note, input ? input.value : "");
    filtered(ui, clear, chosenFilters(results), byDate);
  };
  results.addEventListener("input", keep);
  results.addEventListener("change", keep);
  filtered(ui, clear, filters, byDate);
}

// With a filter chosen, an empty list is the filter's doing: the message names the filters, and
// a button clears them. (The UI's message reads its translations whenever it is drawn; `$$set` is
// how the UI's own triggerSearch and triggerFilters pass it new values.)
function filtered(ui, clear, chosen, byDate) {
  const named = Object.entries(chosen)
    .filter(([name]) => !(byDate && name === "kind"))
    .map(([name, values]) => `${name} ${values.join(" or ")}`);
  clear.hidden = named.length === 0;
  const zero = named.length
    ? `No briefing or page matches “[SEARCH_TERM]” with ${named.join(" and ")}: clear the filters to search everything.`
    : NO_RESULTS;
  ui._pfs.$$set({ translations: { zero_results: zero } });
}

function clearButton(ui, results, byDate, after) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button search-page__clear";
  button.textContent = "Clear the filters";
  button.hidden = true;
  button.addEventListener("click", () => {
    // Newest first lists briefings only: that filter stays.
    ui.triggerFilters(byDate ? { kind: ["Briefing"] } : {});
    // The UI redraws its checkboxes on its next update; read them back after it.
    setTimeout(after, 0);
  });
  return button;
}

// Shows the PEOPLE_SHOWN people with the most results (and any chosen), with a box above them
// that finds anyone else by name. The UI redraws its values in place as results change, so the
// choice is made again after each redraw.
function fewerPeople(results) {
  const finder = document.createElement("input");
  finder.type = "search";
  finder.className = "search-page__find";
  finder.placeholder = "Find a person";
  finder.setAttribute("aria-label", "Find a person by name");
  const shown = document.createElement("p");
  shown.className = "search-page__shown";
  shown.setAttribute("aria-live", "polite");

  const fit = () => {
    const group = [...results.querySelectorAll(".pagefind-ui__filter-block")].find(
      (block) => block.querySelector(".pagefind-ui__filter-group-label")?.textContent.trim() === "person",
    );
    if (!group) return;
    if (!group.contains(finder)) group.querySelector("summary").after(finder, shown);
    const values = [...group.querySelectorAll(".pagefind-ui__filter-value")];
    const wanted = finder.value.trim().toLocaleLowerCase();
    let count = 0;
    let matching = 0;
    for (const value of values) {
      const chosen = value.querySelector("input").checked;
      const matches = value.querySelector("input").value.toLocaleLowerCase().includes(wanted);
      matching += matches;
      const visible = chosen || (matches && count < PEOPLE_SHOWN);
      count += visible;
      if (value.hidden === visible) value.hidden = !visible;
    }
    finder.hidden = values.length <= PEOPLE_SHOWN && !wanted;
    let text = "";
    if (wanted) text = `${matching} of ${values.length} people match “${finder.value.trim()}”.`;
    else if (values.length > PEOPLE_SHOWN)
      text = `The ${PEOPLE_SHOWN} with the most results, of ${values.length}: find the others by name.`;
    if (shown.textContent !== text) shown.textContent = text;
    shown.hidden = !text;
  };
  finder.addEventListener("input", fit);
  new MutationObserver(fit).observe(results, { childList: true, subtree: true, characterData: true });
}

function chosenFilters(results) {
  const chosen = {};
  for (const box of results.querySelectorAll(".pagefind-ui__filter-checkbox:checked")) {
    (chosen[box.name] ??= []).push(box.value);
  }
  return chosen;
}

// Loads every filter list, then runs the same search again so that its results bring the
// counts of every filter, which the UI shows as its filter groups.
function filterButton(ui, results, withoutFilters) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button search-page__filters-button";
  button.textContent = "Filter by kind, theme, year or person";
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Loading the filters…";
    const pagefind = await import(new URL("pagefind.js", withoutFilters).href);
    await pagefind.loadFilters();
    // A new object, even with the same filters, makes the UI search again.
    ui.triggerFilters(chosenFilters(results));
    button.remove();
  });
  return button;
}

// Sorted by date, each bundle scores its results 1, 2, … n from the oldest, and merged results
// are ordered by score: weighting each year's bundle above every older one keeps the merged
// list newest first. (A relevance search keeps every bundle at weight 1.)
function partOptions(bundle, byDate, part, parts) {
  const options = { baseUrl: new URL("..", bundle).pathname, ranking: RANKING };
  if (byDate) {
    const base = Math.max(...parts.map((each) => each.pages)) + 1;
    options.indexWeight = base ** (parts.length - parts.indexOf(part));
  }
  return options;
}

// "Newest first" needs a different search, so it is a link to the same search in that order.
function orderSwitch(byDate) {
  const nav = document.createElement("p");
  nav.className = "search-page__order";
  const relevance = document.createElement(byDate ? "a" : "strong");
  relevance.textContent = "Best match first";
  const newest = document.createElement(byDate ? "strong" : "a");
  newest.textContent = "Newest first (briefings only)";
  const link = byDate ? relevance : newest;
  link.href = "#";
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const next = new URLSearchParams(location.search);
    if (byDate) next.delete("sort");
    else next.set("sort", "date");
    location.search = next.toString();
  });
  nav.append("Order: ", relevance, " · ", newest);
  return nav;
}

// Pages that are not briefings say what they are before their title. The UI shows every other
// metadata field as a tag; the summary repeats the excerpt and the kind is in the title.
function labelKind(result) {
  const kind = result.meta.kind;
  if (kind && kind !== "Briefing") {
    result.meta.title = `${kind}: ${result.meta.title}`;
  }
  delete result.meta.kind;
  delete result.meta.summary;
  return result;
}

// The archive is written in English, with names in Latin letters: a query in Cyrillic finds
// nothing, so say so and offer the query transliterated (Ukraine's official romanisation).
const LATIN = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", є: "ie", ж: "zh", з: "z", и: "y",
  і: "i", ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t",
  у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ь: "", ю: "iu", я: "ia", "'": "",
  "’": "", ы: "y", э: "e", ё: "io", ъ: "",
};

function explain(note, query) {
  note.replaceChildren();
  if (!/[\u0400-\u04FF]/.test(query)) return;
  const latin = query
    .toLowerCase()
    .split("")
    .map((letter) => LATIN[letter] ?? letter)
    .join("");
  const link = document.createElement("a");
  link.href = `?q=${encodeURIComponent(latin)}`;
  link.textContent = latin;
  note.append(
    "The archive is written in English and spells names in Latin letters, so a search in Cyrillic finds little. Try ",
    link,
    " (the same letters romanised), or part of the name.",
  );
}
