import fs from 'node:fs';
import path from 'node:path';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, EVALUATION_RESULTS, FINDING_GRADES, QUESTION_KINDS, ROADMAP_PRIORITIES, ROADMAP_STATUSES } from '@charte/contract';

// The contract lists the values of the enumerations the screens offer; the cms's content types
// (schema.json) are what the database accepts. They must be the same values, in the same order.

const schemaEnum = (type: string, field: string): string[] => {
  const file = path.join(__dirname, '..', '..', 'cms', 'src', 'api', type, 'content-types', type, 'schema.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { attributes: Record<string, { enum?: string[] }> }).attributes[field].enum ?? [];
};

describe('the contract’s enumerations', () => {
  it('are the cms’s', () => {
    expect([...EVALUATION_RESULTS]).toEqual(schemaEnum('evaluation', 'result'));
    expect([...ROADMAP_STATUSES]).toEqual(schemaEnum('roadmap-action', 'actionStatus'));
    expect([...ROADMAP_PRIORITIES]).toEqual(schemaEnum('roadmap-action', 'priority'));
    expect([...COMPLAINT_KINDS]).toEqual(schemaEnum('complaint', 'kind'));
    expect([...COMPLAINT_CHANNELS]).toEqual(schemaEnum('complaint', 'channel'));
    expect([...FINDING_GRADES]).toEqual(schemaEnum('audit-finding', 'grade'));
  });

  it('name every question kind the cms checks', async () => {
    const { checkQuestions } = await import('../../cms/src/surveys/questions');
    for (const kind of QUESTION_KINDS) {
      const question = { id: 'q1', kind, label: 'Question', ...(kind === 'choice' ? { options: ['a', 'b'] } : {}) };
      expect([kind, checkQuestions([question]).ok]).toEqual([kind, true]);
    }
  });
});
