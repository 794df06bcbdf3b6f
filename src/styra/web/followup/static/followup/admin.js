/* The admin's widgets that Django draws by script, given the names their controls lack
   (WCAG 4.1.2; axe: aria-input-field-name, label, aria-prohibited-attr,
   scrollable-region-focusable), after the admin's own scripts have drawn them. */
(function () {
  "use strict";

  function labelOf(control) {
    if (control.getAttribute("aria-label")) return control.getAttribute("aria-label");
    var label = control.id && document.querySelector('label[for="' + control.id + '"]');
    if (label) return label.textContent.replace(/:\s*$/, "").trim();
    var row = control.closest(".form-row, .fieldBox, td");
    var any = row && row.querySelector("label");
    return any ? any.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameSelect2() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = labelOf(select);
      var box = select.nextElementSibling;
      if (!name || !box) return;
      box.querySelectorAll('[role="combobox"], [role="textbox"]').forEach(function (el) {
        el.removeAttribute("aria-labelledby");
        el.setAttribute("aria-label", name);
      });
    });
  }

  function nameSplitDateTime() {
    var parts = { vDateField: "datum", vTimeField: "tid" };
    Object.keys(parts).forEach(function (cls) {
      document.querySelectorAll("input." + cls).forEach(function (input) {
        if (input.labels && input.labels.length) return;
        if (input.getAttribute("aria-label")) return;
        var name = labelOf(input);
        if (name) input.setAttribute("aria-label", name + " (" + parts[cls] + ")");
      });
    });
  }

  function tooltipsAsImages() {
    document.querySelectorAll("span.help-tooltip[aria-label]").forEach(function (span) {
      span.setAttribute("role", "img");
    });
  }

  function focusableInlines() {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      var heading = group.querySelector("h2");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "region");
      if (heading) group.setAttribute("aria-label", heading.textContent.trim());
    });
  }

  function run() {
    nameSelect2();
    nameSplitDateTime();
    tooltipsAsImages();
    focusableInlines();
  }

  // The admin draws its select2 boxes in a jQuery ready handler, which may run after the
  // load event when every file comes from the cache: ours is queued after it, and load
  // covers the pages without jQuery. Both are harmless twice.
  if (window.django && window.django.jQuery) window.django.jQuery(run);
  window.addEventListener("load", run);
})();
