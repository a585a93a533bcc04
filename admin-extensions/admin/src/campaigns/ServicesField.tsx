import { Box, Checkbox, Flex, TextButton, Typography } from '@strapi/design-system';
import { useId } from 'react';
import type { BuilderService } from '@charte/contract';
import { formatCount } from '../lib/format';

interface Props {
  services: BuilderService[];
  selected: ReadonlySet<string>;
  disabled: boolean;
  error?: string;
  onChange(selected: Set<string>): void;
}

/** A checkbox per service, in a fieldset so that the list is announced with its legend. */
export function ServicesField({ services, selected, disabled, error, onChange }: Props) {
  const errorId = useId();
  const toggle = (documentId: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(documentId);
    else next.delete(documentId);
    onChange(next);
  };

  return (
    <Box
      tag="fieldset"
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      style={{ border: 0, padding: 0, margin: 0 }}
    >
      <Typography tag="legend" variant="pi" fontWeight="bold" textColor="neutral800">
        Services évalués ({formatCount(selected.size)} sur {formatCount(services.length)})
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
        <Flex gap={4}>
          <TextButton disabled={disabled || selected.size === services.length} onClick={() => onChange(new Set(services.map((s) => s.documentId)))}>
            Tout cocher
          </TextButton>
          <TextButton disabled={disabled || selected.size === 0} onClick={() => onChange(new Set())}>
            Tout décocher
          </TextButton>
        </Flex>
        <Flex tag="ul" direction="column" alignItems="flex-start" gap={2}>
          {services.map((service) => (
            <li key={service.documentId}>
              <Checkbox
                name="services"
                value={service.documentId}
                checked={selected.has(service.documentId)}
                disabled={disabled}
                onCheckedChange={(checked) => toggle(service.documentId, checked === true)}
              >
                {service.name}
              </Checkbox>
            </li>
          ))}
        </Flex>
        {error ? (
          <Typography id={errorId} variant="pi" textColor="danger600">
            {error}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
}
