// Whether the keyboard is in an open dialog (the palette, a form, the settings popover): a
// terminal that appears meanwhile (a tab's session connecting) must not take it from there, or
// what is typed into the dialog goes to the remote shell.
export function keyboardInDialog(): boolean {
  const now = document.activeElement;
  return now !== null && now.closest('[role="dialog"], [role="alertdialog"]') !== null;
}
