// Live data-channel frames of one session, described: direction, message type, sequence,
// payload type, flags, length and a payload preview; a selected frame shows as hex. Where main
// thinned a flood, a gap row says how many frames are not shown, and the heading keeps the total.
import { useMemo, useRef, useState } from 'react';
import type { InspectorFrame, InspectorGap } from '../../shared/contract/index.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { describeFrame, hexDump } from './frame-describe.js';
import { useInspected } from './InspectorWatch.js';
import { useFollow } from './use-follow.js';
import { counted } from '../../shared/format/words.js';

function time(at: number): string {
  const d = new Date(at);
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function FrameRow({ frame, selected, onSelect }: { frame: InspectorFrame; selected: boolean; onSelect: () => void }) {
  const d = useMemo(() => describeFrame(frame.frameBase64), [frame.frameBase64]);
  return (
    <tr className={`frame-row dir-${frame.direction}${selected ? ' selected' : ''}`} onClick={onSelect}>
      <td className="muted">{time(frame.at)}</td>
      <td className={`frame-dir dir-${frame.direction}`}>{frame.direction === 'in' ? '← in' : '→ out'}</td>
      <td>{frame.messageType}</td>
      <td className="num">{frame.sequence ?? ''}</td>
      <td>{d.payloadType}</td>
      <td>{d.flags}</td>
      <td className="num">{d.payloadLength}</td>
      <td className="frame-preview">{d.preview}</td>
    </tr>
  );
}

/** "412 frames not shown (over 200/s)": the words of a gap row and of the heading's total. */
function notShownText(count: number, maxPerSecond: number): string {
  return `${counted(count, 'frame')} not shown (over ${maxPerSecond}/s)`;
}

function GapRow({ gap }: { gap: InspectorGap }) {
  return (
    <tr className="frame-gap" data-testid="frame-gap">
      <td className="muted">{time(gap.at)}</td>
      <td colSpan={7}>
        <span className="frame-gap-text">⋯ {notShownText(gap.notShown, gap.maxPerSecond)}</span>
      </td>
    </tr>
  );
}

export function InspectorPanel() {
  const model = useModel();
  const ins = useStore(model.inspector);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const follow = useFollow(list, ins.rows);
  // The subscription itself is InspectorWatch's (rendered with this panel, but not loaded lazily).
  const { live, chosen } = useInspected(model);

  if (live.length === 0) return <p className="notice">Open a session to watch its data-channel frames here.</p>;
  const pickedRow = selected !== null ? ins.rows[selected] : undefined;
  const picked = pickedRow?.kind === 'frame' ? pickedRow.frame : undefined;
  const frameCount = ins.rows.filter((r) => r.kind === 'frame').length;
  return (
    <div className="inspector">
      <div className="panel-heading">
        <label className="status-control inspector-session">
          Session
          <select value={chosen ?? ''} onChange={(e) => void model.inspector.watch(e.target.value)}>
            {live.map((t) => (
              <option key={t.key} value={t.sessionId ?? ''}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="frame-count">{counted(frameCount, 'frame')}</span>
        {ins.notShown !== null && (
          <span className="badge badge-warn" data-testid="frames-not-shown" title="Main sends the inspector at most this many frames a second per session; the rest are counted, not shown.">
            {notShownText(ins.notShown.total, ins.notShown.maxPerSecond)}
          </span>
        )}
        <span className="status-spacer" />
        <button className="button button-quiet" onClick={() => model.inspector.setPaused(!ins.paused)}>
          {ins.paused ? 'Resume' : 'Pause'}
        </button>
        <button
          className="button button-quiet"
          onClick={() => {
            setSelected(null);
            model.inspector.clear();
          }}
        >
          Clear
        </button>
      </div>
      {ins.error && (
        <p className="notice notice-error" role="alert">
          {ins.error}
        </p>
      )}
      <div className="inspector-body">
        <div className="frame-table-wrap" ref={list} onScroll={follow.onScroll} data-testid="frame-list" data-following={follow.following}>
          <table className="frame-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Dir</th>
                <th>Message</th>
                <th className="num">Seq</th>
                <th>Payload</th>
                <th>Flags</th>
                <th className="num">Bytes</th>
                <th>Preview</th>
              </tr>
            </thead>
            <tbody>
              {ins.rows.map((r, i) =>
                r.kind === 'gap' ? (
                  <GapRow key={`gap-${r.gap.at}-${i}`} gap={r.gap} />
                ) : (
                  <FrameRow key={`${r.frame.at}-${i}`} frame={r.frame} selected={i === selected} onSelect={() => setSelected(i)} />
                ),
              )}
            </tbody>
          </table>
          {ins.rows.length === 0 && <p className="notice">Waiting for frames: type in the terminal to see input, output and acknowledgements.</p>}
        </div>
        {follow.newerBelow && !follow.following && (
          <button className="button jump-latest" onClick={follow.jumpToLatest}>
            ↓ Jump to latest
          </button>
        )}
        {picked && <pre className="hex-dump">{hexDump(describeFrame(picked.frameBase64).bytes)}</pre>}
      </div>
    </div>
  );
}
