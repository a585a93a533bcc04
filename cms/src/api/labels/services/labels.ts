import type { CmsServices } from '@charte/contract';
import { choiceLabels, modelLabels } from '../../../platform/config/labels';

/** The model map for the admin panel's plugin (admin-extensions), which runs in this process. */
export default () => ({ model: modelLabels, choices: choiceLabels }) satisfies CmsServices['api::labels.labels'];
