// The Pagefind that the search page's Default UI imports (its `bundlePath` is this folder): the
// real one, except that
// - `filters()` answers "none" until the reader asks for filters. The UI loads every filter list
//   as it starts, and at 10,000 records those lists (kind, theme, year, person) weigh 116 KB,
//   more than a first search needs for everything else. A search with a filter still loads that
//   one filter's list, and its counts come back with the results;
// - people come in the order a reader looks for them: those with the most results first, then
//   by family name (Pagefind lists them by the whole name, so by first name).
import { filters as everyFilter, search as find } from "../../pagefind/pagefind.js";

export * from "../../pagefind/pagefind.js";

let wanted = false;

export async function filters() {
  return wanted ? ordered(await everyFilter()) : {};
}

export async function search(term, options) {
  const found = await find(term, options);
  if (found && found.filters) found.filters = ordered(found.filters);
  return found;
}

// Called by assets/search-page.js when the reader asks for filters: loads every list.
export async function loadFilters() {
  wanted = true;
  return everyFilter();
}

function ordered(lists) {
  if (!lists.person) return lists;
  const people = Object.entries(lists.person).sort(
    ([one, many], [other, more]) =>
      more - many || familyName(one).localeCompare(familyName(other)) || one.localeCompare(other),
  );
  return { ...lists, person: Object.fromEntries(people) };
}

function familyName(name) {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1];
}
