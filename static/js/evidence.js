// Evidence picker: turn a text selection inside a section into a quote with
// Python string offsets (code points, not UTF-16 units). The server checks
// that the quote equals the section text at those offsets.
(function () {
  "use strict";
  function codePoints(text) { return Array.from(text).length; }

  function emptyRow() {
    var rows = document.querySelectorAll("[data-role=evidence-row]");
    for (var i = 0; i < rows.length; i++) {
      var key = rows[i].querySelector("input[name$=section_key]");
      if (key && !key.value) { return rows[i]; }
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-role=use-selection]");
    if (!button) { return; }
    var pane = button.closest(".picker-section");
    var textBox = pane.querySelector("[data-role=section-text]");
    var error = pane.querySelector("[data-role=selection-error]");
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { error.hidden = false; return; }
    var range = selection.getRangeAt(0);
    if (!textBox.contains(range.startContainer) || !textBox.contains(range.endContainer)) { error.hidden = false; return; }
    var before = document.createRange();
    before.setStart(textBox, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var quote = range.toString();
    var start = codePoints(before.toString());
    var row = emptyRow();
    if (!row) { error.textContent = error.dataset.full; error.hidden = false; return; }
    error.hidden = true;
    row.querySelector("input[name$=section_key]").value = pane.dataset.sectionKey;
    row.querySelector("textarea[name$=quote]").value = quote;
    row.querySelector("input[name$=-start]").value = start;
    row.querySelector("input[name$=-end]").value = start + codePoints(quote);
    row.querySelector("input[name$=version]").value = pane.dataset.sectionVersion;
    row.scrollIntoView({ block: "nearest" });
  });
})();
