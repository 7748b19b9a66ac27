// The help screen's own words (its rows come from the key and command tables), in English and Simplified Chinese.
import {defineMessages} from '../../i18n/catalog.js';

export const helpText = defineMessages(
	'help',
	{
		titleFull: 'glm-tui keys · Esc closes · Up/Down, PgUp/PgDn, Home/End scroll',
		titleHomeEnd: 'glm-tui keys · Esc closes · Home/End',
		titleShort: 'Keys · Esc closes · Home/End',
		title: 'glm-tui keys · Esc closes',
	},
	{
		titleFull: 'glm-tui 按键 · Esc 关闭 · Up/Down、PgUp/PgDn、Home/End 滚动',
		titleHomeEnd: 'glm-tui 按键 · Esc 关闭 · Home/End',
		titleShort: '按键 · Esc 关闭 · Home/End',
		title: 'glm-tui 按键 · Esc 关闭',
	},
);
