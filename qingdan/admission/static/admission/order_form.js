/* The order form's target picker (admission/order_form.html): as boxes are ticked, the count of townships
   and villages the order will reach follows — a township ticked with "all villages below" counts itself and
   every village in its box, each once, as OrderForm.reached_count counts them on the server. */
(function () {
  "use strict";
  var picker = document.querySelector("fieldset.targets");
  var shown = document.getElementById("targets-count");
  if (!picker || !shown) return;

  function count() {
    var reached = {};
    picker.querySelectorAll("details.township-pick").forEach(function (township) {
      var whole = township.querySelector("input[name=all_villages]:checked");
      township.querySelectorAll("input[name=targets]").forEach(function (box) {
        if (box.checked || whole) reached[box.value] = true;
      });
    });
    shown.textContent = String(Object.keys(reached).length);
  }

  picker.addEventListener("change", count);
  count();
})();
