// Asks where on the target a file goes (or which remote file to fetch), starting from the last
// path used with that target. Files dropped on a tab arrive already chosen; otherwise a file input.
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../bridge/client.js';
import { labelOfSpec, targetIndex } from '../forwards/forward-targets.js';
import { useModel } from '../root/model-context.js';
import { Dialog } from '../ui/Dialog.js';
import { FormEnd } from '../ui/FormEnd.js';
import type { TransferPrompt } from './transfer-store.js';

/** Where an upload goes when the target has no remembered path: writable on nearly every system. */
const DEFAULT_UPLOAD_DIR = '/tmp/';

export function TransferDialog({ prompt }: { prompt: TransferPrompt }) {
  const model = useModel();
  const upload = prompt.direction === 'upload';
  const [files, setFiles] = useState<readonly File[]>(prompt.files);
  const [path, setPath] = useState(prompt.path ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The field the form refused: marked invalid until it is edited, and given the keyboard. */
  const [invalid, setInvalid] = useState<'path' | 'file' | null>(null);
  const pathField = useRef<HTMLInputElement>(null);
  const fileField = useRef<HTMLInputElement>(null);
  const refuse = (field: 'path' | 'file', text: string): void => {
    setError(text);
    setInvalid(field);
    if (field === 'path') pathField.current?.select();
    else fileField.current?.focus();
  };

  useEffect(() => {
    let live = true;
    void model.transfers.lastPath(prompt.target).then((last) => {
      if (!live) return;
      if (!upload) setPath((p) => p || (last ?? ''));
      // An upload starts in the folder of the last path used there.
      else setPath((p) => p || (last ? last.replace(/[^/]*$/, '') : DEFAULT_UPLOAD_DIR));
    });
    return () => void (live = false);
  }, [model, prompt.target, upload]);

  const close = () => model.transfers.closePrompt();
  const submit = async () => {
    const remotePath = path.trim();
    if (remotePath === '') return refuse('path', 'Enter a path on the target.');
    if (upload && files.length === 0) return refuse('file', 'Choose a file to upload.');
    if (upload && files.length > 1 && !remotePath.endsWith('/')) return refuse('path', 'Several files go into a folder: end the path with /.');
    setInvalid(null);
    setBusy(true);
    // The tree's name for the target (a tab may have been renamed), so main's messages use it too.
    const label = labelOfSpec({ target: prompt.target }, targetIndex(model.tree.state));
    try {
      model.panel.show('transfers');
      if (upload) for (const f of files) void model.transfers.upload(prompt.target, label, f, remotePath).catch((err: unknown) => model.toasts.show(errorText(err), 'error'));
      else await model.transfers.download(prompt.target, label, remotePath);
      close();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`${upload ? 'Upload to' : 'Download from'} ${prompt.title}`} closeLabel={`Close ${upload ? 'upload' : 'download'}`} onClose={close} onSubmit={() => void submit()}>
      {upload && prompt.files.length > 0 && (
        <p className="muted transfer-files" title={files.map((f) => f.name).join('\n')}>
          {files.length === 1 ? files[0]?.name : `${files.length} files`}
        </p>
      )}
      {upload && prompt.files.length === 0 && (
        <label className="field">
          <span>File</span>
          <input
            ref={fileField}
            aria-label="File to upload"
            aria-invalid={invalid === 'file' || undefined}
            type="file"
            multiple
            onChange={(e) => {
              setInvalid((was) => (was === 'file' ? null : was));
              setFiles([...(e.target.files ?? [])]);
            }}
          />
        </label>
      )}
      <label className="field">
        <span>{upload ? 'Path on the target (a folder ending in / keeps the file name)' : 'File on the target'}</span>
        <input
          ref={pathField}
          aria-label="Remote path"
          aria-invalid={invalid === 'path' || undefined}
          value={path}
          spellCheck={false}
          placeholder={upload ? '/tmp/' : '/var/log/app.log'}
          onChange={(e) => {
            setInvalid((was) => (was === 'path' ? null : was));
            setPath(e.target.value);
          }}
          autoFocus
        />
      </label>
      <FormEnd error={error} onCancel={close} submit={upload ? 'Upload' : 'Download'} busy={busy} />
    </Dialog>
  );
}
