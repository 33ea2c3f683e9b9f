// Bench builds only (feature `bench`, see app.rs). Counts IPC calls in flight (Tauri's
// IPC goes through fetch) so a measurement can wait until a screen has its data, and
// reports once that the first screen has painted: a view is in #main, no IPC call is in
// flight (still none one task later), then two frames. One fixed line, never content.
(() => {
  if (window.top !== window) return;
  const fetch = window.fetch.bind(window);
  let pending = 0;
  let waiters = [];
  const settle = () => setTimeout(() => {
    if (pending !== 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }, 0);
  window.fetch = (...args) => {
    pending += 1;
    return fetch(...args).finally(() => {
      pending -= 1;
      if (pending === 0 && waiters.length) settle();
    });
  };
  // Resolves once no IPC call is in flight, checked one task after the last one ended.
  window.__mendBenchIdle = () => new Promise((resolve) => {
    waiters.push(resolve);
    if (pending === 0) settle();
  });
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const viewShown = () => new Promise((resolve) => {
    const shown = () => document.querySelector('#main[data-view]');
    if (shown()) { resolve(); return; }
    const watch = new MutationObserver(() => {
      if (shown()) { watch.disconnect(); resolve(); }
    });
    watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-view'] });
  });
  viewShown().then(() => window.__mendBenchIdle()).then(frames).then(() => {
    window.__mendBenchPainted = performance.now();
    console.info('mend-bench:painted');
  });
})();
