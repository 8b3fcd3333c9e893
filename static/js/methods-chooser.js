// The method chooser: show "How many meetings?" only when "A series of meetings" is chosen.
// Without this file every question shows and the server ignores the number for one meeting.
(function () {
  "use strict";
  document.querySelectorAll("[data-show-when]").forEach(function (block) {
    var rule = block.getAttribute("data-show-when").split("=");
    var form = block.closest("form");
    if (!form || block.classList.contains("has-error")) return;
    function update() {
      var checked = form.querySelector("input[name='" + rule[0] + "']:checked");
      block.hidden = !(checked && checked.value === rule[1]);
    }
    form.addEventListener("change", update);
    update();
  });
})();
