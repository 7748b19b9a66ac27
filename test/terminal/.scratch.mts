import {wrap} from '../../source/terminal/wrap.ts';
const cjk = '中文字符测试，'.repeat(20000);
for (let i = 0; i < 5; i++) { const t = performance.now(); wrap(cjk, 80); console.log('cjk wrap', cjk.length, performance.now() - t); }
const lat = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(2400);
for (let i = 0; i < 3; i++) { const t = performance.now(); wrap(lat, 80); console.log('latin wrap', lat.length, performance.now() - t); }
