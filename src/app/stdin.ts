// The command line reads stdin through the application layer, with the same byte budget as files.
export { readStdinText } from '../discover/read.js';
