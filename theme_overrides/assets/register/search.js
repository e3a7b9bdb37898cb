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
const NO_RESULTS = { length: 0, take: async () => [] };
let results = NO_RESULTS; // the current search's results (`inOrder`)
let shown = 0;
let generation = 0;

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
async function countsFor(found, term) {
  const counts = { ...found.filters };
  for (const [facet] of FACETS) {
    if (!chosen[facet].size && !HIDDEN_BY_DEFAULT[facet]) continue;
    const others = filterQuery(facet);
    if (!term && !Object.keys(others).length) {
      counts[facet] = totals[facet] || {}; // nothing else narrows: the index's own totals
      continue;
    }
    const alternative = await search(term || null, { filters: others });
    counts[facet] = (alternative && alternative.filters[facet]) || {};
  }
  return counts;
}

// The filters are built once, from every value in the index, and later only updated in
// place: replacing them would drop the keyboard focus to <body> after each tick.
const groups = {}; // facet -> { fieldset, toggle, selected, options, boxes: Map(value -> parts) }
const WIDE = window.matchMedia("(min-width: 60em)");
const LONG_GROUP = 9;
const drawer = document.getElementById("register-filters");
const activeLine = document.getElementById("register-filters-active");
const clearButton = document.getElementById("register-filters-clear");

function buildFacets(values) {
  FACETS.forEach(([facet, heading], facetIndex) => {
    const known = orderOf(facet, Object.keys(values[facet] || {}));
    if (!known.length) return;
    const fieldset = document.createElement("fieldset");
    fieldset.className = "register-facet";
    const legend = document.createElement("legend");
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "register-facet__toggle";
    toggle.id = `register-facet-${facet}`;
    const options = document.createElement("div");
    options.className = "register-facet__options";
    options.id = `register-facet-${facet}-options`;
    toggle.setAttribute("aria-controls", options.id);
    const title = document.createElement("span");
    title.textContent = heading;
    const selected = document.createElement("span");
    selected.className = "register-facet__selected";
    toggle.append(title, selected);
    legend.append(toggle);
    fieldset.append(legend, options);
    const boxes = new Map();
    known.forEach((value, valueIndex) => {
      const label = document.createElement("label");
      label.className = "register-facet__option";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = facet;
      box.value = value;
      box.id = `register-facet-${facetIndex}-${valueIndex}`;
      box.addEventListener("change", () => {
        if (box.checked) chosen[facet].add(value);
        else chosen[facet].delete(value);
        update();
      });
      const text = document.createElement("span");
      text.textContent = value;
      const count = document.createElement("span");
      count.className = "register-facet__count";
      label.append(box, text, count);
      options.append(label);
      boxes.set(value, { label, box, count });
    });
    toggle.addEventListener("click", () => setGroupOpen(facet, toggle.getAttribute("aria-expanded") !== "true"));
    groups[facet] = { fieldset, toggle, selected, options, boxes };
    facetsBox.append(fieldset);
    // Long groups (providers, countries, languages) start closed even on wide screens.
    setGroupOpen(facet, (WIDE.matches && known.length <= LONG_GROUP) || chosen[facet].size > 0);
  });
  drawer.open = WIDE.matches;
  clearButton.addEventListener("click", () => {
    for (const [facet] of FACETS) chosen[facet].clear();
    update();
  });
}

function setGroupOpen(facet, open) {
  const group = groups[facet];
  group.toggle.setAttribute("aria-expanded", String(open));
  group.options.hidden = !open;
}

// An option no offer would match is disabled (not tickable) unless it is ticked already,
// so a tick never leads to "0 offers found". Counts are left out while idle.
function renderFacets(counts, showCounts = true) {
  const focused = document.activeElement;
  let active = 0;
  for (const [facet] of FACETS) {
    const group = groups[facet];
    if (!group) continue;
    for (const [value, { label, box, count }] of group.boxes) {
      const n = (counts[facet] && counts[facet][value]) || 0;
      box.checked = chosen[facet].has(value);
      box.disabled = showCounts && n === 0 && !box.checked;
      label.classList.toggle("register-facet__option--empty", box.disabled);
      count.textContent = showCounts ? `(${n})` : "";
    }
    const size = chosen[facet].size;
    active += size;
    group.selected.textContent = size ? `${size} selected` : "";
    if (size && group.options.hidden) setGroupOpen(facet, true);
    // A box just unticked may have become disabled: keep the focus in its group.
    if (focused && focused.disabled && group.options.contains(focused)) group.toggle.focus();
  }
  activeLine.textContent = active ? `(${active} active)` : "";
}

// A result is a copy of the static list's card (the page's <template>), filled with text.
const cardTemplate = document.getElementById("register-card");
function card(data) {
  const item = cardTemplate.content.firstElementChild.cloneNode(true);
  const link = item.querySelector(".register-card__title");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  item.querySelector(".register-card__facts").textContent = data.meta.facts || "";
  item.querySelector(".register-card__summary").textContent = data.meta.summary || "";
  // The card's "Compare" tick (compare.js shows it and keeps the choice).
  const offerId = new URL(data.url, location.href).pathname.match(/\/offers\/([^/]+)\/?$/);
  const box = item.querySelector("input[data-compare-id]");
  if (box && offerId) {
    box.dataset.compareId = offerId[1];
    box.closest("label").querySelector(".register-sr-only").textContent = ` ${link.textContent}`;
  }
  return item;
}

async function showMore(focusFirst = false) {
  const mine = generation;
  const loaded = await results.take(shown, PAGE_SIZE);
  if (mine !== generation) return;
  for (const data of loaded) list.append(card(data));
  const first = list.children[shown];
  shown += loaded.length;
  moreButton.hidden = shown >= results.length;
  // The button may hide once everything is shown; the reader goes on at the first new result.
  if (focusFirst && first) first.querySelector("a").focus();
}

// Pagefind matches each query word as a prefix, but only among the index chunks it has
// loaded, and on its own it loads just the chunk holding the word: "data" found "database"
// (in the next chunk) only after some other search had loaded that chunk. So before each
// search, every chunk that can hold a word starting with the first two letters of a query
// word is loaded, from the chunk ranges the build writes beside the index; the results then
// depend on the query alone. Two letters, because Pagefind matches the word's stem, which
// can end earlier than the typed word ("nursing" -> "nurs") but keeps its first letters.
const PREFIX = 2;
const IGNORED = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;

// The words of a query as Pagefind compares them: lower case, no punctuation or diacritics.
function normalise(text) {
  return text.toLocaleLowerCase().replace(IGNORED, "").normalize("NFD").replace(/\p{M}/gu, "");
}

// A large register's index is in parts (the page lists their folders), each a Pagefind
// bundle of its own: every search asks them all and merges what they answer. Each part is
// searched by its own copy of Pagefind's script: instances of one copy share its WebAssembly
// glue, and a second index opened in it broke the first ("memory access out of bounds").
let parts = []; // { pagefind, ranges }

async function openPart(base, siteRoot) {
  const pagefind = await import(new URL("pagefind.js", base).href);
  // Result URLs must carry the site's sub-path when it is not served from the domain root.
  await pagefind.options({ baseUrl: siteRoot.pathname });
  const [ranges] = await Promise.all([chunkRangesOf(base), pagefind.init()]);
  return { pagefind, ranges };
}

async function chunkRangesOf(base) {
  try {
    const response = await fetch(new URL("register-chunks.json", base));
    const ranges = await response.json();
    return ranges[document.documentElement.lang] || Object.values(ranges)[0] || [];
  } catch (error) {
    return []; // Without the ranges, search as Pagefind does on its own.
  }
}

async function searchPart({ pagefind, ranges }, term, options) {
  const probes = new Set();
  for (const word of normalise(term || "").split(/\s+/).filter(Boolean)) {
    const prefix = [...word].slice(0, PREFIX).join("");
    for (const [first, last] of ranges) {
      if (last < prefix || (first > prefix && !first.startsWith(prefix))) continue;
      // Pagefind loads the chunk whose range holds the word it is given.
      const probe = [first, last].find((edge) => normalise(edge) === edge && !/\s/.test(edge));
      if (probe) probes.add(probe);
    }
  }
  await Promise.all([...probes].map((probe) => pagefind.preload(probe)));
  return pagefind.search(term, options);
}

// The filter counts of several answers added up, value by value.
function addedCounts(answers) {
  const counts = {};
  for (const answer of answers) {
    for (const [facet, values] of Object.entries(answer || {})) {
      const sum = (counts[facet] = counts[facet] || {});
      for (const [value, n] of Object.entries(values)) sum[value] = (sum[value] || 0) + n;
    }
  }
  return counts;
}

async function search(term, options) {
  const answers = await Promise.all(parts.map((part) => searchPart(part, term, options)));
  if (answers.some((answer) => !answer)) return null;
  const key = options.sort && Object.keys(options.sort)[0];
  return {
    results: inOrder(answers.map((answer) => answer.results), key),
    filters: addedCounts(answers.map((answer) => answer.filters)),
  };
}

// The results of every part as one list, read a batch at a time: `take(from, count)` gives
// the data of results from..from+count. By relevance they go by score, as Pagefind orders
// the results of merged indexes; sorted, each part's list is in order already and the build
// put each result's rank among all offers in its metadata ("sort-<key>"), so the lists are
// merged by it, reading ahead in each list no further than the batch asked for.
function inOrder(lists, key) {
  const length = lists.reduce((sum, list) => sum + list.length, 0);
  const loaded = new Map(); // result -> its data, read once
  const dataOf = (result) => {
    if (!loaded.has(result)) loaded.set(result, result.data());
    return loaded.get(result);
  };
  if (lists.length === 1 || !key) {
    const all = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => b.score - a.score);
    return { length, take: (from, count) => Promise.all(all.slice(from, from + count).map(dataOf)) };
  }
  const next = lists.map(() => 0); // in each list, the first result not yet placed
  const placed = []; // data, in the merged order
  const rank = (data) => Number(data.meta[`sort-${key}`]);
  return {
    length,
    async take(from, count) {
      const end = Math.min(from + count, length);
      const wanted = end - placed.length;
      if (wanted > 0) {
        // The next `wanted` results overall are among the next `wanted` of each list.
        const heads = await Promise.all(
          lists.map((list, n) => Promise.all(list.slice(next[n], next[n] + wanted).map(dataOf))),
        );
        while (placed.length < end) {
          let best = -1;
          heads.forEach((head, n) => {
            if (head.length && (best < 0 || rank(head[0]) < rank(heads[best][0]))) best = n;
          });
          placed.push(heads[best].shift());
          next[best]++;
        }
      }
      return placed.slice(from, end);
    },
  };
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
  const found = await search(term || null, options);
  if (mine !== generation || !found) return;
  results = found.results;
  shown = 0;
  moreButton.hidden = true;
  list.replaceChildren();
  const counts = await countsFor(found, term);
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
  results = NO_RESULTS;
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
  const folders = JSON.parse(root.dataset.parts || '[""]');
  parts = await Promise.all(folders.map((folder) => openPart(new URL(folder, bundle), siteRoot)));
  // Loads every filter's values up front; search results then count all facets, not only
  // the ones the query touched.
  totals = addedCounts(await Promise.all(parts.map((part) => part.pagefind.filters())));
  readState();
  buildFacets(totals);
  // The static list by title sits beside the facets until a search replaces it.
  root.querySelector(".register-search__results").append(document.getElementById("register-browse-list"));
  root.hidden = false;
  input.addEventListener("input", debounce(update, 250));
  sortSelect.addEventListener("change", update);
  moreButton.addEventListener("click", () => showMore(true));
  await update();
}

start().catch((error) => {
  // Keep the static list when the index cannot be loaded (e.g. opened from disk).
  root.hidden = true;
  console.error("Search is unavailable:", error);
});
