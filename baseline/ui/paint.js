// Reports the first screen the way Mend's bench build does: two frames after the page's
// script ran, one line on the web process's console (printed to stdout, see main.rs), and
// a flag that WebDriver can read. No content, just the word.
requestAnimationFrame(() => requestAnimationFrame(() => {
  window.__mendBenchPainted = performance.now();
  console.info('mend-bench:painted');
}));
