// Reports the first screen the way Mend's bench build does: two frames after the page's
// script ran, one line on the web console (which main.rs has WebKit print) with the page's
// clock at that moment, and a flag that WebDriver can read. No content.
requestAnimationFrame(() => requestAnimationFrame(() => {
  window.__mendBenchPainted = performance.now();
  console.info(`mend-bench:painted ${window.__mendBenchPainted.toFixed(1)}`);
}));
