/* policypress change-notice banner (partials/policypress/banner.html), in the visitor's browser.
 *
 * The build leaves out notices that have ended; this script covers the days until the next build:
 * - it hides a notice after its last day (data-pp-end) and before its first (data-pp-start);
 * - on and after the effective day (data-pp-effective) it shows the "took effect" wording;
 * - the dismiss button hides the banner and remembers the notices it showed, so the next
 *   material change (a new key) shows again.
 *
 * "Today" is the visitor's local calendar date as YYYY-MM-DD, compared as strings with the dates
 * the build wrote in the organization's time zone. A visitor in another time zone may see the
 * switch a few hours before or after the organization's midnight; never a day off beyond that.
 *
 * Dismissals live in localStorage under "policypress.dismissed": a JSON array of notice keys
 * ("<slug>/<version>"), newest last, at most 20. No cookies. Where storage is unavailable, a
 * dismissal lasts until the page is left.
 *
 * window.policypressBanner exposes update() and localDay() so tests can drive a given day.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "policypress.dismissed";
  var KEPT = 20;

  function localDay(now) {
    function pad(number) { return (number < 10 ? "0" : "") + number; }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function openStorage() {
    try {
      var storage = window.localStorage;
      storage.getItem(STORAGE_KEY);
      return storage;
    } catch (error) {
      return null; // disabled, or blocked in a private window
    }
  }

  function readDismissed(storage) {
    try {
      var keys = JSON.parse(storage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(keys) ? keys : [];
    } catch (error) {
      return []; // unreadable: show the notices again rather than fail
    }
  }

  function saveDismissed(storage, keys) {
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(keys.slice(-KEPT)));
    } catch (error) {
      // full or blocked: the dismissal still holds for this page
    }
  }

  // Shows, rewords or hides each notice for the day; returns the keys still shown.
  function update(banner, today, dismissed) {
    var shown = [];
    var notices = banner.querySelectorAll("[data-pp-key]");
    for (var i = 0; i < notices.length; i++) {
      var notice = notices[i];
      var key = notice.getAttribute("data-pp-key");
      var running = notice.getAttribute("data-pp-start") <= today && today <= notice.getAttribute("data-pp-end");
      notice.hidden = !running || dismissed.indexOf(key) !== -1;
      if (!notice.hidden) shown.push(key);
      var later = notice.querySelector("[data-pp-wording=once-effective]");
      if (later) {
        var effective = today >= notice.getAttribute("data-pp-effective");
        notice.querySelector("[data-pp-wording=now]").hidden = effective;
        later.hidden = !effective;
      }
    }
    // Material's announce container holds the bar; hide all of it so no empty strip remains.
    var bar = banner.closest("[data-md-component=announce]") || banner;
    bar.hidden = shown.length === 0;
    return shown;
  }

  function start(banner) {
    var storage = openStorage();
    var dismissed = storage ? readDismissed(storage) : [];
    var today = localDay(new Date());
    var shown = update(banner, today, dismissed);
    var button = banner.querySelector("[data-pp-dismiss]");
    button.hidden = false;
    button.addEventListener("click", function () {
      dismissed = dismissed.filter(function (key) { return shown.indexOf(key) === -1; }).concat(shown);
      if (storage) saveDismissed(storage, dismissed);
      shown = update(banner, today, dismissed);
    });
  }

  window.policypressBanner = { update: update, localDay: localDay, STORAGE_KEY: STORAGE_KEY };
  var banner = document.querySelector("[data-pp-banner]");
  if (banner) start(banner);
})();
