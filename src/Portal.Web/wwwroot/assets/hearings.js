// Keeps "seats left" on a hearing page current while it is open.
(function () {
  var banner = document.querySelector('[data-seats-url]');
  var target = banner && banner.querySelector('[data-seats-left]');
  if (!target) { return; }
  var url = banner.getAttribute('data-seats-url');
  function refresh() {
    fetch(url, { headers: { 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d && typeof d.seatsLeft === 'number') { target.textContent = String(d.seatsLeft); } })
      .catch(function () { });
  }
  setInterval(function () { if (!document.hidden) { refresh(); } }, 15000);
})();
