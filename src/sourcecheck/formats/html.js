// sourcecheck HTML report: show a number's card in a panel on click, tap or hover.
// Without this script every number still links to its card further down the page.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var body = panel.querySelector(".panel-body");
  var shownBy = null;
  var shownByHover = false;

  function show(link) {
    var card = document.getElementById(link.getAttribute("href").slice(1));
    if (!card) { return; }
    var copy = card.cloneNode(true);
    copy.removeAttribute("id");  // ids stay unique
    body.replaceChildren(copy);
    panel.hidden = false;
    panel.setAttribute("aria-label", "Number " + link.textContent);
    shownBy = link;
  }

  function hide() {
    panel.hidden = true;
    shownBy = null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.num");
    if (link && link.closest(".text")) {
      event.preventDefault();
      // a second tap closes the card; a click on a card the mouse opened keeps it
      if (shownBy === link && !shownByHover) { hide(); } else { show(link); }
      shownByHover = false;
      return;
    }
    if (event.target.closest(".panel .close") || !panel.contains(event.target)) { hide(); }
  });

  // pointing with a mouse shows the card too; touch and pen wait for the tap
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse") { return; }
    var link = event.target.closest(".text a.num");
    if (link && link !== shownBy) { show(link); shownByHover = true; }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
})();
