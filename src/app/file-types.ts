// The file types `--type` and the config's `files:` name, for the command line (which imports only the application layer).
export { FILE_TYPES, isFileType, type FileType } from '../discover/classify.js';
