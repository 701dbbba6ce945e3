// Every eslint-disable comment says why, after " -- " (ESLint's own description separator):
// `// eslint-disable-next-line no-control-regex -- refusing control characters is the point`.
// A bare disable hides a finding without telling the next reader whether it is still right.
const DIRECTIVE = /^\s*eslint-disable(?:-next-line|-line)?(?:\s|$)/;

export const disableReason = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Require a reason (" -- why") on every eslint-disable comment.' },
    schema: [],
    messages: { bare: 'Say why this rule is disabled here: add " -- <reason>" to the comment.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          if (DIRECTIVE.test(comment.value) && !/\s--\s+\S/.test(comment.value)) context.report({ loc: comment.loc, messageId: 'bare' });
        }
      },
    };
  },
};
