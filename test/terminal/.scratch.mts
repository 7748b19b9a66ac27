const seg = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
for (const n of [800, 1600]) {
  const text = 'Lorem ipsum dolor sit amet, 中文字符 consectetur adipiscing elit. '.repeat(n);
  let t = performance.now(); let c=0; for (let i=0;i<text.length;i+=256) for (const s of seg.segment(text.slice(i,i+256))) c++; console.log('seg-window', n, performance.now() - t);
  t = performance.now(); c = 0; const it = seg.segment(text)[Symbol.iterator](); while (!it.next().done) c++; console.log('seg-next', n, performance.now() - t);
}
