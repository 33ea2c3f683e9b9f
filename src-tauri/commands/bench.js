// Bench builds only (feature `bench`, see app.rs). Counts IPC calls in flight (Tauri's
// IPC goes through fetch, counted here) so a measurement can wait until a screen has its
// data, keeps each call's command name and times (never its arguments or answer), and
// reports once that the first screen has painted: a view is in #main, no IPC call is in
// flight (still none one task later), then two frames. The report is one fixed line with
// the page's clock at that moment; never content.
(() => {
  if (window.top !== window) return;
  const fetch = window.fetch.bind(window);
  let pending = 0;
  let waiters = [];
  const calls = [];
  const settle = () => setTimeout(() => {
    if (pending !== 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }, 0);
  window.fetch = (...args) => {
    const url = String((args[0] && args[0].url) || args[0]);
    const ipc = url.startsWith('ipc:') || url.startsWith('http://ipc.localhost/');
    const call = { cmd: ipc ? decodeURIComponent(url.split('/').pop()) : 'fetch', start: performance.now() };
    pending += 1;
    return fetch(...args).finally(() => {
      call.end = performance.now();
      calls.push(call);
      pending -= 1;
      if (pending === 0 && waiters.length) settle();
    });
  };
  // Resolves once no IPC call is in flight, checked one task after the last one ended.
  window.__mendBenchIdle = () => new Promise((resolve) => {
    waiters.push(resolve);
    if (pending === 0) settle();
  });
  // The IPC calls that started at or after `since` (page clock, ms).
  window.__mendBenchCalls = (since) => calls.filter((c) => c.start >= since);
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const viewShown = () => new Promise((resolve) => {
    const shown = () => document.querySelector('#main[data-view]');
    if (shown()) { resolve(); return; }
    const watch = new MutationObserver(() => {
      if (shown()) { watch.disconnect(); resolve(); }
    });
    watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-view'] });
  });
  // The first screen's steps by the page's clock: a view drawn, its IPC calls answered.
  const marks = {};
  window.__mendBenchMarks = marks;
  viewShown().then(() => { marks.view = performance.now(); return window.__mendBenchIdle(); }).then(() => {
    marks.idle = performance.now();
    return frames();
  }).then(() => {
    window.__mendBenchPainted = performance.now();
    console.info(`mend-bench:painted ${window.__mendBenchPainted.toFixed(1)}`);
  });
})();
