// Place picker: the ARIA 1.2 combobox pattern over a text box whose suggestions htmx fetches
// into its listbox. Down/Up move through them, Enter or a click chooses, Escape closes.
// Without this file the text box still works: the server resolves what was typed.
(function () {
  "use strict";
  var BOX = "[data-picker] [role=combobox]";

  function listOf(input) { return document.getElementById(input.getAttribute("aria-controls")); }
  function optionsOf(list) { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

  function close(input) {
    var list = listOf(input);
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    optionsOf(list).forEach(function (o) { o.setAttribute("aria-selected", "false"); });
  }

  function open(input) {
    var list = listOf(input);
    var any = optionsOf(list).length > 0;
    list.hidden = !any;
    input.setAttribute("aria-expanded", any ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
  }

  function activate(input, index) {
    var options = optionsOf(listOf(input));
    if (!options.length) { return; }
    index = (index + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  function choose(input, option) {
    input.value = option.getAttribute("data-value");
    close(input);
    var picker = input.closest("[data-picker]");
    if (picker.hasAttribute("data-picker-submit") && input.form) {
      input.form.requestSubmit();
    }
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.detail.target;
    if (!list.classList || !list.classList.contains("place-picker-list")) { return; }
    var input = document.querySelector("[aria-controls='" + list.id + "']");
    if (!input) { return; }
    if (document.activeElement === input && input.value.trim()) { open(input); } else { close(input); }
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(BOX)) { return; }
    var list = listOf(input);
    var options = optionsOf(list);
    var current = options.indexOf(document.getElementById(input.getAttribute("aria-activedescendant") || ""));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) { return; }
      event.preventDefault();
      if (list.hidden) { open(input); }
      activate(input, event.key === "ArrowDown" ? current + 1 : (current < 0 ? options.length - 1 : current - 1));
    } else if (event.key === "Enter" && !list.hidden && current >= 0) {
      event.preventDefault();
      choose(input, options[current]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close(input);
    }
  });

  // mousedown, not click: the text box keeps the focus, so its blur does not close the list first.
  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest && event.target.closest(".place-picker-list [role=option]");
    if (!option) { return; }
    event.preventDefault();
    var input = document.querySelector("[aria-controls='" + option.parentNode.id + "']");
    if (input) { choose(input, option); }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches(BOX)) { close(event.target); }
  });
})();
