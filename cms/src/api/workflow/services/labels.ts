import { choiceLabels } from '../../../business-config/choice-labels';

/** French labels of enumeration values, for the admin panel's translations (admin-extensions). */
export default () => ({ choices: choiceLabels });
