// Choosing another level reloads the page, which then shows that level's count and cap.
(function () {
  var field = document.getElementById(document.currentScript.dataset.field);
  if (field) {
    field.addEventListener("change", function () {
      window.location.search = "?division=" + encodeURIComponent(this.value);
    });
  }
})();
