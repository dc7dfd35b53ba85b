import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Scan',
  category: 'control',
  versions: [
    { since: 8, inputs: 'sequence_lens?:I, initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', directions: 'ints', num_scan_inputs: 'int!' }, types: { I: 'int64', V: '$all_v1' } },
    { since: 9, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v1' } },
    { since: 11, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v1' } },
    { since: 16, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v13' } },
    { since: 19, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v19' } },
    { since: 21, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v21' } },
    { since: 23, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v23' } },
    { since: 24, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v24' } },
    { since: 25, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v25' } },
  ],
});
