// Consultations work views (responses, moderation): a "select all on this page" box and a live count of the selected comments.
// Without this script every comment can still be ticked one by one.
(function () {
  'use strict';

  function setUp(all) {
    var name = all.getAttribute('data-select-all');
    var scope = all.form || document;
    // A form's elements include the boxes placed elsewhere on the page with form="…" (the moderation queue's).
    var candidates = all.form ? all.form.elements : scope.querySelectorAll('input[type="checkbox"]');
    var boxes = Array.prototype.filter.call(candidates, function (b) { return b.type === 'checkbox' && b.name === name; });
    var counter = scope.querySelector('[data-selected-count]');
    var template = counter ? counter.getAttribute('data-template') || '{0}' : '';

    function update() {
      var selected = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = selected > 0 && selected === boxes.length;
      all.indeterminate = selected > 0 && selected < boxes.length;
      if (counter) {
        counter.textContent = template.replace('{0}', String(selected));
      }
    }

    all.hidden = false;
    all.addEventListener('change', function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      update();
    });
    boxes.forEach(function (b) { b.addEventListener('change', update); });
    update();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('input[data-select-all]'), setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
