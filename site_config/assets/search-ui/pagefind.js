// The Pagefind that the search page's Default UI imports (its `bundlePath` is this folder): the
// real one, except that `filters()` answers "none" until the reader asks for filters. The UI
// loads every filter list as it starts, and at 10,000 records those lists (kind, theme, year,
// person) weigh 116 KB, more than a first search needs for everything else. A search with a
// filter still loads that one filter's list, and its counts come back with the results.
import { filters as everyFilter } from "../../pagefind/pagefind.js";

export * from "../../pagefind/pagefind.js";

let wanted = false;

export async function filters() {
  return wanted ? everyFilter() : {};
}

// Called by assets/search-page.js when the reader asks for filters: loads every list.
export async function loadFilters() {
  wanted = true;
  return everyFilter();
}
