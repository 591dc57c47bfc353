// The translator type and helpers live in the core, shared with the CLI.
export { english, formatMessage, type Translate } from '../core/util/translate';
