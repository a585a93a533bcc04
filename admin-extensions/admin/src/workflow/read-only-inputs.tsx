import { InputRenderer } from '@strapi/admin/strapi-admin';
import type { ComponentProps, ComponentType } from 'react';
import { useParams } from 'react-router-dom';
import { useIsWorkflowType, usePanel } from './api';

type InputProps = ComponentProps<typeof InputRenderer> & { attribute?: { enum?: string[] } };

/**
 * Whether the document open in the edit view is a workflow document outside its editable states.
 * The Content Manager's route gives the model (`slug`) and the document (`id`, or "create").
 */
function useLockedByWorkflow(): boolean {
  const { slug, id } = useParams<{ slug: string; id: string }>();
  const isWorkflow = useIsWorkflowType(slug) === true;
  const existing = !!id && id !== 'create';
  const panel = usePanel(slug ?? '', existing ? id : undefined, isWorkflow && existing);
  return isWorkflow && existing && panel.data !== undefined && !panel.data.editable;
}

/**
 * The Content Manager's scalar inputs, disabled when the document's state is not editable, so the
 * read-only rule the server enforces is visible before anyone types. Other types pass through
 * unchanged: this renders the same generic input the Content Manager would.
 */
function WorkflowAwareInput(props: InputProps) {
  const locked = useLockedByWorkflow();
  const options = props.type === 'enumeration' ? (props.attribute?.enum ?? []).map((value) => ({ value })) : undefined;
  const rendered = { ...props, ...(options ? { options } : {}), disabled: props.disabled || locked } as ComponentProps<typeof InputRenderer>;
  return <InputRenderer {...rendered} />;
}

// `uid` (slug generation) and relations/media/rich text keep the Content Manager's own inputs.
const TYPES = ['string', 'text', 'email', 'integer', 'biginteger', 'decimal', 'float', 'date', 'datetime', 'time', 'boolean', 'enumeration', 'json'];

export const readOnlyInputs = TYPES.map((type) => ({ type, Component: WorkflowAwareInput as ComponentType }));
