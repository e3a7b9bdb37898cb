// Choosing offers to compare, and the compare page (issue 17).
//
// Everywhere: the "Compare" ticks (fact sheets, list cards, search results) keep the
// reader's choice in localStorage (this browser only, nothing is sent anywhere) and the
// tray links to compare/?offers=a,b,c. On the compare page the URL is the choice: each
// column is filled from the offer's own fact sheet (same site, so the page respects the
// Content-Security-Policy and shows every element exactly as the fact sheet does).

const STORE = "register-compare";
const MAX = 4;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function validIds(values) {
  const ids = [];
  for (const value of values) {
    if (typeof value === "string" && value.length <= 100 && ID.test(value) && !ids.includes(value)) {
      ids.push(value);
    }
  }
  return ids;
}

function chosen() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORE) || "[]");
    return Array.isArray(stored) ? validIds(stored).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

function keep(ids) {
  try {
    localStorage.setItem(STORE, JSON.stringify(ids));
  } catch {
    // Storage refused (private mode, quota): the choice lasts as long as the page.
  }
}

// --- The ticks and the tray ---------------------------------------------------------

let picks = chosen();
let message = "";

function compareHref(tray, ids) {
  return `${tray.dataset.compareUrl}?offers=${ids.join(",")}`;
}

function syncTicks() {
  for (const box of document.querySelectorAll("input[data-compare-id]")) {
    const id = box.dataset.compareId;
    if (!id) continue;
    box.checked = picks.includes(id);
    box.closest(".register-compare-toggle").hidden = false;
  }
  for (const tray of document.querySelectorAll(".register-compare-tray")) {
    tray.hidden = picks.length === 0 && !message;
    const open = tray.querySelector(".register-compare-tray__open");
    open.hidden = picks.length < 2;
    open.href = compareHref(tray, picks);
    open.textContent = `Compare ${picks.length} chosen offers`;
    tray.querySelector(".register-compare-tray__clear").hidden = picks.length === 0;
    const status = tray.querySelector(".register-compare-tray__status");
    const count =
      picks.length === 1
        ? "1 offer chosen to compare; choose at least one more."
        : `${picks.length} offers chosen to compare.`;
    status.textContent = message || count;
  }
  message = "";
}

document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.compareId) return;
  const id = box.dataset.compareId;
  picks = chosen();
  if (box.checked && !picks.includes(id)) {
    if (picks.length >= MAX) {
      box.checked = false;
      message = `At most ${MAX} offers can be compared: untick one first.`;
    } else {
      picks.push(id);
    }
  } else if (!box.checked) {
    picks = picks.filter((other) => other !== id);
  }
  keep(picks);
  syncTicks();
});

document.addEventListener("click", (event) => {
  const clear = event.target.closest?.(".register-compare-tray__clear");
  if (!clear) return;
  picks = [];
  keep(picks);
  message = "The choice is cleared.";
  syncTicks();
  // The button hides; the focus goes back to the tray's status rather than the page top.
  const tray = clear.closest(".register-compare-tray");
  tray.tabIndex = -1;
  tray.focus();
});

// Another tab changed the choice.
window.addEventListener("storage", (event) => {
  if (event.key === STORE) {
    picks = chosen();
    syncTicks();
  }
});

// Search results arrive after the page: tick their boxes as they come.
const results = document.getElementById("register-search-results");
if (results) new MutationObserver(syncTicks).observe(results, { childList: true });

syncTicks();

// --- The compare page ---------------------------------------------------------------

const compare = document.getElementById("register-compare");
if (compare) showComparison(compare);

function showComparison(root) {
  document.getElementById("register-compare-nojs").hidden = true;
  root.hidden = false;
  const status = document.getElementById("register-compare-status");
  const empty = document.getElementById("register-compare-empty");
  const view = document.getElementById("register-compare-view");
  const table = view.querySelector("table");
  const caption = table.querySelector("caption");
  const title = document.getElementById("register-compare-title");
  const asked = validIds((new URLSearchParams(location.search).get("offers") || "").split(","));
  let ids = asked.slice(0, MAX);
  const columns = [];

  function setUrl() {
    const url = new URL(location.href);
    if (ids.length) url.searchParams.set("offers", ids.join(","));
    else url.searchParams.delete("offers");
    // Commas stay readable in the shared address.
    history.replaceState(null, "", url.href.replaceAll("%2C", ","));
  }

  function layout() {
    view.hidden = ids.length === 0;
    empty.hidden = ids.length > 0;
    for (const group of table.querySelectorAll(".register-compare__group th")) {
      group.colSpan = ids.length + 1;
    }
    caption.textContent =
      ids.length === 1
        ? "One offer: key facts, then the Annex I elements. Choose another to compare."
        : `${ids.length} offers side by side: key facts, then the Annex I elements`;
  }

  async function column(id) {
    const page = new URL(`${root.dataset.offers}${id}/`, location.href);
    try {
      const response = await fetch(page);
      if (!response.ok) throw new Error(String(response.status));
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const sheet = doc.querySelector(".register-factsheet");
      if (!sheet || sheet.classList.contains("register-tombstone")) throw new Error("withdrawn");
      return { id, page, sheet, title: sheet.querySelector("h1").textContent.trim() };
    } catch {
      return { id, page, sheet: null, title: id };
    }
  }

  // A fact sheet's links are relative to it: make them absolute before moving them here.
  function adopt(nodes, page) {
    const fragment = document.createDocumentFragment();
    for (const node of nodes) {
      const copy = document.importNode(node, true);
      if (copy.nodeType === Node.ELEMENT_NODE) {
        const links = copy.matches("a[href]") ? [copy] : [];
        links.push(...copy.querySelectorAll("a[href]"));
        for (const link of links) link.href = new URL(link.getAttribute("href"), page).href;
        for (const marked of copy.querySelectorAll("[id]")) marked.removeAttribute("id");
      }
      fragment.append(copy);
    }
    return fragment;
  }

  function cell(content) {
    const td = document.createElement("td");
    if (content && content.childNodes.length) td.append(content);
    else {
      const missing = document.createElement("p");
      missing.className = "register-missing";
      missing.textContent = "Not stated.";
      td.append(missing);
    }
    return td;
  }

  function header(offer) {
    const th = document.createElement("th");
    th.scope = "col";
    const link = document.createElement("a");
    link.href = offer.page.href;
    link.textContent = offer.sheet ? offer.title : `Offer “${offer.id}” (not found or withdrawn)`;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "register-compare__remove md-button";
    remove.dataset.offer = offer.id;
    remove.append("Remove");
    const hidden = document.createElement("span");
    hidden.className = "register-sr-only";
    hidden.textContent = ` ${offer.title} from the comparison`;
    remove.append(hidden);
    th.append(link, remove);
    return th;
  }

  function render(offers) {
    table.querySelector("thead tr").append(...offers.map(header));
    for (const row of table.querySelectorAll("tbody tr[data-fact]")) {
      for (const offer of offers) {
        const dd = offer.sheet?.querySelector(`[data-fact="${row.dataset.fact}"] dd`);
        row.append(cell(dd ? adopt(dd.childNodes, offer.page) : null));
      }
    }
    for (const row of table.querySelectorAll("tbody tr[data-element]")) {
      for (const offer of offers) {
        // The first language block's section has the bare key as its id.
        const section = offer.sheet?.querySelector(`section[id="${row.dataset.element}"]`);
        const body = section ? [...section.childNodes].filter((node) => node.nodeName !== "H3") : null;
        row.append(cell(body ? adopt(body, offer.page) : null));
      }
    }
  }

  function removeOffer(id) {
    const index = ids.indexOf(id);
    if (index < 0) return;
    const gone = columns.splice(index, 1)[0];
    ids.splice(index, 1);
    for (const row of table.querySelectorAll("thead tr, tbody tr:not(.register-compare__group)")) {
      row.children[index + 1]?.remove();
    }
    setUrl();
    layout();
    status.textContent = `Removed ${gone.title}. ${ids.length} ${ids.length === 1 ? "offer" : "offers"} left.`;
    const buttons = table.querySelectorAll(".register-compare__remove");
    const next = buttons[Math.min(index, buttons.length - 1)];
    if (next) next.focus();
    else title.focus();
  }

  table.addEventListener("click", (event) => {
    const button = event.target.closest(".register-compare__remove");
    if (button) removeOffer(button.dataset.offer);
  });

  setUrl();
  layout();
  if (!ids.length) {
    status.textContent = "";
    return;
  }
  status.textContent = `Loading ${ids.length} offers…`;
  Promise.all(ids.map(column)).then((offers) => {
    columns.push(...offers);
    render(offers);
    const dropped = asked.length > MAX ? ` Only the first ${MAX} of ${asked.length} are shown.` : "";
    status.textContent = `Comparing ${ids.length} ${ids.length === 1 ? "offer" : "offers"}.${dropped}`;
  });
}
