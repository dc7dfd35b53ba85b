import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Loop',
  category: 'control',
  versions: [
    { since: 1, inputs: 'M?:I, cond?:B, v_initial...h:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v1', I: 'int64', B: 'bool' } },
    { since: 11, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v1', I: 'int64', B: 'bool' } },
    { since: 13, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v1 seq($all_v1)', I: 'int64', B: 'bool' } },
    { since: 16, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v13 seq($all_v13) optional($all_v13) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 19, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v19 seq($all_v19) optional($all_v19) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 21, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v21 seq($all_v21) optional($all_v21) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 23, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v23 seq($all_v23) optional($all_v23) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 24, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v24 seq($all_v24) optional($all_v24) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 25, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v25 seq($all_v25) optional($all_v25) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
  ],
});
