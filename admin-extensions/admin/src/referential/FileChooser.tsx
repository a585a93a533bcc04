import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { File as FileIcon, Upload } from '@strapi/icons';
import { useId, useRef, useState, type DragEvent } from 'react';
import { ACCEPTED_EXTENSIONS, fileProblem, formatSize } from './files';

interface Props {
  file: File | null;
  disabled: boolean;
  onChange(file: File | null): void;
}

/**
 * A button that opens the file dialog (the native input stays hidden), plus a zone where a file
 * can be dropped. Files of the wrong kind are refused here with a French message.
 */
export function FileChooser({ file, disabled, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const errorId = useId();

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    const refused = fileProblem(chosen);
    setProblem(refused);
    onChange(refused ? null : chosen);
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) choose(event.dataTransfer.files[0]);
  };

  return (
    <Box
      padding={5}
      hasRadius
      borderStyle="dashed"
      borderWidth="1px"
      borderColor={problem ? 'danger600' : dragging ? 'primary600' : 'neutral300'}
      background={dragging ? 'primary100' : 'neutral100'}
      onDragOver={(event: DragEvent<HTMLDivElement>) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <input
          ref={input}
          type="file"
          accept={ACCEPTED_EXTENSIONS.join(',')}
          hidden
          tabIndex={-1}
          onChange={(event) => {
            choose(event.target.files?.[0]);
            // Choosing the same file again (after fixing it) must fire a change again.
            event.target.value = '';
          }}
        />
        <Button
          variant="tertiary"
          startIcon={<Upload />}
          disabled={disabled}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
          onClick={() => input.current?.click()}
        >
          {file ? 'Choisir un autre fichier' : 'Choisir le fichier à importer'}
        </Button>
        <Typography id={hintId} variant="pi" textColor="neutral600">
          Classeur Excel (.xlsx) ou fichier CSV (.csv). Vous pouvez aussi déposer le fichier dans ce cadre.
        </Typography>
        {file ? (
          <Flex gap={2}>
            <FileIcon aria-hidden />
            <Typography>Fichier choisi :</Typography>
            <Typography fontWeight="bold">{file.name}</Typography>
            <Typography textColor="neutral600">({formatSize(file.size)})</Typography>
          </Flex>
        ) : null}
        <div role="alert">
          {problem ? (
            <Typography id={errorId} textColor="danger600">
              {problem}
            </Typography>
          ) : null}
        </div>
      </Flex>
    </Box>
  );
}
