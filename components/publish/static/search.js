// Starts Pagefind's search UI in the header's search box (the index is built by components/publish/build.py).
// The site may be served below a path: the bundle and the results' addresses are taken from the site's root (the
// box's data-root: the same for the English, French and Spanish pages; Pagefind keeps an index per <html lang> and
// searches the page's own language). The placeholder is in the page's language (data-placeholder).
(function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  var root = new URL(box.getAttribute("data-root") || "./", document.baseURI).pathname;
  new PagefindUI({
    element: "#search",
    bundlePath: root + "pagefind/",
    baseUrl: root,
    showImages: false,
    showSubResults: false,
    // A match in a page's other names (its hidden `aliases` field: a short name such as "CETS No. 225") counts more
    // than one in its title (default 5), so that a treaty's number finds the treaty before the meeting named for it.
    ranking: { metaWeights: { title: 5, aliases: 8 } },
    translations: { placeholder: box.getAttribute("data-placeholder") || "Search the Atlas" },
  });
})();
