// The console's small enhancements; every page works without them.
(function () {
  'use strict';
  document.documentElement.classList.add('js-autosubmit');
  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target && target.matches && target.matches('select[data-autosubmit]')) target.form.requestSubmit();
  });
  // A refused form: the error summary takes focus, so a screen reader hears the problems first.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.console-error-summary');
    if (summary) summary.focus();
  });
})();
