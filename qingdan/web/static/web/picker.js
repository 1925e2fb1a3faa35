/* Searchable pickers (qingdan/web/widgets.py): every <select data-picker> becomes a Tom Select.

   data-picker="choices"   the options are in the page; typing narrows them. A multiple select shows the
                           chosen ones as tags with a remove button (no Ctrl-click).
   data-picker="division"  one division chosen by name: as the user types, the options come from
                           data-url (orgs:division_search, the user's scope only) limited to data-levels;
                           the value sent is the division's code.
   data-empty, data-more, data-remove, data-placeholder: the words shown, in the page's language.

   No inline script (Content-Security-Policy): the configuration is in the data- attributes. Pickers in
   content htmx swaps in are set up as well. Without JavaScript the selects stay plain selects. */
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function message(select, key) {
    return '<div class="no-results">' + escapeHtml(select.dataset[key] || "") + "</div>";
  }

  function common(select) {
    var multiple = select.multiple;
    return {
      plugins: multiple ? { remove_button: { title: select.dataset.remove || "" } } : ["clear_button"],
      maxOptions: null,
      hidePlaceholder: true,
      closeAfterSelect: true,
      // One choice made: the list (and a phone's keyboard) goes away, and a late answer cannot reopen it.
      onItemAdd: multiple ? undefined : function () { this.blur(); },
      allowEmptyOption: !multiple,
      placeholder: select.dataset.placeholder || undefined,
      render: {
        no_results: function () { return message(select, "empty"); },
      },
    };
  }

  // An answer that arrives after the choice was made (the user typed, picked, and moved on) must not
  // reopen the list over the rest of the form: Tom Select reopens it for a search begun while focused.
  function settled(picker) {
    if (!picker.isFocused) picker.close();
  }

  function divisionOptions(select) {
    var options = common(select);
    var url = select.dataset.url;
    var levels = select.dataset.levels || "";
    var more = false;
    options.allowEmptyOption = false;  // nothing chosen shows the placeholder, not a blank choice
    options.valueField = "code";
    options.labelField = "label";
    options.searchField = ["name", "code"];
    options.maxOptions = 50;
    options.loadThrottle = 250;
    options.preload = "focus";
    options.shouldLoad = function () { return true; };
    options.load = function (query, callback) {
      var picker = this;
      var params = new URLSearchParams({ q: query, levels: levels });
      fetch(url + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (query !== picker.inputValue()) {  // typed on, or chose and moved on: an old answer
            callback();
            if (!picker.inputValue()) picker.close();
            return;
          }
          more = Boolean(data.more);
          picker.clearOptions();  // only this answer's divisions (the chosen one is kept)
          callback(data.results.map(function (d) {
            d.label = d.parent ? d.name + " · " + d.parent : d.name;
            return d;
          }));
          settled(picker);
        })
        .catch(function () { callback(); settled(picker); });
    };
    options.render.option = function (d) {
      var parent = d.parent ? ' <span class="picker-parent">' + escapeHtml(d.parent) + "</span>" : "";
      return "<div>" + escapeHtml(d.name || d.label) + parent + "</div>";
    };
    options.render.item = function (d) { return "<div>" + escapeHtml(d.label) + "</div>"; };
    options.render.dropdown_footer = function () { return more ? message(select, "more") : "<div></div>"; };
    return options;
  }

  function setUp(root) {
    if (typeof TomSelect === "undefined") return;
    root.querySelectorAll("select[data-picker]").forEach(function (select) {
      if (select.tomselect) return;
      var options = select.dataset.picker === "division" ? divisionOptions(select) : common(select);
      new TomSelect(select, options);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
