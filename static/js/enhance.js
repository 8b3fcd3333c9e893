// Lesson forms (checks, worksheets, answers) submit in place and announce the result.
// Without this file they post and redirect as usual: it only enhances.
(function () {
  "use strict";
  var live = document.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-enhance]");
    var region = form && form.closest("[data-fragment]");
    if (!region) return;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.querySelector("[data-fragment]");
          if (!fresh) throw new Error("no fragment");
          region.replaceWith(fresh);
          if (response.redirected) history.replaceState(null, "", response.url);
          var note = page.querySelector(".messages") || fresh.querySelector("#result-title, .error-summary h2");
          live.textContent = note ? note.textContent.trim() : "";
          var focus = fresh.querySelector("#result, .error-summary");
          if (focus) focus.focus();
        });
      })
      .catch(function () {
        form.submit();
      });
  });
})();
