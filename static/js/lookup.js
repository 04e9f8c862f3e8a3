// Search-as-you-type for <select multiple data-lookup-url>, with inline creation through a modal
// (data-create-modal) so an officer never loses the visit form to add a team or contact.
(function () {
  "use strict";

  function csrfToken(form) {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function showErrors(form, errors) {
    const box = form.querySelector(".quick-create-error");
    box.textContent = Object.values(errors).flat().join(" ");
    box.classList.remove("d-none");
  }

  function openCreateModal(modalId, typed, done) {
    const element = document.getElementById(modalId);
    const form = element.querySelector("form");
    const modal = bootstrap.Modal.getOrCreateInstance(element);
    form.reset();
    form.querySelector(".quick-create-error").classList.add("d-none");
    const nameInput = form.querySelector("input[name$='-name']");
    if (nameInput) nameInput.value = typed;
    let created = false;
    form.onsubmit = async function (event) {
      event.preventDefault();
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-CSRFToken": csrfToken(form), "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      const payload = await response.json();
      if (!response.ok) return showErrors(form, payload.errors || {});
      created = true;
      done(payload);
      modal.hide();
    };
    element.addEventListener("hidden.bs.modal", function onHidden() {
      element.removeEventListener("hidden.bs.modal", onHidden);
      if (!created) done();
    });
    modal.show();
    setTimeout(function () { (nameInput || form.querySelector("input:not([type=hidden])")).focus(); }, 300);
  }

  function initialise(select) {
    const url = select.dataset.lookupUrl;
    const modalId = select.dataset.createModal;
    new TomSelect(select, {
      plugins: { remove_button: { title: select.dataset.removeLabel || "×" } },
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      loadThrottle: 250,
      preload: "focus",
      maxOptions: 20,
      create: modalId ? function (input, callback) { openCreateModal(modalId, input, callback); } : false,
      render: {
        option_create: function (data, escape) {
          return '<div class="create">+ ' + escape(select.dataset.createLabel || "") + " <strong>" + escape(data.input) + "</strong></div>";
        },
        no_results: function () { return '<div class="no-results">' + (select.dataset.noResults || "—") + "</div>"; },
      },
      load: function (query, callback) {
        fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (payload) { callback(payload.results); })
          .catch(function () { callback(); });
      },
    });
  }

  document.querySelectorAll("select[data-lookup-url]").forEach(initialise);

  // One click, one visit: a double-clicked submit must not post twice.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      const button = form.querySelector("[data-submit-once]");
      if (button) setTimeout(function () { button.disabled = true; }, 0);
    });
  });
})();
