// The self-assessment moves to the next question in place and says where the person is.
// Without this file every question is an ordinary page whose form and links work the same.
(function () {
  "use strict";
  var live = document.querySelector("[data-assessment-live]");
  if (!live || !window.fetch || !window.history.pushState || !window.URLSearchParams) return;
  var QUESTION = /\/questions\/\d+\/$/;
  // The address of the question on screen: a jump to an error's field (#…) is not a new question.
  var shown = withoutHash(window.location.href);

  function withoutHash(url) {
    return url.split("#")[0];
  }

  function swap(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.querySelector("[data-assessment-region]");
    var region = document.querySelector("[data-assessment-region]");
    if (!fresh || !region) return false;
    region.replaceWith(fresh);
    document.title = page.title;
    var summary = fresh.querySelector(".error-summary");
    var count = fresh.querySelector("[data-assessment-count]");
    var note = summary || count;
    var text = note ? note.textContent.replace(/\s+/g, " ").trim() : "";
    // Emptied first, so the same words said twice in a row are still announced.
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
    var target = summary || fresh.querySelector("[data-assessment-focus]");
    if (target) target.focus();
    return true;
  }

  // `here`: this question's address with its answer, so the Back button shows the answer chosen.
  function load(url, remember, here) {
    var busy = document.querySelector("[data-assessment-form] [type=submit]");
    if (busy) busy.disabled = true;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!QUESTION.test(new URL(response.url).pathname)) {
          window.location.assign(response.url);
          return null;
        }
        return response.text().then(function (html) {
          if (!swap(html)) {
            window.location.assign(response.url);
            return;
          }
          // A page that is not an error is a new question: remember its address.
          if (!response.ok) return;
          shown = withoutHash(response.url);
          if (!remember) return;
          if (here) history.replaceState({ assessment: true }, "", here);
          history.pushState({ assessment: true }, "", response.url);
        });
      })
      .catch(function () {
        window.location.assign(url);
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-assessment-form]");
    if (!form || form.hasAttribute("data-final") || form.method.toLowerCase() !== "get") return;
    event.preventDefault();
    var params = new URLSearchParams(new FormData(form));
    var url = new URL(form.action);
    url.search = params.toString();
    params.delete("go");
    var here = new URL(form.action);
    here.search = params.toString();
    load(url.toString(), true, here.toString());
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-assessment-previous]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    load(link.href, true);
  });

  window.addEventListener("popstate", function () {
    if (withoutHash(window.location.href) !== shown) load(window.location.href, false);
  });
})();
