// A forward's remote host by its parts, so a cut keeps what tells forwards apart: the first label
// ("orders-primary") gives way last, the rest ("…db.internal") first, and the port after it never
// (forwards-table.css sizes each part). The whole host is in the cell's tooltip and the remote's name.

/** A dotted IPv4 address: short, and no label in it is worth keeping over the rest. */
const IPV4 = /^[\d.]+$/;

export function RemoteHost({ host }: { host: string }) {
  const dot = host.indexOf('.');
  const split = dot > 0 && !IPV4.test(host);
  return (
    <span className="forward-remote-host">
      <span className="forward-remote-head">{split ? host.slice(0, dot) : host}</span>
      {split && <span className="forward-remote-rest">{host.slice(dot)}</span>}
    </span>
  );
}
