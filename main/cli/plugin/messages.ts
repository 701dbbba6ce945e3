// The exact lines the real session-manager-plugin prints (protocol §3.6, §7.2, §8, §11), so that
// scripts and people reading the AWS CLI's output see what they are used to.

export const PLUGIN_MESSAGES = {
  installed: '\nThe Session Manager plugin was installed successfully. Use the AWS CLI to start a session.\n\n',
  unknownOperation: (operation: string): string =>
    `\nUnknown operation ${operation}. \nUse session-manager-plugin --version to check the version.\n\n`,
  invalidOperation: 'Invalid Operation\n',
  starting: (sessionId: string): string => `\nStarting session with SessionId: ${sessionId}\n`,
  exiting: (sessionId: string): string => `\n\nExiting session with sessionId: ${sessionId}.\n\n`,
  closedWithOutput: (sessionId: string, output: string): string => `\n\nSessionId: ${sessionId} : ${output}\n\n`,
  cannotStart: (error: string): string => `Cannot perform start session: ${error}\n`,
  timedOut: (sessionId: string): string => `Session: ${sessionId} timed out.\n`,
  /** Basic mode prints the line; mux mode prints it without a newline, then "Waiting…" (§8.2, §8.3). */
  portOpened: (port: number | string, sessionId: string): string => `Port ${port} opened for sessionId ${sessionId}.`,
  waitingForConnections: '\nWaiting for connections...\n',
  connectionAcceptedMux: (sessionId: string): string => `\nConnection accepted for session [${sessionId}]\n`,
  connectionAcceptedBasic: (sessionId: string): string => `Connection accepted for session ${sessionId}.\n`,
  terminateSignal: 'Terminate signal received, exiting.\n',
  connectToPortError: '\nConnection to destination port failed, check SSM Agent logs.\n',
} as const;
