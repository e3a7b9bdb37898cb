// Browse and search with facets, on Pagefind's JavaScript API.
// Runs only on the browse page; without JavaScript the static list below it stays.
// Every value from the index is inserted as text (textContent), never as HTML.

const root = document.getElementById("register-search");
const input = document.getElementById("register-search-input");
const sortSelect = document.getElementById("register-search-sort");
const facetsBox = document.getElementById("register-search-facets");
const statusLine = document.getElementById("register-search-status");
const list = document.getElementById("register-search-results");
const moreButton = document.getElementById("register-search-more");

// Results update as you type; pressing Enter must not reload the page.
input.form.addEventListener("submit", (event) => event.preventDefault());

const FACETS = JSON.parse(root.dataset.facets);
const FACET_ORDER = JSON.parse(root.dataset.facetOrder);
const PAGE_SIZE = 20;
const HIDDEN_BY_DEFAULT = { status: "Withdrawn" };

const chosen = {}; // facet -> Set of values
let results = [];
let shown = 0;
let generation = 0;
let pagefind;

function readState() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  sortSelect.value = params.get("sort") || "";
  for (const [facet] of FACETS) {
    chosen[facet] = new Set(params.getAll(facet));
  }
}

function writeState() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  if (sortSelect.value) params.set("sort", sortSelect.value);
  for (const [facet] of FACETS) {
    for (const value of chosen[facet]) params.append(facet, value);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function filterQuery(except = null) {
  const filters = {};
  for (const [facet] of FACETS) {
    if (facet === except) continue;
    const values = [...chosen[facet]];
    if (values.length) {
      filters[facet] = { any: values };
    } else if (HIDDEN_BY_DEFAULT[facet]) {
      filters[facet] = { none: [HIDDEN_BY_DEFAULT[facet]] };
    }
  }
  return filters;
}

// Values are listed in the order the page gives for a facet (e.g. workload bands), else sorted.
function orderOf(facet, values) {
  const given = FACET_ORDER[facet];
  if (!given) return values.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return values.sort((a, b) => (given.indexOf(a) + 1 || 1e9) - (given.indexOf(b) + 1 || 1e9));
}

// A facet's own choices are alternatives (any of them), so its counts must not be narrowed by
// them: for each such facet, and for the status facet that hides withdrawn offers by default,
// the counts come from the same search without that facet's filter.
async function countsFor(search, term) {
  const counts = { ...search.filters };
  for (const [facet] of FACETS) {
    if (!chosen[facet].size && !HIDDEN_BY_DEFAULT[facet]) continue;
    const others = filterQuery(facet);
    if (!term && !Object.keys(others).length) {
      counts[facet] = totals[facet] || {}; // nothing else narrows: the index's own totals
      continue;
    }
    const alternative = await pagefind.search(term || null, { filters: others });
    counts[facet] = (alternative && alternative.filters[facet]) || {};
  }
  return counts;
}

function renderFacets(counts, showCounts = true) {
  facetsBox.replaceChildren();
  for (const [facet, heading] of FACETS) {
    const values = orderOf(facet, Object.keys(counts[facet] || {}));
    if (!values.length) continue;
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = heading;
    fieldset.append(legend);
    for (const value of values) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = facet;
      box.value = value;
      box.checked = chosen[facet].has(value);
      box.addEventListener("change", () => {
        if (box.checked) chosen[facet].add(value);
        else chosen[facet].delete(value);
        update();
      });
      const text = document.createElement("span");
      text.textContent = value;
      label.append(box, text);
      if (showCounts) {
        const count = document.createElement("span");
        count.className = "register-facet__count";
        count.textContent = `(${counts[facet][value]})`;
        label.append(count);
      }
      fieldset.append(label);
    }
    facetsBox.append(fieldset);
  }
}

async function showMore() {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const mine = generation;
  const loaded = await Promise.all(batch.map((result) => result.data()));
  if (mine !== generation) return;
  for (const data of loaded) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const facts = document.createElement("span");
    facts.className = "register-result__facts";
    facts.textContent = [data.meta.provider, data.meta.facts].filter(Boolean).join(" · ");
    const summary = document.createElement("span");
    summary.className = "register-result__summary";
    summary.textContent = data.meta.summary || "";
    item.append(link, facts, summary);
    list.append(item);
  }
  shown += batch.length;
  moreButton.hidden = shown >= results.length;
}

function isIdle() {
  return !input.value.trim() && !sortSelect.value && FACETS.every(([facet]) => !chosen[facet].size);
}

async function update() {
  writeState();
  if (isIdle()) {
    showIdle();
    return;
  }
  root.classList.add("register-search--active");
  const mine = ++generation;
  const term = input.value.trim();
  const options = { filters: filterQuery() };
  if (sortSelect.value) options.sort = { [sortSelect.value]: "asc" };
  const search = await pagefind.search(term || null, options);
  if (mine !== generation || !search) return;
  results = search.results;
  shown = 0;
  moreButton.hidden = true;
  list.replaceChildren();
  const counts = await countsFor(search, term);
  if (mine !== generation) return;
  renderFacets(counts);
  await showMore();
  if (mine !== generation) return;
  // Announced last, once the results are on the page.
  const n = results.length;
  statusLine.textContent = `${n} ${n === 1 ? "offer" : "offers"} found`;
}

// With no query, no filter and no sort, the page shows its static list by title and the
// facets without counts: a search without words would download the whole index.
let totals = {};
function showIdle() {
  generation++;
  root.classList.remove("register-search--active");
  results = [];
  list.replaceChildren();
  moreButton.hidden = true;
  renderFacets(totals, false);
  const statuses = totals.status || {};
  const n = Object.entries(statuses)
    .filter(([value]) => value !== HIDDEN_BY_DEFAULT.status)
    .reduce((sum, [, count]) => sum + count, 0);
  statusLine.textContent = `${n} ${n === 1 ? "offer" : "offers"} found`;
}

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

async function start() {
  const bundle = new URL(root.dataset.bundle, location.href);
  const siteRoot = new URL(root.dataset.siteRoot, location.href);
  pagefind = await import(new URL("pagefind.js", bundle).href);
  // Result URLs must carry the site's sub-path when it is not served from the domain root.
  await pagefind.options({ baseUrl: siteRoot.pathname });
  await pagefind.init();
  // Loads every filter's values up front; search results then count all facets, not only
  // the ones the query touched.
  totals = await pagefind.filters();
  readState();
  // The static list by title sits beside the facets until a search replaces it.
  root.querySelector(".register-search__results").append(document.getElementById("register-browse-list"));
  root.hidden = false;
  input.addEventListener("input", debounce(update, 250));
  sortSelect.addEventListener("change", update);
  moreButton.addEventListener("click", showMore);
  await update();
}

start().catch((error) => {
  // Keep the static list when the index cannot be loaded (e.g. opened from disk).
  root.hidden = true;
  console.error("Search is unavailable:", error);
});
