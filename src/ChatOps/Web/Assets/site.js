// Shows every <time datetime="..."> in the reader's own time zone.
(function () {
  function localise(root) {
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (!isNaN(d)) { el.title = el.textContent; el.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }); }
    });
  }
  window.chatopsLocalise = localise;
  document.addEventListener('DOMContentLoaded', function () { localise(document); });
})();
