// Typing in the search box shows only the fields whose name or code holds the text.
(function () {
  var search = document.getElementById("element-search");
  if (!search) return;
  search.addEventListener("input", function () {
    var text = this.value.trim().toLowerCase();
    document.querySelectorAll("#element-options .element-option").forEach(function (option) {
      option.hidden = text !== "" && option.dataset.name.toLowerCase().indexOf(text) < 0;
    });
  });
})();
