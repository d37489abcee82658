// The header's menus are native <details> disclosures: they open and close with the keyboard without
// this file. It only (1) keeps the phone's "Menu" fold open on a wide screen, where its button is hidden,
// (2) closes an open menu on Escape (focus back on its button) or on a click outside it, and
// (3) keeps one menu open at a time in browsers that do not know <details name>.
(function () {
  "use strict";
  var WIDE = window.matchMedia("(min-width: 48.01rem)");

  function fold() { return document.querySelector("[data-site-menu]"); }
  function menus() { return Array.prototype.slice.call(document.querySelectorAll("details.nav-menu")); }

  function fit() {
    var f = fold();
    if (!f) { return; }
    if (WIDE.matches) { f.open = true; } else { f.open = false; }
  }

  function closeAll(except) {
    menus().forEach(function (m) { if (m !== except) { m.open = false; } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fit();
    if (WIDE.addEventListener) { WIDE.addEventListener("change", fit); }
    menus().forEach(function (m) {
      m.addEventListener("toggle", function () { if (m.open) { closeAll(m); } });
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = menus().filter(function (m) { return m.open; })[0];
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
      return;
    }
    var f = fold();
    if (f && f.open && !WIDE.matches) {
      f.open = false;
      f.querySelector("summary").focus();
    }
  });

  document.addEventListener("click", function (event) {
    menus().forEach(function (m) { if (m.open && !m.contains(event.target)) { m.open = false; } });
  });
})();
