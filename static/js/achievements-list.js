// Results list: the filter panel starts open on wide screens and folded on phones,
// where the search box alone is what an officer on campus needs first.
(function () {
  "use strict";
  var panel = document.getElementById("result-filter-panel");
  if (panel && !panel.hasAttribute("data-keep-open") && window.matchMedia("(min-width: 768px)").matches) {
    panel.open = true;
  }
})();
