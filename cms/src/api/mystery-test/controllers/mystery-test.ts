import { scopedController } from '../../../access/scoped-controller';

// The référent qualité names a tester without reading the accounts: cms/src/mystery-tests/test-rules.ts checks it.
export default scopedController('api::mystery-test.mystery-test', undefined, undefined, ['tester']);
