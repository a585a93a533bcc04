import { runGroup } from '../../helpers/suite-group';

runGroup(__filename);
