// Catalogue form: list the chosen files with their sizes and flag, before uploading over a
// phone connection, the ones the server will refuse (it checks them again by content).
// A double-tapped save button posts once.
(function () {
  "use strict";
  var MAX_BYTES = 10 * 1024 * 1024;
  var ALLOWED = /\.(pdf|png|jpe?g)$/i;
  var form = document.querySelector("form.achievement-form");
  if (!form) return;

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  var input = form.querySelector("input[type=file]");
  var list = form.querySelector("[data-file-list]");
  if (input && list) {
    input.addEventListener("change", function () {
      list.replaceChildren();
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        var problem = !ALLOWED.test(file.name) ? list.dataset.wrongType : file.size > MAX_BYTES ? list.dataset.tooLarge : "";
        item.textContent = file.name + " · " + size(file.size) + (problem ? " — " + problem : "");
        if (problem) item.className = "text-danger";
        list.appendChild(item);
      });
    });
  }

  form.addEventListener("submit", function () {
    setTimeout(function () {
      form.querySelectorAll("[data-submit-once]").forEach(function (button) { button.disabled = true; });
    }, 0);
  });
})();
