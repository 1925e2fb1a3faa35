/* The header's menu button (web/base.html). On a narrow screen the header's links and account are folded
   away until the button is pressed, so the page's own content comes first; wider screens show them as
   before (qingdan.css, "Header menu").

   Loaded in <head> without defer, so the "js" class is on <html> before the header is drawn and the
   links do not flash open on a phone. Without JavaScript the class never comes and the links stay shown. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("header.top .menu-toggle");
    if (!button) return;
    var header = button.closest("header.top");

    function setOpen(open) {
      header.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    button.addEventListener("click", function () {
      setOpen(!header.classList.contains("menu-open"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        setOpen(false);
        button.focus();
      }
    });
  });
})();
