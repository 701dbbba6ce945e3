// Mapped in by tsconfig "paths" for modules a project must not import (electron in main/ and
// renderer/, React and ws in shared/). The import resolves to this module, which exports
// nothing, so any named or default import of it fails to compile.
export {};
