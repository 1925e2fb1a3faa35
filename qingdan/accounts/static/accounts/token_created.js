// The new token is selected when its box gets focus, ready to copy.
(function () {
  var box = document.getElementById("new-token");
  if (box) box.addEventListener("focus", function () { this.select(); });
})();
